package org.pacificclimate.crmp.testsupport;

import java.sql.SQLException;

/** PyCDS's test data set at revisions where {@link TestDatabase#loadSubsetData(String)} cannot load it directly. */
public final class SubsetData {

    private SubsetData() {
    }

    /**
     * Loads PyCDS's test data set into {@code schema} before revision {@code 879f0efa125f}, which adds the
     * {@code meta_station.publish} column the data's INSERTs name: adds a plain {@code publish boolean} column,
     * loads the data, then drops the column again, so the schema is exactly as before plus the rows.
     */
    public static void loadBeforePublishColumn(TestDatabase db, String schema) throws SQLException {
        db.execute("ALTER TABLE " + schema + ".meta_station ADD COLUMN publish boolean");
        db.loadSubsetData(schema);
        db.execute("ALTER TABLE " + schema + ".meta_station DROP COLUMN publish");
    }
}
