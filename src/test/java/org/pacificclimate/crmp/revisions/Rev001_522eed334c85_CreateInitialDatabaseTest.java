package org.pacificclimate.crmp.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;

import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Revision {@code 522eed334c85} "Create initial database"
 * ({@code changelog/revisions/001-522eed334c85-create-initial-database.yaml}), the base of the chain: the legacy
 * CRMP tables with their keys and constraints ({@code changelog/objects/tables/<name>/522eed334c85.sql}), among
 * them the five "fake matview" tables, and the four companion views that hold the fake matviews' defining queries
 * ({@code changelog/objects/views/<name>/522eed334c85.sql}). The upgrade starts from an empty schema; rolling it
 * back empties the schema again.
 */
class Rev001_522eed334c85_CreateInitialDatabaseTest {

    private static final RevisionUnderTest REVISION = RevisionUnderTest.of("522eed334c85");

    /** A network, a station in it, a sensor, a history of the station and a variable of the network. */
    private static final String METADATA = """
            INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'Network 1');
            INSERT INTO crmp.meta_station (station_id, native_id, network_id) VALUES (10, 'S10', 1);
            INSERT INTO crmp.meta_history (history_id, station_id, station_name) VALUES (100, 10, 'Station 10');
            INSERT INTO crmp.meta_vars (vars_id, net_var_name, standard_name, cell_method, network_id)
                VALUES (1000, 'T', 'air_temperature', 'time: point', 1);
            """;

    private static final String OBSERVATION = "INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, datum, "
            + "vars_id, history_id) VALUES (%d, '%s', '2020-01-01', 1.0, 1000, 100)";

    /** The upgrade, applied to an empty schema, creates the tables, views and constraints of the revision. */
    @Nested
    class Upgrade {

        @Test
        void theNineteenTablesAndTheFourCompanionViewsExist() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                assertEquals(List.of(), relations(db, "r"));
                assertEquals(List.of(), relations(db, "v"));
                REVISION.upgrade(db);
                assertEquals(List.of("climo_obs_count_mv", "collapsed_vars_mv", "meta_climo_attrs", "meta_contact",
                        "meta_history", "meta_native_flag", "meta_network", "meta_pcic_flag", "meta_sensor", "meta_station",
                        "meta_vars", "obs_count_per_month_history_mv", "obs_derived_values", "obs_raw",
                        "obs_raw_native_flags", "obs_raw_pcic_flags", "station_obs_stats_mv", "time_bounds",
                        "vars_per_history_mv"), relations(db, "r"));
                assertEquals(List.of("climo_obs_count_v", "collapsed_vars_v", "obs_count_per_month_history_v",
                        "station_obs_stats_v"), relations(db, "v"));
            }
        }

        @Test
        void primaryKeysAreOnTheSpecifiedColumnsAndThreeTablesHaveNone() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                assertEquals(List.of(
                        "climo_obs_count_mv climo_obs_count_mv_pkey (history_id)",
                        "collapsed_vars_mv collapsed_vars_mv_pkey (history_id)",
                        "meta_climo_attrs meta_climo_attrs_pkey (vars_id, station_id, month)",
                        "meta_contact meta_contact_pkey (contact_id)",
                        "meta_history meta_history_pkey (history_id)",
                        "meta_native_flag meta_native_flag_pkey (native_flag_id)",
                        "meta_network meta_network_pkey (network_id)",
                        "meta_pcic_flag meta_pcic_flag_pkey (pcic_flag_id)",
                        "meta_sensor meta_sensor_pkey (sensor_id)",
                        "meta_station meta_station_pkey (station_id)",
                        "meta_vars meta_vars_pkey (vars_id)",
                        "obs_count_per_month_history_mv obs_count_per_month_history_mv_pkey (date_trunc, history_id)",
                        "obs_derived_values obs_derived_values_pkey (obs_derived_value_id)",
                        "obs_raw obs_raw_pkey (obs_raw_id)",
                        "time_bounds time_bounds_pkey (obs_raw_id)",
                        "vars_per_history_mv vars_per_history_mv_pkey (history_id, vars_id)"),
                        constraints(db, "p"));
            }
        }

        @Test
        void uniqueConstraintsAreOnTheSpecifiedColumns() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                assertEquals(List.of(
                        "meta_native_flag meta_native_flag_unique (network_id, value)",
                        "obs_derived_values obs_derived_value_time_place_variable_unique (value_time, history_id, vars_id)",
                        "obs_raw time_place_variable_unique (obs_time, history_id, vars_id)",
                        "obs_raw_native_flags obs_raw_native_flag_unique (obs_raw_id, native_flag_id)",
                        "obs_raw_pcic_flags obs_raw_pcic_flag_unique (obs_raw_id, pcic_flag_id)"),
                        constraints(db, "u"));
            }
        }

        @Test
        void foreignKeysReferenceTheSpecifiedTablesWithoutActions() throws Exception {
            try (TestDatabase db = REVISION.databaseBefore()) {
                REVISION.upgrade(db);
                List<String> keys = db.column("""
                        SELECT t.relname || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
                          FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                         WHERE c.connamespace = 'crmp'::regnamespace AND c.contype = 'f'
                         ORDER BY t.relname, c.conname""").stream().map(s -> s.replace("REFERENCES crmp.", "REFERENCES "))
                        .toList();
                assertEquals(List.of(
                        "climo_obs_count_mv climo_obs_count_mv_history_id_fkey FOREIGN KEY (history_id) REFERENCES meta_history(history_id)",
                        "collapsed_vars_mv collapsed_vars_mv_history_id_fkey FOREIGN KEY (history_id) REFERENCES meta_history(history_id)",
                        "meta_climo_attrs meta_climo_attrs_station_id_fkey FOREIGN KEY (station_id) REFERENCES meta_station(station_id)",
                        "meta_climo_attrs meta_climo_attrs_vars_id_fkey FOREIGN KEY (vars_id) REFERENCES meta_vars(vars_id)",
                        "meta_history meta_history_sensor_id_fkey FOREIGN KEY (sensor_id) REFERENCES meta_sensor(sensor_id)",
                        "meta_history meta_history_station_id_fkey FOREIGN KEY (station_id) REFERENCES meta_station(station_id)",
                        "meta_native_flag meta_native_flag_network_id_fkey FOREIGN KEY (network_id) REFERENCES meta_network(network_id)",
                        "meta_network meta_network_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES meta_contact(contact_id)",
                        "meta_station meta_station_network_id_fkey FOREIGN KEY (network_id) REFERENCES meta_network(network_id)",
                        "meta_vars meta_vars_network_id_fkey FOREIGN KEY (network_id) REFERENCES meta_network(network_id)",
                        "obs_count_per_month_history_mv obs_count_per_month_history_mv_history_id_fkey FOREIGN KEY (history_id) REFERENCES meta_history(history_id)",
                        "obs_derived_values obs_derived_values_history_id_fkey FOREIGN KEY (history_id) REFERENCES meta_history(history_id)",
                        "obs_derived_values obs_derived_values_vars_id_fkey FOREIGN KEY (vars_id) REFERENCES meta_vars(vars_id)",
                        "obs_raw obs_raw_history_id_fkey FOREIGN KEY (history_id) REFERENCES meta_history(history_id)",
                        "obs_raw obs_raw_vars_id_fkey FOREIGN KEY (vars_id) REFERENCES meta_vars(vars_id)",
                        "obs_raw_native_flags obs_raw_native_flags_native_flag_id_fkey FOREIGN KEY (native_flag_id) REFERENCES meta_native_flag(native_flag_id)",
                        "obs_raw_native_flags obs_raw_native_flags_obs_raw_id_fkey FOREIGN KEY (obs_raw_id) REFERENCES obs_raw(obs_raw_id)",
                        "obs_raw_pcic_flags obs_raw_pcic_flags_obs_raw_id_fkey FOREIGN KEY (obs_raw_id) REFERENCES obs_raw(obs_raw_id)",
                        "obs_raw_pcic_flags obs_raw_pcic_flags_pcic_flag_id_fkey FOREIGN KEY (pcic_flag_id) REFERENCES meta_pcic_flag(pcic_flag_id)",
                        "station_obs_stats_mv station_obs_stats_mv_history_id_fkey FOREIGN KEY (history_id) REFERENCES meta_history(history_id)",
                        "station_obs_stats_mv station_obs_stats_mv_station_id_fkey FOREIGN KEY (station_id) REFERENCES meta_station(station_id)",
                        "time_bounds time_bounds_obs_raw_id_fkey FOREIGN KEY (obs_raw_id) REFERENCES obs_raw(obs_raw_id)",
                        "vars_per_history_mv vars_per_history_mv_history_id_fkey FOREIGN KEY (history_id) REFERENCES meta_history(history_id)",
                        "vars_per_history_mv vars_per_history_mv_vars_id_fkey FOREIGN KEY (vars_id) REFERENCES meta_vars(vars_id)"),
                        keys);
            }
        }
    }

    @Nested
    class PrimaryKeys {

        @Test
        void serialKeysAreHandedOutFromOne() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("INSERT INTO crmp.meta_network (network_name) VALUES ('a'), ('b'), ('c')");
                db.execute("INSERT INTO crmp.obs_raw (mod_time) VALUES ('2020-01-01'), ('2020-01-01')");
                assertEquals(List.of("1", "2", "3"), db.column("SELECT network_id FROM crmp.meta_network ORDER BY 1"));
                assertEquals(List.of("1", "2"), db.column("SELECT obs_raw_id FROM crmp.obs_raw ORDER BY 1"));
            }
        }

        @Test
        void observationIdsGoBeyondTheIntegerRange() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("SELECT setval('crmp.obs_raw_obs_raw_id_seq', 2147483647)");
                db.execute("INSERT INTO crmp.obs_raw (mod_time) VALUES ('2020-01-01')");
                assertEquals(List.of("2147483648"), db.column("SELECT obs_raw_id FROM crmp.obs_raw"));
            }
        }

        /** time_bounds.obs_raw_id is integer although it references a bigint (docs/known-defects.md). */
        @Test
        void timeBoundsCannotReferenceAnObservationBeyondTheIntegerRange() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, mod_time) VALUES (2147483648, '2020-01-01')");
                SQLException e = assertThrows(SQLException.class,
                        () -> db.execute("INSERT INTO crmp.time_bounds (obs_raw_id) VALUES (2147483648)"));
                assertEquals("22003", e.getSQLState()); // integer out of range
            }
        }

        @Test
        void aDuplicatePrimaryKeyIsRejected() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'a')");
                assertViolation(db, "INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'b')",
                        "23505", "meta_network_pkey");
                assertEquals(List.of("a"), db.column("SELECT network_name FROM crmp.meta_network"));
            }
        }

        @Test
        void theClimateAttributesKeyRejectsOnlyARepeatedVariableStationAndMonth() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA);
                db.execute("INSERT INTO crmp.meta_climo_attrs (vars_id, station_id, month) VALUES (1000, 10, 1), (1000, 10, 2)");
                assertViolation(db, "INSERT INTO crmp.meta_climo_attrs (vars_id, station_id, month) VALUES (1000, 10, 1)",
                        "23505", "meta_climo_attrs_pkey");
                assertEquals(List.of("1", "2"), db.column("SELECT month FROM crmp.meta_climo_attrs ORDER BY 1"));
            }
        }
    }

    @Nested
    class ForeignKeys {

        @ParameterizedTest(name = "{1}")
        @CsvSource(delimiter = '|', textBlock = """
                INSERT INTO crmp.meta_station (native_id, network_id) VALUES ('x', 999)                   | meta_station_network_id_fkey
                INSERT INTO crmp.meta_history (station_id) VALUES (999)                                   | meta_history_station_id_fkey
                INSERT INTO crmp.meta_history (station_id, sensor_id) VALUES (10, 999)                    | meta_history_sensor_id_fkey
                INSERT INTO crmp.meta_network (network_id, contact_id) VALUES (2, 999)                   | meta_network_contact_id_fkey
                INSERT INTO crmp.obs_raw (obs_time, mod_time, history_id) VALUES (now(), now(), 999)      | obs_raw_history_id_fkey
                INSERT INTO crmp.obs_raw (obs_time, mod_time, vars_id) VALUES (now(), now(), 999)         | obs_raw_vars_id_fkey
                INSERT INTO crmp.time_bounds (obs_raw_id) VALUES (999)                                    | time_bounds_obs_raw_id_fkey
                INSERT INTO crmp.obs_raw_native_flags (obs_raw_id, native_flag_id) VALUES (999, NULL)     | obs_raw_native_flags_obs_raw_id_fkey
                INSERT INTO crmp.obs_raw_pcic_flags (obs_raw_id, pcic_flag_id) VALUES (NULL, 999)         | obs_raw_pcic_flags_pcic_flag_id_fkey
                INSERT INTO crmp.vars_per_history_mv (history_id, vars_id) VALUES (100, 999)              | vars_per_history_mv_vars_id_fkey
                INSERT INTO crmp.station_obs_stats_mv (station_id, history_id) VALUES (999, 100)          | station_obs_stats_mv_station_id_fkey
                """)
        void aForeignKeyRejectsAReferenceToAMissingRow(String insert, String constraint) throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA);
                assertViolation(db, insert, "23503", constraint);
            }
        }

        @Test
        void foreignKeyColumnsAcceptNull() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("INSERT INTO crmp.meta_station (station_id, native_id, network_id) VALUES (1, 'x', NULL)");
                db.execute("INSERT INTO crmp.meta_history (history_id, station_id) VALUES (1, NULL)");
                db.execute("INSERT INTO crmp.obs_raw (obs_raw_id, obs_time, mod_time, vars_id, history_id) "
                        + "VALUES (1, '2000-01-01', '2020-01-01', NULL, NULL)");
                assertEquals(List.of(List.of("1", "1", "1")), db.rows("SELECT (SELECT count(*) FROM crmp.meta_station), "
                        + "(SELECT count(*) FROM crmp.meta_history), (SELECT count(*) FROM crmp.obs_raw)"));
            }
        }

        @Test
        void aReferencedRowCannotBeDeleted() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA);
                assertViolation(db, "DELETE FROM crmp.meta_network WHERE network_id = 1", "23503",
                        "meta_station_network_id_fkey");
                assertEquals(List.of("S10"), db.column("SELECT native_id FROM crmp.meta_station"));
            }
        }
    }

    @Nested
    class UniqueAndNotNullConstraints {

        @Test
        void obsRawRejectsASecondObservationOfTheSameVariableAtTheSameTimeAndPlace() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA);
                db.execute(OBSERVATION.formatted(1, "2000-01-01 00:00"));
                db.execute(OBSERVATION.formatted(2, "2000-01-01 01:00"));
                assertViolation(db, OBSERVATION.formatted(3, "2000-01-01 00:00"), "23505", "time_place_variable_unique");
                assertEquals(List.of("1", "2"), db.column("SELECT obs_raw_id FROM crmp.obs_raw ORDER BY 1"));
            }
        }

        @Test
        void obsRawModTimeIsRequiredAndHasNoDefault() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                SQLException e = assertThrows(SQLException.class,
                        () -> db.execute("INSERT INTO crmp.obs_raw (obs_time, datum) VALUES ('2000-01-01', 1.0)"));
                assertEquals("23502", e.getSQLState()); // not-null violation
            }
        }

        @Test
        void derivedValuesRejectASecondValueOfTheSameVariableAtTheSameTimeAndPlace() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA);
                String insert = "INSERT INTO crmp.obs_derived_values (value_time, mod_time, datum, vars_id, history_id) "
                        + "VALUES ('%s', '2020-01-01', 1.0, 1000, 100)";
                db.execute(insert.formatted("2000-01-01"));
                db.execute(insert.formatted("2000-01-02"));
                assertViolation(db, insert.formatted("2000-01-01"), "23505",
                        "obs_derived_value_time_place_variable_unique");
            }
        }

        @Test
        void aNativeFlagValueIsUniqueWithinItsNetworkOnly() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("INSERT INTO crmp.meta_network (network_id, network_name) VALUES (1, 'a'), (2, 'b')");
                db.execute("INSERT INTO crmp.meta_native_flag (flag_name, network_id, value) "
                        + "VALUES ('F', 1, 'X'), ('F', 2, 'X'), ('G', 1, 'Y')");
                assertViolation(db, "INSERT INTO crmp.meta_native_flag (flag_name, network_id, value) VALUES ('H', 1, 'X')",
                        "23505", "meta_native_flag_unique");
                assertEquals("3", db.value("SELECT count(*) FROM crmp.meta_native_flag"));
            }
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                obs_raw_native_flags | native_flag_id | meta_native_flag (native_flag_id, network_id, value) VALUES (7, 1, 'X') | obs_raw_native_flag_unique
                obs_raw_pcic_flags   | pcic_flag_id   | meta_pcic_flag (pcic_flag_id, flag_name) VALUES (7, 'X')               | obs_raw_pcic_flag_unique
                """)
        void aFlagIsAssociatedWithAnObservationAtMostOnce(String table, String flagColumn, String flag, String constraint)
                throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute(METADATA);
                db.execute(OBSERVATION.formatted(1, "2000-01-01"));
                db.execute("INSERT INTO crmp." + flag);
                String associate = "INSERT INTO crmp." + table + " (obs_raw_id, " + flagColumn + ") VALUES (1, 7)";
                db.execute(associate);
                assertViolation(db, associate, "23505", constraint);
            }
        }

        @Test
        void flagAssociationColumnsAreNullableAtThisRevision() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("INSERT INTO crmp.obs_raw_native_flags (obs_raw_id, native_flag_id) VALUES (NULL, NULL), (NULL, NULL)");
                db.execute("INSERT INTO crmp.obs_raw_pcic_flags (obs_raw_id, pcic_flag_id) VALUES (NULL, NULL), (NULL, NULL)");
                assertEquals(List.of(List.of("2", "2")), db.rows("SELECT (SELECT count(*) FROM crmp.obs_raw_native_flags), "
                        + "(SELECT count(*) FROM crmp.obs_raw_pcic_flags)"));
            }
        }
    }

    /** The views holding the defining queries of the fake matview tables. */
    @Nested
    class CompanionViews {

        @Test
        void climoObsCountViewCountsObservationsOfVariablesWhoseCellMethodSaysWithinOrOver() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("""
                        INSERT INTO crmp.meta_history (history_id) VALUES (1), (2), (3);
                        INSERT INTO crmp.meta_vars (vars_id, cell_method) VALUES
                            (1, 't: mean within months'), (2, 't: mean over years'), (3, 'time: maximum'),
                            (4, 't: mean WITHIN months'), (5, NULL);
                        INSERT INTO crmp.obs_raw (obs_time, mod_time, vars_id, history_id) VALUES
                            ('2000-01-01', now(), 1, 1), ('2000-01-02', now(), 1, 1), ('2000-01-01', now(), 2, 1),
                            ('2000-01-01', now(), 3, 1), ('2000-01-01', now(), 4, 1), ('2000-01-01', now(), 5, 1),
                            ('2000-01-01', now(), 2, 2), ('2000-01-01', now(), 3, 3), ('2000-01-01', now(), 4, 3);
                        """);
                assertEquals(List.of(List.of("3", "1"), List.of("1", "2")),
                        db.rows("SELECT count, history_id FROM crmp.climo_obs_count_v ORDER BY history_id"));
            }
        }

        @Test
        void stationObsStatsViewGivesFirstLastAndDistinctObservationTimesPerHistory() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("""
                        INSERT INTO crmp.meta_station (station_id) VALUES (10), (20);
                        INSERT INTO crmp.meta_history (history_id, station_id) VALUES (1, 10), (2, 10), (3, 20), (4, 20);
                        INSERT INTO crmp.meta_vars (vars_id) VALUES (1), (2);
                        INSERT INTO crmp.obs_raw (obs_time, mod_time, vars_id, history_id) VALUES
                            ('2000-01-01 06:00', now(), 1, 1), ('2000-01-01 06:00', now(), 2, 1),
                            ('2000-03-01 00:00', now(), 1, 1), ('1999-12-31 23:00', now(), 2, 1),
                            ('2005-05-05 05:00', now(), 1, 2),
                            ('1990-01-01', now(), 1, NULL);
                        """);
                assertEquals(List.of("station_id", "history_id", "max_obs_time", "min_obs_time", "obs_count"),
                        db.column("SELECT column_name FROM information_schema.columns WHERE table_schema = 'crmp' "
                                + "AND table_name = 'station_obs_stats_v' ORDER BY ordinal_position"));
                assertEquals(List.of(
                        List.of("10", "1", "2000-03-01 00:00:00", "1999-12-31 23:00:00", "3"),
                        List.of("10", "2", "2005-05-05 05:00:00", "2005-05-05 05:00:00", "1")),
                        db.rows("SELECT * FROM crmp.station_obs_stats_v ORDER BY history_id"));
            }
        }

        @Test
        void obsCountPerMonthHistoryViewCountsObservationsPerMonthAndHistory() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("""
                        INSERT INTO crmp.meta_history (history_id) VALUES (1), (2);
                        INSERT INTO crmp.meta_vars (vars_id) VALUES (1), (2);
                        INSERT INTO crmp.obs_raw (obs_time, mod_time, vars_id, history_id) VALUES
                            ('2000-01-01 00:00', now(), 1, 1), ('2000-01-31 23:59', now(), 1, 1),
                            ('2000-01-31 23:59', now(), 2, 1), ('2000-02-01 00:00', now(), 1, 1),
                            ('2000-01-15 12:00', now(), 1, 2);
                        """);
                assertEquals(List.of(
                        List.of("3", "2000-01-01 00:00:00", "1"),
                        List.of("1", "2000-02-01 00:00:00", "1"),
                        List.of("1", "2000-01-01 00:00:00", "2")),
                        db.rows("SELECT count, date_trunc, history_id FROM crmp.obs_count_per_month_history_v "
                                + "ORDER BY history_id, date_trunc"));
            }
        }

        @Test
        void collapsedVarsViewJoinsEachHistorysVariableIdentifiersAndDisplayNames() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                db.execute("""
                        INSERT INTO crmp.meta_history (history_id) VALUES (1), (2), (3);
                        INSERT INTO crmp.meta_vars (vars_id, standard_name, cell_method, display_name) VALUES
                            (1, 'air_temperature', 'time: maximum', 'Temperature (Max.)'),
                            (2, 'air_temperature', 't: maximum within days t: mean over years', 'Tx Climatology'),
                            (3, 'lwe_thickness_of_precipitation_amount', 'time: sum', NULL),
                            (4, 'air_temperature', 'time: mean within days time: maximum over days', 'Odd');
                        INSERT INTO crmp.vars_per_history_mv (history_id, vars_id) VALUES (1, 1), (1, 2), (1, 3), (2, 4);
                        """);
                assertEquals(List.of("history_id", "vars", "display_names"),
                        db.column("SELECT column_name FROM information_schema.columns WHERE table_schema = 'crmp' "
                                + "AND table_name = 'collapsed_vars_v' ORDER BY ordinal_position"));
                // The aggregation order is unspecified at this revision: compare history 1's lists as sorted sets.
                assertEquals(List.of(
                        List.of("1",
                                "air_temperature_maximum|air_temperaturet: maximum within days t: mean over years"
                                        + "|lwe_thickness_of_precipitation_amount_sum",
                                "Temperature (Max.)|Tx Climatology"),
                        List.of("2", "air_temperature_mean within days _maximum over days", "Odd")),
                        db.rows("""
                                SELECT history_id,
                                       (SELECT string_agg(v, '|' ORDER BY v) FROM unnest(string_to_array(vars, ', ')) AS v),
                                       (SELECT string_agg(d, '|' ORDER BY d) FROM unnest(string_to_array(display_names, '|')) AS d)
                                  FROM crmp.collapsed_vars_v ORDER BY history_id"""));
            }
        }
    }

    @Nested
    class Rollback {

        @Test
        void rollbackLeavesNothingButLiquibasesTablesInTheSchema() throws Exception {
            try (TestDatabase db = REVISION.databaseAt()) {
                REVISION.rollBack(db);
                assertEquals(List.of("databasechangelog r", "databasechangeloglock r"),
                        db.column("SELECT relname || ' ' || relkind::text FROM pg_class "
                                + "WHERE relnamespace = 'crmp'::regnamespace AND relkind <> 'i' ORDER BY relname"));
                assertEquals(List.of(), db.column("SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                        + "JOIN pg_class t ON t.oid = x.indrelid WHERE i.relnamespace = 'crmp'::regnamespace "
                        + "AND t.relname NOT IN ('databasechangelog', 'databasechangeloglock')"));
                assertEquals("0", db.value("SELECT count(*) FROM pg_proc WHERE pronamespace = 'crmp'::regnamespace"));
                assertEquals(List.of("databasechangelog", "databasechangeloglock"),
                        db.column("SELECT typname FROM pg_type WHERE typnamespace = 'crmp'::regnamespace "
                                + "AND typname NOT LIKE '\\_%' ORDER BY 1"));
                assertEquals(Optional.empty(), db.migrations().current());
            }
        }
    }

    private static List<String> relations(TestDatabase db, String relkind) throws SQLException {
        return db.column("SELECT relname FROM pg_class WHERE relnamespace = 'crmp'::regnamespace AND relkind = '"
                + relkind + "' AND relname NOT LIKE 'databasechangelog%' ORDER BY relname");
    }

    /** "table constraint (columns)" for every constraint of a type, columns in key order. */
    private static List<String> constraints(TestDatabase db, String contype) throws SQLException {
        return db.column("""
                SELECT t.relname || ' ' || c.conname || ' ('
                       || (SELECT string_agg(a.attname, ', ' ORDER BY k.ord)
                             FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) || ')'
                  FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                 WHERE c.connamespace = 'crmp'::regnamespace AND c.contype = '%s'
                   AND t.relname NOT LIKE 'databasechangelog%%'
                 ORDER BY 1""".formatted(contype));
    }

    private static void assertViolation(TestDatabase db, String sql, String sqlState, String constraint) {
        SQLException e = assertThrows(SQLException.class, () -> db.execute(sql));
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        assertEquals(constraint, ((PSQLException) e).getServerErrorMessage().getConstraint(), e.getMessage());
    }
}
