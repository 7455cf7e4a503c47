package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revision 879f0efa125f, "add publish column to meta station": {@code meta_station.publish boolean NOT NULL
 * DEFAULT true}, appended last, existing stations published; the rollback drops the column (revisions.md §12).
 */
class Rev012_879f0efa125f_AddPublishColumnToMetaStationTest {

    private static final String BEFORE = "7b139906ac46";
    private static final String REVISION = "879f0efa125f";

    private static final String COLUMNS = "SELECT column_name FROM information_schema.columns"
            + " WHERE table_schema = 'crmp' AND table_name = 'meta_station' ORDER BY ordinal_position";

    private static void seedStations(TestDatabase db) throws SQLException {
        db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one');"
                + "INSERT INTO crmp.meta_station (station_id, native_id, network_id, min_obs_time) VALUES"
                + " (1, 'A', 1, '2001-02-03 04:05:06'), (2, 'B', 1, NULL), (3, NULL, NULL, NULL)");
    }

    @Test
    void existingStationsArePublishedAndKeepTheirValuesThroughUpgradeAndRollback() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE)) {
            seedStations(db);
            updateTo(db, REVISION);
            assertEquals(List.of("1,A,1,2001-02-03 04:05:06,t", "2,B,1,t", "3,t"), db.column(
                    "SELECT concat_ws(',', station_id, native_id, network_id, min_obs_time, publish)"
                            + " FROM crmp.meta_station ORDER BY station_id"));
            assertEquals(List.of("station_id", "native_id", "network_id", "min_obs_time", "max_obs_time", "publish"),
                    db.column(COLUMNS));

            rollbackTo(db, BEFORE);
            assertEquals(List.of("station_id", "native_id", "network_id", "min_obs_time", "max_obs_time"),
                    db.column(COLUMNS));
            assertEquals(List.of("1,A,1,2001-02-03 04:05:06", "2,B,1", "3"), db.column(
                    "SELECT concat_ws(',', station_id, native_id, network_id, min_obs_time)"
                            + " FROM crmp.meta_station ORDER BY station_id"));
        }
    }

    @Test
    void publishDefaultsToTrueAndRejectsNull() throws Exception {
        try (TestDatabase db = TestDatabases.at(REVISION)) {
            db.execute("INSERT INTO crmp.meta_station (station_id, native_id) VALUES (1, 'default')");
            db.execute("INSERT INTO crmp.meta_station (station_id, native_id, publish) VALUES (2, 'hidden', false)");
            SQLException e = assertThrows(SQLException.class, () -> db.execute(
                    "INSERT INTO crmp.meta_station (station_id, native_id, publish) VALUES (3, 'null', NULL)"));
            assertEquals("23502", e.getSQLState());
            assertEquals(List.of("1,t", "2,f"), db.column(
                    "SELECT concat_ws(',', station_id, publish) FROM crmp.meta_station ORDER BY station_id"));
        }
    }

    // Liquibase switches the shared connection's autocommit off and leaves it so; switch it back after each
    // migration, or the test's own statements would stay in an open transaction that the next migration
    // rolls back.
    private static void updateTo(TestDatabase db, String revision) throws Exception {
        db.migrations().updateTo(revision);
        db.connection().setAutoCommit(true);
    }

    private static void rollbackTo(TestDatabase db, String revision) throws Exception {
        db.migrations().rollbackTo(revision);
        db.connection().setAutoCommit(true);
    }
}
