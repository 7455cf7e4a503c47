package org.pacificclimate.crmp.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Revisions 25–29 (history tracking, network display names, the weather-anomaly optimisation) add columns,
 * history tables and triggers but must not change a single stored value: PyCDS's test data set, plus rows the
 * history population skips (NULL foreign keys) and rows of the otherwise empty tables, is loaded at
 * {@code 081f17262852} (revision 24), migrated to head and rolled back to revision 24. Each time every table of
 * revision 24 has the same row count and the same md5 of its rows (the columns of revision 24 only, so the new
 * {@code mod_time}, {@code mod_user}, {@code network_display_name} are left out), and every sequence of
 * revision 24 the same state.
 */
class DataPreservationThroughHistoryTrackingTest {

    /** Revision 24 (081f17262852), the one before the first of history tracking. */
    private static final Revision BEFORE = Revision.byId("7ab87f8fbcf4").previous().orElseThrow();
    private static final String HEAD = "f6d5a4c2e901";

    /** Rows the test data set lacks: NULL foreign keys and NULL names, and rows of its empty tables. */
    private static final String AWKWARD_ROWS = """
            SET search_path TO crmp, public;
            INSERT INTO meta_contact (contact_id, name, email) VALUES (900001, 'Contact', 'c@example.org');
            INSERT INTO meta_sensor (sensor_id, name) VALUES (900001, 'Sensor');
            INSERT INTO meta_network (network_id, network_name, contact_id) VALUES (900001, NULL, 900001);
            INSERT INTO meta_station (station_id, native_id, network_id) VALUES (900001, 'no network', NULL);
            INSERT INTO meta_history (history_id, station_id, station_name, sensor_id)
                VALUES (900001, NULL, 'no station', 900001), (900002, 900001, 'station without network', NULL);
            INSERT INTO meta_vars (vars_id, network_id, net_var_name, standard_name, cell_method, display_name)
                VALUES (900001, NULL, 'no_network', 'air_temperature', 'time: point', 'No network');
            INSERT INTO meta_pcic_flag (pcic_flag_id, flag_name, discard) VALUES (900001, 'pcic', true);
            INSERT INTO obs_raw (obs_raw_id, obs_time, mod_time, datum, vars_id, history_id) VALUES
                (900000001, '2001-01-01', '2001-01-02', 1, 900001, 900001),
                (900000002, '2001-01-01', '2001-01-02', 2, NULL, 900002),
                (900000003, '2001-01-01', '2001-01-02', 3, 900001, NULL);
            INSERT INTO obs_raw_pcic_flags (obs_raw_id, pcic_flag_id) VALUES (900000001, 900001);
            INSERT INTO time_bounds (obs_raw_id, start, "end") VALUES (900000001, '2001-01-01', '2001-01-02');
            INSERT INTO obs_derived_values (value_time, mod_time, datum, vars_id, history_id)
                VALUES ('2001-01-01', '2001-01-02', 4, 900001, 900001);
            """;

    @Test
    void everyStoredValueSurvivesTheMigrationToHeadAndTheRollback() throws Exception {
        try (TestDatabase db = TestDatabases.at(BEFORE.id())) {
            db.loadSubsetData("crmp");
            db.execute(AWKWARD_ROWS);
            Map<String, List<String>> columns = columns(db);
            assertEquals(List.of("meta_contact", "meta_history", "meta_native_flag", "meta_network", "meta_pcic_flag",
                    "meta_sensor", "meta_station", "meta_vars", "obs_derived_values", "obs_raw", "obs_raw_native_flags",
                    "obs_raw_pcic_flags", "time_bounds"), List.copyOf(columns.keySet()));
            Map<String, String> before = fingerprint(db, columns);
            assertEquals(List.of("9", "51", "52", "104", "1972"), List.of("meta_network", "meta_station", "meta_history",
                    "meta_vars", "obs_raw").stream().map(t -> before.get(t).split(",")[0]).toList());
            List<String> sequences = sequences(db);

            db.migrations().updateTo(HEAD);
            assertEquals(before, fingerprint(db, columns), "at head");
            assertEquals(sequences, sequences(db).subList(0, sequences.size()), "sequences at head");
            // The history tables hold the rows whose foreign keys are all set.
            assertEquals("9,50,50,103,1969", db.value("SELECT concat_ws(',',"
                    + " (SELECT count(*) FROM crmp.meta_network_hx), (SELECT count(*) FROM crmp.meta_station_hx),"
                    + " (SELECT count(*) FROM crmp.meta_history_hx), (SELECT count(*) FROM crmp.meta_vars_hx),"
                    + " (SELECT count(*) FROM crmp.obs_raw_hx))"));

            db.migrations().rollbackTo(BEFORE.id());
            assertEquals(columns, columns(db), "the tables and columns of revision 24 again");
            assertEquals(before, fingerprint(db, columns), "after the rollback");
            assertEquals(sequences, sequences(db), "sequences after the rollback");
        }
    }

    /** Ordinary tables of schema crmp (changelog tables and history tables aside) → their columns in order. */
    private static Map<String, List<String>> columns(TestDatabase db) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String table : db.column("SELECT tablename FROM pg_tables WHERE schemaname = 'crmp'"
                + " AND tablename NOT LIKE 'databasechangelog%' AND tablename NOT LIKE '%\\_hx' ORDER BY 1")) {
            columns.put(table, db.column("SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = 'crmp."
                    + table + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum"));
        }
        return columns;
    }

    /** Table → "row count,md5 of its rows (the given columns) as text, sorted". */
    private static Map<String, String> fingerprint(TestDatabase db, Map<String, List<String>> columns)
            throws SQLException {
        Map<String, String> fingerprint = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> table : columns.entrySet()) {
            fingerprint.put(table.getKey(), db.value("SELECT count(*) || ',' || md5(coalesce(string_agg(r, E'\\n'"
                    + " ORDER BY r COLLATE \"C\"), '')) FROM (SELECT ROW(" + String.join(", ", table.getValue())
                    + ")::text AS r FROM crmp." + table.getKey() + ") AS rows"));
        }
        return fingerprint;
    }

    /** "name: last_value, is_called" of every sequence of schema crmp, history sequences last. */
    private static List<String> sequences(TestDatabase db) throws SQLException {
        return db.column("SELECT sequencename || ': ' || coalesce(last_value::text, 'null') FROM pg_sequences"
                + " WHERE schemaname = 'crmp' ORDER BY sequencename LIKE '%\\_hx\\_%', sequencename");
    }
}
