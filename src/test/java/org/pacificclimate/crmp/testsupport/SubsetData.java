package org.pacificclimate.crmp.testsupport;

import java.sql.SQLException;

/** PyCDS's test data set at revisions that do not have every column the data names. */
public final class SubsetData {

    private SubsetData() {
    }

    /**
     * Loads PyCDS's test data set into {@code schema} when {@code meta_station} has no {@code publish} column
     * yet (before revision {@code 879f0efa125f}): adds the column for the load and drops it again, so the data
     * loads exactly as in {@link TestDatabase#loadSubsetData(String)} minus the stations' publish values.
     */
    public static void loadBeforePublishColumn(TestDatabase db, String schema) throws SQLException {
        db.execute("ALTER TABLE " + schema + ".meta_station ADD COLUMN publish boolean");
        db.loadSubsetData(schema);
        db.execute("ALTER TABLE " + schema + ".meta_station DROP COLUMN publish");
    }
}
