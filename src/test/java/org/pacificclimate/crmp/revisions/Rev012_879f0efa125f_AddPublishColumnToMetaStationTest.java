package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision 879f0efa125f, "add publish column to meta station"
 * ({@code changelog/revisions/012-879f0efa125f-add-publish-column-to-meta-station.yaml}):
 * {@code meta_station.publish boolean NOT NULL DEFAULT true}, appended last, existing stations published; the
 * rollback drops the column, and its values are lost ({@code docs/known-defects.md}).
 */
class Rev012_879f0efa125f_AddPublishColumnToMetaStationTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("879f0efa125f");

    private static final String COLUMNS = "SELECT column_name FROM information_schema.columns"
            + " WHERE table_schema = 'crmp' AND table_name = 'meta_station' ORDER BY ordinal_position";

    private static void seedStations(TestDatabase db) throws SQLException {
        db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'one');"
                + "INSERT INTO crmp.meta_station (station_id, native_id, network_id, min_obs_time) VALUES"
                + " (1, 'A', 1, '2001-02-03 04:05:06'), (2, 'B', 1, NULL), (3, NULL, NULL, NULL)");
    }

    @Nested
    class Upgrade {

        @Test
        void publishesTheExistingStationsAndKeepsTheirValues() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedStations(db);
                REVISION.upgrade(db);
                assertEquals(List.of("1,A,1,2001-02-03 04:05:06,t", "2,B,1,t", "3,t"), db.column(
                        "SELECT concat_ws(',', station_id, native_id, network_id, min_obs_time, publish)"
                                + " FROM crmp.meta_station ORDER BY station_id"));
            }
        }

        @Test
        void appendsPublishAsTheLastColumn() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedStations(db);
                REVISION.upgrade(db);
                assertEquals(List.of("station_id", "native_id", "network_id", "min_obs_time", "max_obs_time", "publish"),
                        db.column(COLUMNS));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void dropsThePublishColumn() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedStations(db);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(List.of("station_id", "native_id", "network_id", "min_obs_time", "max_obs_time"),
                        db.column(COLUMNS));
            }
        }

        @Test
        void keepsTheStationsOtherValues() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                seedStations(db);
                REVISION.upgrade(db);
                REVISION.rollBack(db);
                assertEquals(List.of("1,A,1,2001-02-03 04:05:06", "2,B,1", "3"), db.column(
                        "SELECT concat_ws(',', station_id, native_id, network_id, min_obs_time)"
                                + " FROM crmp.meta_station ORDER BY station_id"));
            }
        }
    }

    @Nested
    class PublishColumn {

        @Test
        void defaultsToTrue() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("INSERT INTO crmp.meta_station (station_id, native_id) VALUES (1, 'default')");
                db.execute("INSERT INTO crmp.meta_station (station_id, native_id, publish) VALUES (2, 'hidden', false)");
                assertEquals(List.of("1,t", "2,f"), db.column(
                        "SELECT concat_ws(',', station_id, publish) FROM crmp.meta_station ORDER BY station_id"));
            }
        }

        @Test
        void rejectsNull() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                SQLException e = assertThrows(SQLException.class, () -> db.execute(
                        "INSERT INTO crmp.meta_station (station_id, native_id, publish) VALUES (3, 'null', NULL)"));
                assertEquals("23502", e.getSQLState());
                assertEquals(List.of(), db.column("SELECT station_id FROM crmp.meta_station"));
            }
        }
    }
}
