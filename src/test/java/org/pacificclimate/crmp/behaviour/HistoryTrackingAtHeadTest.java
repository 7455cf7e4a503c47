package org.pacificclimate.crmp.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * History tracking on the real tables at head: {@code meta_network}, {@code meta_station}, {@code meta_history},
 * {@code meta_vars}, {@code obs_raw} and their {@code *_hx} tables (created by revisions a59d64cf16ca and
 * 8c05da87cb79, {@code meta_network_hx} rebuilt by 33179b5ae85a), kept by the trigger functions of 7ab87f8fbcf4
 * ({@code changelog/objects/functions/hxtk_primary_control_hx_cols/7ab87f8fbcf4.sql},
 * {@code hxtk_primary_ops_to_hx/7ab87f8fbcf4.sql}, {@code hxtk_add_foreign_hx_keys/7ab87f8fbcf4.sql}). What the
 * revision tests ({@code Rev026…}, {@code Rev027…}, at their own revisions) and {@code HistoryTrackingTriggersTest}
 * (generic tables) do not cover: exact history rows of every tracked table at head (ids, values, {@code deleted},
 * stamps, {@code network_display_name}), foreign history ids along the whole chain network → station → history →
 * observation and variable, one {@code mod_time} per transaction, the acting role as {@code mod_user}, and
 * reconstructing every tracked table as it was at a past instant from its history. Tracking whatever the search
 * path is tested in {@code FunctionEdgeCasesAtHeadTest}.
 */
class HistoryTrackingAtHeadTest {

    private static final String HEAD = "f6d5a4c2e901";

    /** Tracked table → its primary key. */
    private static final Map<String, String> TRACKED = new LinkedHashMap<>();

    static {
        TRACKED.put("meta_network", "network_id");
        TRACKED.put("meta_station", "station_id");
        TRACKED.put("meta_history", "history_id");
        TRACKED.put("meta_vars", "vars_id");
        TRACKED.put("obs_raw", "obs_raw_id");
    }

    private static TestDatabase head() throws SQLException {
        TestDatabase db = TestDatabases.at(HEAD);
        db.execute("SET search_path TO crmp, public");
        return db;
    }

    @Test
    void aNetworksInsertUpdateAndDeleteAreRecordedWithNowAndTheSessionUserWhateverTheStatementSupplies()
            throws Exception {
        try (TestDatabase db = head()) {
            String before = db.value("SELECT localtimestamp");
            db.execute("INSERT INTO meta_network (network_name, description, mod_time, mod_user)"
                    + " VALUES ('zzz', 'first', '2000-01-01', 'bob')");
            db.execute("UPDATE meta_network SET description = 'second', mod_time = '2000-01-01', mod_user = 'bob'");
            List<String> main = db.rows("SELECT mod_time, mod_user FROM meta_network").get(0);
            db.execute("DELETE FROM meta_network");
            String after = db.value("SELECT localtimestamp");
            // The first history id at head is 2: 33179b5ae85a sets the sequence to coalesce(max, 1) as called, as
            // PyCDS does (docs/known-defects.md); the display name defaults to the name.
            assertEquals(List.of("1,zzz,first,zzz,f,tester,2", "1,zzz,second,zzz,f,tester,3",
                            "1,zzz,second,zzz,t,tester,4"),
                    db.column("SELECT concat_ws(',', network_id, network_name, description, network_display_name,"
                            + " deleted, mod_user, meta_network_hx_id) FROM meta_network_hx ORDER BY meta_network_hx_id"));
            assertEquals("tester", main.get(1));
            // Each statement ran in its own transaction: stamps increase, between the instants around them, and
            // the main row carried the same stamp as its history row.
            List<String> times = db.column("SELECT mod_time FROM meta_network_hx ORDER BY meta_network_hx_id");
            assertEquals(main.get(0), times.get(1));
            assertEquals("t", db.value("SELECT bool_and(mod_time BETWEEN '" + before + "' AND '" + after + "')"
                    + " AND count(DISTINCT mod_time) = 3 FROM meta_network_hx"));
            assertEquals(times, db.column("SELECT mod_time FROM meta_network_hx ORDER BY mod_time"));
        }
    }

    @Test
    void foreignHistoryIdsAlongTheChainAreTheLatestHistoryOfTheReferencedItemWhenTheRowIsWritten()
            throws Exception {
        try (TestDatabase db = head()) {
            db.execute("INSERT INTO meta_network (network_name) VALUES ('n1')");                        // network hx 2
            db.execute("UPDATE meta_network SET description = 'd1'");                                 // network hx 3
            db.execute("INSERT INTO meta_station (native_id, network_id) VALUES ('S1', 1)");           // station hx 1 → 3
            db.execute("INSERT INTO meta_station (native_id, network_id) VALUES ('S2', NULL)");        // station hx 2 → NULL
            db.execute("UPDATE meta_network SET description = 'd2'");                                 // network hx 4
            db.execute("UPDATE meta_station SET native_id = 'S1b' WHERE station_id = 1");               // station hx 3 → 4
            db.execute("INSERT INTO meta_history (station_id, station_name, freq) VALUES (1, 'H1', 'daily')"); // 1 → 3
            db.execute("INSERT INTO meta_vars (network_id, net_var_name, standard_name, cell_method, display_name)"
                    + " VALUES (1, 'v1', 'air_temperature', 'time: point', 'V1')");                    // vars hx 1 → 4
            db.execute("INSERT INTO obs_raw (obs_time, datum, vars_id, history_id)"
                    + " VALUES ('2000-01-01', 1.5, 1, 1)");                                           // obs hx 1 → 1, 1
            db.execute("UPDATE meta_station SET publish = false WHERE station_id = 1");                 // station hx 4 → 4
            db.execute("UPDATE meta_history SET station_name = 'H1b'");                                // history hx 2 → 4
            db.execute("UPDATE meta_vars SET unit = 'C'");                                             // vars hx 2 → 4
            db.execute("UPDATE obs_raw SET datum = 2.5");                                              // obs hx 2 → 2, 2
            db.execute("DELETE FROM obs_raw");                                                         // obs hx 3 → 2, 2
            db.execute("UPDATE meta_history SET freq = freq");                                         // history hx 3 → 4

            assertEquals(List.of("1,n1,,f,2", "1,n1,d1,f,3", "1,n1,d2,f,4"), db.column(
                    "SELECT concat_ws(',', network_id, network_name, coalesce(description, ''), deleted, meta_network_hx_id)"
                            + " FROM meta_network_hx ORDER BY meta_network_hx_id"));
            assertEquals(List.of("1,S1,1,t,f,1,3", "2,S2,,t,f,2,", "1,S1b,1,t,f,3,4", "1,S1b,1,f,f,4,4"), db.column(
                    "SELECT concat_ws(',', station_id, native_id, coalesce(network_id::text, ''), publish, deleted,"
                            + " meta_station_hx_id, coalesce(meta_network_hx_id::text, ''))"
                            + " FROM meta_station_hx ORDER BY meta_station_hx_id"));
            // The history's first row keeps the station history id of its time (3), later rows the newest (4);
            // an update that changes nothing still appends a row.
            assertEquals(List.of("1,1,H1,daily,f,1,3", "1,1,H1b,daily,f,2,4", "1,1,H1b,daily,f,3,4"), db.column(
                    "SELECT concat_ws(',', history_id, station_id, station_name, freq, deleted, meta_history_hx_id,"
                            + " meta_station_hx_id) FROM meta_history_hx ORDER BY meta_history_hx_id"));
            assertEquals(List.of("1,1,v1,,f,1,4", "1,1,v1,C,f,2,4"), db.column(
                    "SELECT concat_ws(',', vars_id, network_id, net_var_name, coalesce(unit, ''), deleted, meta_vars_hx_id,"
                            + " meta_network_hx_id) FROM meta_vars_hx ORDER BY meta_vars_hx_id"));
            assertEquals(List.of("1,2000-01-01 00:00:00,1.5,1,1,f,1,1,1", "1,2000-01-01 00:00:00,2.5,1,1,f,2,2,2",
                            "1,2000-01-01 00:00:00,2.5,1,1,t,3,2,2"), db.column(
                    "SELECT concat_ws(',', obs_raw_id, obs_time, datum, vars_id, history_id, deleted, obs_raw_hx_id,"
                            + " meta_history_hx_id, meta_vars_hx_id) FROM obs_raw_hx ORDER BY obs_raw_hx_id"));
        }
    }

    @Test
    void anObservationWrittenAfterItsHistoryAndVariableChangedPointsAtTheirNewestHistoryRows() throws Exception {
        try (TestDatabase db = head()) {
            db.execute("INSERT INTO meta_network (network_name) VALUES ('n1');"
                    + "INSERT INTO meta_station (native_id, network_id) VALUES ('S1', 1);"
                    + "INSERT INTO meta_history (station_id, station_name) VALUES (1, 'H1');"
                    + "INSERT INTO meta_vars (network_id, net_var_name, standard_name, cell_method, display_name)"
                    + " VALUES (1, 'v1', 's', 'c', 'd');"
                    + "INSERT INTO obs_raw (obs_time, datum, vars_id, history_id) VALUES ('2000-01-01', 1, 1, 1);"
                    + "UPDATE meta_history SET station_name = 'H1b';"
                    + "UPDATE meta_vars SET unit = 'u';"
                    + "UPDATE meta_vars SET unit = 'v';"
                    + "UPDATE obs_raw SET datum = 2;"
                    + "INSERT INTO obs_raw (obs_time, datum, vars_id, history_id) VALUES ('2000-01-02', 3, 1, 1);");
            assertEquals(List.of("1,1,1,1", "1,2,2,3", "2,3,2,3"), db.column("SELECT concat_ws(',', obs_raw_id,"
                    + " obs_raw_hx_id, meta_history_hx_id, meta_vars_hx_id) FROM obs_raw_hx ORDER BY obs_raw_hx_id"));
        }
    }

    @Test
    void allChangesOfOneTransactionShareItsStartTimeAndEachRowRecordsTheRoleThatWroteIt() throws Exception {
        try (TestDatabase db = head(); Connection c = db.newConnection(TestDatabases.MIGRATION_USER);
             Statement s = c.createStatement()) {
            s.execute("SET search_path TO crmp, public");
            c.setAutoCommit(false);
            String start = value(s, "SELECT localtimestamp");
            s.execute("SELECT pg_sleep(0.01)");
            s.execute("INSERT INTO meta_network (network_name) VALUES ('n1')");
            s.execute("INSERT INTO meta_station (native_id, network_id) VALUES ('S1', 1)");
            // The elevated role (the migration user is a member of it) writes the history and the observation.
            s.execute("SET ROLE pcicdba");
            s.execute("INSERT INTO meta_history (station_id, station_name) VALUES (1, 'H1')");
            s.execute("INSERT INTO meta_vars (network_id, net_var_name, standard_name, cell_method, display_name)"
                    + " VALUES (1, 'v1', 's', 'c', 'd')");
            s.execute("INSERT INTO obs_raw (obs_time, datum, vars_id, history_id, mod_time, mod_user)"
                    + " VALUES ('2000-01-01', 1, 1, 1, '1999-01-01', 'tester')");
            s.execute("RESET ROLE");
            s.execute("UPDATE meta_network SET description = 'later in the same transaction'");
            c.commit();
            c.setAutoCommit(true);

            List<String> expected = List.of("meta_network,tester", "meta_station,tester", "meta_history,pcicdba",
                    "meta_vars,pcicdba", "obs_raw,pcicdba");
            for (String suffix : List.of("", "_hx")) {
                StringBuilder query = new StringBuilder();
                for (String table : TRACKED.keySet()) {
                    if (query.length() > 0) {
                        query.append(" UNION ALL ");
                    }
                    query.append("(SELECT '").append(table).append("' || ',' || mod_user || ',' || (mod_time = '")
                            .append(start).append("') FROM ").append(table).append(suffix).append(" ORDER BY ")
                            .append("mod_time DESC LIMIT 1)");
                }
                List<String> rows = db.column(query.toString());
                assertEquals(expected.stream().map(e -> e + ",true").toList(), rows, "tables" + suffix);
            }
            assertEquals("2,3", db.value("SELECT string_agg(meta_network_hx_id::text, ',' ORDER BY meta_network_hx_id)"
                    + " FROM meta_network_hx WHERE mod_time = '" + start + "'"));
        }
    }

    @Test
    void aDeleteRecordsTheLastStateWithTheDeletersRoleAndTime() throws Exception {
        try (TestDatabase db = head()) {
            db.execute("INSERT INTO meta_network (network_name, description) VALUES ('n1', 'kept');"
                    + "INSERT INTO meta_station (native_id, network_id, publish) VALUES ('S1', 1, false)");
            String inserted = db.value("SELECT mod_time FROM meta_station");
            String deletion;
            try (Connection c = db.newConnection(TestDatabases.MIGRATION_USER); Statement s = c.createStatement()) {
                s.execute("SET search_path TO crmp, public");
                c.setAutoCommit(false);
                s.execute("SET ROLE pcicdba");
                deletion = value(s, "SELECT localtimestamp");
                s.execute("DELETE FROM meta_station");
                s.execute("DELETE FROM meta_network");
                c.commit();
            }
            assertTrue(deletion.compareTo(inserted) > 0, deletion + " after " + inserted);
            assertEquals(List.of("0,0"), db.column("SELECT (SELECT count(*) FROM meta_network) || ',' ||"
                    + " (SELECT count(*) FROM meta_station)"));
            assertEquals(List.of("1,S1,1,f,tester,f," + inserted, "1,S1,1,f,pcicdba,t," + deletion), db.column(
                    "SELECT concat_ws(',', station_id, native_id, network_id, publish, mod_user, deleted, mod_time)"
                            + " FROM meta_station_hx ORDER BY meta_station_hx_id"));
            assertEquals(List.of("n1,kept,n1,tester,f", "n1,kept,n1,pcicdba,t"), db.column(
                    "SELECT concat_ws(',', network_name, description, network_display_name, mod_user, deleted)"
                            + " FROM meta_network_hx ORDER BY meta_network_hx_id"));
        }
    }

    /**
     * Loads the test data set, then changes every tracked table in two later transactions (inserts, updates,
     * deletes); the state of each table at three instants — after the load, after the first and after the
     * second transaction — is the latest history row per key written at or before that instant, unless it is
     * a deletion.
     */
    @Test
    void theHistoryTablesReconstructEveryTrackedTableAsItWasAtAPastInstant() throws Exception {
        try (TestDatabase db = head()) {
            db.loadSubsetData("crmp");
            List<String> instants = new ArrayList<>();
            List<Map<String, List<String>>> states = new ArrayList<>();
            instants.add(db.value("SELECT clock_timestamp()::timestamp"));
            states.add(state(db));

            // A history without observations (and its station) goes; a new station, history, variable and
            // observations come; others change.
            String emptyHistory = db.value("SELECT min(history_id) FROM meta_history h"
                    + " WHERE NOT EXISTS (SELECT 1 FROM obs_raw o WHERE o.history_id = h.history_id)");
            String unflagged = "SELECT obs_raw_id FROM obs_raw o WHERE NOT EXISTS (SELECT 1 FROM obs_raw_native_flags f"
                    + " WHERE f.obs_raw_id = o.obs_raw_id) ORDER BY obs_raw_id";
            List<String> unflaggedIds = db.column(unflagged);
            db.execute("BEGIN;"
                    + "UPDATE meta_network SET description = 'changed once' WHERE network_id IN (1, 5);"
                    + "DELETE FROM meta_history WHERE history_id = " + emptyHistory + ";"
                    + "DELETE FROM meta_station WHERE station_id NOT IN (SELECT station_id FROM meta_history"
                    + "  WHERE station_id IS NOT NULL);"
                    + "INSERT INTO meta_station (station_id, native_id, network_id) VALUES (900001, 'NEW', 1);"
                    + "INSERT INTO meta_history (history_id, station_id, station_name, freq)"
                    + "  VALUES (900001, 900001, 'New history', 'daily');"
                    + "INSERT INTO meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)"
                    + "  VALUES (900001, 1, 'newvar', 'air_temperature', 'time: point', 'New');"
                    + "INSERT INTO obs_raw (obs_raw_id, obs_time, datum, vars_id, history_id) VALUES"
                    + "  (900000001, '2020-01-01', 1, 900001, 900001), (900000002, '2020-01-02', 2, 900001, 900001);"
                    + "UPDATE obs_raw SET datum = datum + 100 WHERE obs_raw_id IN (" + unflaggedIds.get(0) + ", "
                    + unflaggedIds.get(1) + ");"
                    + "DELETE FROM obs_raw WHERE obs_raw_id = " + unflaggedIds.get(2) + ";"
                    + "UPDATE meta_vars SET unit = 'changed' WHERE vars_id IN (SELECT min(vars_id) FROM meta_vars);"
                    + "COMMIT;");
            instants.add(db.value("SELECT clock_timestamp()::timestamp"));
            states.add(state(db));

            db.execute("BEGIN;"
                    + "UPDATE meta_network SET description = 'changed twice' WHERE network_id = 1;"
                    + "UPDATE meta_station SET native_id = 'NEWER', publish = false WHERE station_id = 900001;"
                    + "UPDATE meta_history SET station_name = 'Newer history' WHERE history_id = 900001;"
                    + "DELETE FROM obs_raw WHERE obs_raw_id = 900000001;"
                    + "UPDATE obs_raw SET datum = 20 WHERE obs_raw_id = 900000002;"
                    + "DELETE FROM obs_raw WHERE obs_raw_id = " + unflaggedIds.get(0) + ";"
                    + "COMMIT;");
            instants.add(db.value("SELECT clock_timestamp()::timestamp"));
            states.add(state(db));

            // The three states differ from each other in every table that changed.
            assertEquals(List.of(8, 50, 50, 103, 1969), states.get(0).values().stream().map(List::size).toList());
            assertEquals(List.of(8, 50, 50, 104, 1970), states.get(1).values().stream().map(List::size).toList());
            assertEquals(List.of(8, 50, 50, 104, 1968), states.get(2).values().stream().map(List::size).toList());
            for (int i = 0; i < instants.size(); i++) {
                Map<String, List<String>> reconstructed = reconstruct(db, instants.get(i));
                for (String table : TRACKED.keySet()) {
                    assertEquals(states.get(i).get(table), reconstructed.get(table), table + " at instant " + i);
                }
            }
            // Before the load there was nothing.
            reconstruct(db, "2000-01-01").values().forEach(rows -> assertEquals(List.of(), rows));
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The main columns of a tracked table, in order. */
    private static List<String> columns(TestDatabase db, String table) throws SQLException {
        return db.column("SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = 'crmp." + table + "'::regclass"
                + " AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
    }

    /** Every row of every tracked table as text, in key order. */
    private static Map<String, List<String>> state(TestDatabase db) throws SQLException {
        Map<String, List<String>> state = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : TRACKED.entrySet()) {
            state.put(t.getKey(), db.column("SELECT ROW(" + String.join(", ", columns(db, t.getKey())) + ")::text FROM "
                    + t.getKey() + " ORDER BY " + t.getValue()));
        }
        return state;
    }

    /** Every tracked table as its history says it was at {@code instant}: the time-travel query. */
    private static Map<String, List<String>> reconstruct(TestDatabase db, String instant) throws SQLException {
        Map<String, List<String>> state = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : TRACKED.entrySet()) {
            String table = t.getKey();
            String key = t.getValue();
            state.put(table, db.column("SELECT ROW(" + String.join(", ", columns(db, table)) + ")::text"
                    + " FROM (SELECT DISTINCT ON (" + key + ") * FROM " + table + "_hx"
                    + " WHERE mod_time <= '" + instant + "' ORDER BY " + key + ", " + table + "_hx_id DESC) AS latest"
                    + " WHERE NOT deleted ORDER BY " + key));
        }
        return state;
    }

    private static String value(Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
