package org.pacificclimate.crmp.autogenerate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.liquibase.diff.Autogenerate;
import org.pacificclimate.crmp.liquibase.diff.ChainBodies;
import org.pacificclimate.crmp.liquibase.diff.Plan;
import org.pacificclimate.crmp.liquibase.diff.Reference;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.CatalogAssertions;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * One case per object kind: a database at head (schema {@code crmp}), a reference that differs from it by one model
 * change (schema {@code other}, at head too, then changed), the revision autogenerate writes. Each case checks the
 * differences found and the statements written, then that the revision applies as generated, that the diff is then
 * empty, and that its rollback gives the head catalog back exactly.
 */
class GoldenCasesTest {

    private static final Revision HEAD = RevisionChain.standard().head();

    /** Schemas crmp and other both at head; each case works on a copy. */
    private static TestDatabase bothAtHead;

    @TempDir
    Path scratch;

    @BeforeAll
    static void migrateBothSchemas() throws Exception {
        bothAtHead = TestDatabases.at(HEAD.id());
        bothAtHead.migrations("other").update();
    }

    @AfterAll
    static void dropTemplate() {
        bothAtHead.close();
    }

    // ------------------------------------------------------------------------------------------------- columns

    @Test
    void anAddedColumnIsAddedAndDroppedByTheRollback() throws Exception {
        Generated g = roundTrip("ALTER TABLE other.meta_station ADD COLUMN elevation_source varchar(20) DEFAULT 'gps'",
                Map.of(), List.of("column meta_station.elevation_source: missing"));
        g.assertWrote("ALTER TABLE ${schemaName}.meta_station ADD COLUMN IF NOT EXISTS elevation_source "
                + "character varying(20) DEFAULT 'gps'::character varying;");
        g.assertWrote("ALTER TABLE ${schemaName}.meta_station DROP COLUMN IF EXISTS elevation_source;");
    }

    @Test
    void aDroppedColumnIsDroppedWithATodoAndReAddedByTheRollback() throws Exception {
        Generated g = roundTrip("ALTER TABLE other.meta_contact DROP COLUMN phone", Map.of(),
                List.of("column meta_contact.phone: not in the model"));
        assertEquals(List.of("column meta_contact.phone is dropped: its values are lost"), g.plan.todos());
        g.assertWrote("-- TODO: column meta_contact.phone is dropped: its values are lost");
    }

    @Test
    void aChangedTypeIsAlteredWithAConversionBothWays() throws Exception {
        Generated g = roundTrip("ALTER TABLE other.meta_sensor ALTER COLUMN name TYPE text", Map.of(),
                List.of("column meta_sensor.name: type character varying(255) → text"));
        g.assertWrote("ALTER TABLE ${schemaName}.meta_sensor ALTER COLUMN name TYPE text USING name::text;");
        g.assertWrote("ALTER TABLE ${schemaName}.meta_sensor ALTER COLUMN name TYPE character varying(255) USING "
                + "name::character varying(255);");
    }

    @Test
    void nullabilityIsSetAndDroppedAgainByTheRollback() throws Exception {
        Generated g = roundTrip("ALTER TABLE other.meta_contact ALTER COLUMN name SET NOT NULL", Map.of(),
                List.of("column meta_contact.name: NOT NULL in the model"));
        g.assertWrote("ALTER TABLE ${schemaName}.meta_contact ALTER COLUMN name SET NOT NULL;");
    }

    @Test
    void aDefaultIsSetAndDroppedAgainByTheRollback() throws Exception {
        Generated g = roundTrip("ALTER TABLE other.meta_pcic_flag ALTER COLUMN discard SET DEFAULT false", Map.of(),
                List.of("column meta_pcic_flag.discard: default none → false"));
        g.assertWrote("ALTER TABLE ${schemaName}.meta_pcic_flag ALTER COLUMN discard SET DEFAULT false;");
        g.assertWrote("ALTER TABLE ${schemaName}.meta_pcic_flag ALTER COLUMN discard DROP DEFAULT;");
    }

    @Test
    void aDroppedIdentityIsDroppedAndAddedBackByTheRollback() throws Exception {
        Generated g = roundTrip("ALTER TABLE other.meta_network_hx ALTER COLUMN meta_network_hx_id DROP IDENTITY",
                Map.of(), List.of("column meta_network_hx.meta_network_hx_id: identity BY DEFAULT → none"));
        g.assertWrote("ALTER TABLE ${schemaName}.meta_network_hx ALTER COLUMN meta_network_hx_id DROP IDENTITY IF EXISTS;");
        g.assertWrote("ALTER TABLE ${schemaName}.meta_network_hx ALTER COLUMN meta_network_hx_id ADD GENERATED BY "
                + "DEFAULT AS IDENTITY;");
    }

    // --------------------------------------------------------------------------------------- tables, constraints

    @Test
    void aNewTableWithAnIdentityAndAForeignKeyIsCreatedAsATableFile() throws Exception {
        Generated g = roundTrip("""
                CREATE TABLE other.station_note (
                    station_note_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                    station_id integer NOT NULL,
                    note text NOT NULL,
                    CONSTRAINT station_note_station_id_fkey FOREIGN KEY (station_id)
                        REFERENCES other.meta_station (station_id) ON DELETE CASCADE)""", Map.of(),
                List.of("table station_note: missing"));
        g.assertWrote("CREATE TABLE IF NOT EXISTS ${schemaName}.station_note (\n"
                + "    station_note_id integer GENERATED BY DEFAULT AS IDENTITY NOT NULL,");
        g.assertWrote("ALTER TABLE ${schemaName}.station_note ADD CONSTRAINT station_note_station_id_fkey FOREIGN KEY "
                + "(station_id) REFERENCES ${schemaName}.meta_station(station_id) ON DELETE CASCADE;");
        g.assertWrote("DROP TABLE IF EXISTS ${schemaName}.station_note;");
        assertTrue(g.files.containsKey("objects/tables/station_note/" + g.id + ".sql"), g.files.keySet().toString());
    }

    @Test
    void aUniqueConstraintIsAddedOnceAndDroppedByTheRollback() throws Exception {
        Generated g = roundTrip("ALTER TABLE other.meta_sensor ADD CONSTRAINT meta_sensor_name_key UNIQUE (name)",
                Map.of(), List.of("unique constraint meta_sensor.meta_sensor_name_key: missing"));
        g.assertWrote("IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = '${schemaName}.meta_sensor'::regclass "
                + "AND conname = 'meta_sensor_name_key') THEN");
        g.assertWrote("ALTER TABLE ${schemaName}.meta_sensor DROP CONSTRAINT IF EXISTS meta_sensor_name_key;");
    }

    @Test
    void aCheckConstraintIsAddedAndDroppedByTheRollback() throws Exception {
        Generated g = roundTrip("ALTER TABLE other.meta_network ADD CONSTRAINT meta_network_col_hex_format "
                + "CHECK (col_hex ~ '^#[0-9a-f]{6}$')", Map.of(),
                List.of("check constraint meta_network.meta_network_col_hex_format: missing"));
        g.assertWrote("ADD CONSTRAINT meta_network_col_hex_format CHECK (((col_hex)::text ~ '^#[0-9a-f]{6}$'::text));");
    }

    @Test
    void anIndexIsCreatedIfMissingAndDroppedByTheRollback() throws Exception {
        Generated g = roundTrip("CREATE INDEX meta_contact_name_idx ON other.meta_contact USING btree (lower(name))",
                Map.of(), List.of("index meta_contact_name_idx on meta_contact: missing"));
        g.assertWrote("CREATE INDEX IF NOT EXISTS meta_contact_name_idx ON ${schemaName}.meta_contact USING btree "
                + "(lower((name)::text));");
        g.assertWrote("DROP INDEX IF EXISTS ${schemaName}.meta_contact_name_idx;");
    }

    // ------------------------------------------------------------------------ views, matviews, functions, triggers

    @Test
    void aNewViewRunsItsBodyFile() throws Exception {
        String body = "CREATE OR REPLACE VIEW ${schemaName}.network_names AS\n"
                + "    SELECT network_id, network_name FROM ${schemaName}.meta_network;\n";
        Generated g = roundTrip(body.replace("${schemaName}", "other"),
                Map.of("objects/views/network_names/next.sql", body), List.of("view network_names: missing"));
        g.assertRuns("../objects/views/network_names/" + g.id() + ".sql");
        g.assertWrote("DROP VIEW IF EXISTS ${schemaName}.network_names;");
    }

    @Test
    void aNewMaterializedViewRunsItsBodyFileThenItsIndexAndGrants() throws Exception {
        String body = "CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.network_counts AS\n"
                + "    SELECT network_id, count(*) AS stations FROM ${schemaName}.meta_station GROUP BY network_id\n"
                + "    WITH DATA;\n";
        Generated g = roundTrip(body.replace("${schemaName}", "other")
                        + "CREATE UNIQUE INDEX network_counts_idx ON other.network_counts (network_id);"
                        + "GRANT SELECT ON other.network_counts TO viewer;",
                Map.of("objects/matviews/network_counts/next.sql", body),
                List.of("materialized view network_counts: missing"));
        g.assertRuns("../objects/matviews/network_counts/" + g.id() + ".sql");
        g.assertWrote("CREATE UNIQUE INDEX IF NOT EXISTS network_counts_idx ON ${schemaName}.network_counts USING btree "
                + "(network_id);");
        g.assertWrote("GRANT SELECT ON TABLE ${schemaName}.network_counts TO viewer;");
    }

    @Test
    void aChangedMaterializedViewIsReCreatedWithWhatReadsIt() throws Exception {
        // daily_max_temperature_mv is read by monthly_average_of_daily_max_temperature_mv.
        String body = "CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.daily_max_temperature_mv AS\n"
                + "    SELECT history_id, vars_id, obs_day, statistic, data_coverage\n"
                + "      FROM ${schemaName}.daily_min_temperature_mv\n"
                + "    WITH DATA;\n";
        Generated g = roundTrip("SET ROLE pcicdba;"
                        + "DROP MATERIALIZED VIEW other.monthly_average_of_daily_max_temperature_mv;"
                        + "DROP MATERIALIZED VIEW other.daily_max_temperature_mv;"
                        + body.replace("${schemaName}", "other")
                        + "CREATE UNIQUE INDEX daily_max_temperature_mv_idx ON other.daily_max_temperature_mv "
                        + "(history_id, vars_id, obs_day);"
                        + "GRANT SELECT ON other.daily_max_temperature_mv TO inspector, viewer;"
                        + "GRANT ALL ON other.daily_max_temperature_mv TO steward;"
                        + readFile("objects/matviews/monthly_average_of_daily_max_temperature_mv/081f17262852.sql")
                                .replace("${schemaName}", "other")
                        + "CREATE INDEX monthly_average_of_daily_max_temperature_mv_idx ON "
                        + "other.monthly_average_of_daily_max_temperature_mv (history_id, vars_id, obs_month);"
                        + "GRANT SELECT ON other.monthly_average_of_daily_max_temperature_mv TO inspector, viewer;"
                        + "GRANT ALL ON other.monthly_average_of_daily_max_temperature_mv TO steward;"
                        + "RESET ROLE;",
                Map.of("objects/matviews/daily_max_temperature_mv/next.sql", body),
                List.of("materialized view daily_max_temperature_mv: definition differs",
                        "materialized view monthly_average_of_daily_max_temperature_mv: re-created, it reads what changes"));
        g.assertRuns("../objects/matviews/daily_max_temperature_mv/" + g.id() + ".sql");
        g.assertRuns("../objects/matviews/daily_max_temperature_mv/f6d5a4c2e901.sql"); // the rollback
        g.assertWrote("DROP MATERIALIZED VIEW IF EXISTS ${schemaName}.monthly_average_of_daily_max_temperature_mv;");
    }

    @Test
    void aNewPlpgsqlFunctionRunsItsBodyFileAndIsDroppedByTheRollback() throws Exception {
        String body = "CREATE OR REPLACE FUNCTION ${schemaName}.network_label(id integer)\n"
                + "    RETURNS text LANGUAGE sql STABLE\n"
                + "AS $function$ SELECT network_name FROM ${schemaName}.meta_network WHERE network_id = id $function$;\n";
        Generated g = roundTrip(body.replace("${schemaName}", "other"),
                Map.of("objects/functions/network_label/next.sql", body), List.of("function network_label(id integer): missing"));
        g.assertRuns("../objects/functions/network_label/" + g.id() + ".sql");
        g.assertWrote("DROP FUNCTION IF EXISTS ${schemaName}.network_label(id integer);");
    }

    @Test
    void aNewPlpython3uFunctionOfTheElevatedRoleRunsElevated() throws Exception {
        String body = "CREATE OR REPLACE FUNCTION ${schemaName}.py_upper(value text)\n"
                + "    RETURNS text LANGUAGE plpython3u\n"
                + "AS $function$\nreturn value.upper()\n$function$;\n";
        Generated g = roundTrip("SET ROLE pcicdba;" + body.replace("${schemaName}", "other") + "RESET ROLE;",
                Map.of("objects/functions/py_upper/next.sql", body), List.of("function py_upper(value text): missing"));
        List<String> changes = g.changes();
        int file = changes.indexOf("../objects/functions/py_upper/" + g.id() + ".sql");
        assertEquals("../common/elevate.sql", changes.get(file - 1), changes.toString());
        assertEquals("../common/reset-role.sql", changes.get(file + 1), changes.toString());
    }

    @Test
    void aChangedFunctionRunsItsNewVersionAndTheRollbackTheOldOne() throws Exception {
        String body = readFile("objects/functions/hxtk_hx_table_name/7ab87f8fbcf4.sql")
                .replace("RETURN collection_name || '_hx';", "RETURN collection_name || '_history';");
        Generated g = roundTrip(body.replace("${schemaName}", "other"),
                Map.of("objects/functions/hxtk_hx_table_name/next.sql", body),
                List.of("function hxtk_hx_table_name(collection_name text): body differs"));
        g.assertRuns("../objects/functions/hxtk_hx_table_name/" + g.id() + ".sql");
        g.assertRuns("../objects/functions/hxtk_hx_table_name/7ab87f8fbcf4.sql");
    }

    @Test
    void aNewTriggerIsCreatedOrReplacedAndDroppedByTheRollback() throws Exception {
        Generated g = roundTrip("CREATE TRIGGER t200_display_name_on_update BEFORE UPDATE ON other.meta_network "
                + "FOR EACH ROW EXECUTE FUNCTION other.set_network_display_name_default()", Map.of(),
                List.of("trigger t200_display_name_on_update on meta_network: missing"));
        g.assertWrote("CREATE OR REPLACE TRIGGER t200_display_name_on_update BEFORE UPDATE ON ${schemaName}.meta_network "
                + "FOR EACH ROW EXECUTE FUNCTION ${schemaName}.set_network_display_name_default();");
        g.assertWrote("DROP TRIGGER IF EXISTS t200_display_name_on_update ON ${schemaName}.meta_network;");
    }

    @Test
    void aRevokedGrantIsRevokedAndGrantedBackByTheRollback() throws Exception {
        Generated g = roundTrip("REVOKE ALL ON other.meta_network_hx FROM steward", Map.of(),
                List.of("table meta_network_hx: grants {inspector=r, steward=arwdDxt, viewer=r} → {inspector=r, viewer=r}"));
        g.assertWrote("REVOKE SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE "
                + "${schemaName}.meta_network_hx FROM steward;");
    }

    @Test
    void noDifferenceWritesNothing() throws Exception {
        try (TestDatabase db = TestDatabases.copyOf(bothAtHead)) {
            Path changelog = copyOfTheChangelog();
            Autogenerate.Result result = autogenerate(db, changelog, Map.of()).generate("nothing");
            assertEquals(List.of(), result.plan().differences());
            assertEquals(Optional.empty(), result.written());
            assertEquals(RevisionChain.standard().size(), RevisionChain.fromDirectory(changelog).size());
        }
    }

    // ------------------------------------------------------------------------------------------------- harness

    /** A generated revision: its id, plan, and the files written (relative to the changelog directory). */
    private record Generated(String id, Plan plan, Map<String, String> files, Path changelog, String revisionFile) {
        void assertWrote(String text) {
            assertTrue(files.values().stream().anyMatch(f -> f.contains(text)), "no written file contains:\n" + text
                    + "\n--- files:\n" + String.join("\n---\n", files.values()));
        }

        void assertRuns(String path) {
            assertTrue(files.get(revisionFile).contains("{path: " + path + ","), "the revision does not run " + path
                    + ":\n" + files.get(revisionFile));
        }

        List<String> changes() {
            String yaml = files.get(revisionFile);
            String changes = yaml.substring(yaml.indexOf("      changes:"), yaml.indexOf("      rollback:"));
            return changes.lines().filter(l -> l.contains("{path: "))
                    .map(l -> l.substring(l.indexOf("{path: ") + 7, l.indexOf(','))).toList();
        }
    }

    private Generated roundTrip(String modelChange, Map<String, String> newBodies, List<String> expectedDifferences)
            throws Exception {
        try (TestDatabase db = TestDatabases.copyOf(bothAtHead)) {
            Path changelog = copyOfTheChangelog();
            for (Map.Entry<String, String> body : newBodies.entrySet()) {
                Files.createDirectories(changelog.resolve(body.getKey()).getParent());
                Files.writeString(changelog.resolve(body.getKey()), body.getValue());
            }
            try (Statement statement = db.connection().createStatement()) {
                statement.execute(modelChange);
            }
            Autogenerate autogenerate = autogenerate(db, changelog, newBodies);
            Autogenerate.Result result = autogenerate.generate("Model change");
            assertEquals(expectedDifferences, result.plan().differences());
            String revisionFile = result.written().orElseThrow().revisionFile();
            Map<String, String> files = new HashMap<>();
            for (String file : result.written().get().files()) {
                files.put(file, Files.readString(changelog.resolve(file), StandardCharsets.UTF_8));
            }

            db.migrations().changelog(changelog, revisionFile).update();
            assertEquals(List.of(), autogenerate.diff("000000000000").differences(), "after the generated revision");

            db.migrations().changelog(changelog, revisionFile).rollbackTo(HEAD.id());
            CatalogAssertions.assertCatalogMatches(HEAD, db.catalog("crmp"), "after its rollback");
            return new Generated(result.id(), result.plan(), files, changelog, revisionFile);
        }
    }

    private static Autogenerate autogenerate(TestDatabase db, Path changelog, Map<String, String> newBodies)
            throws Exception {
        Connection connection = db.connection();
        ChainBodies head = ChainBodies.upTo(changelog, RevisionChain.fromDirectory(changelog), HEAD.number());
        Reference reference = Reference.existingSchema("other", (kind, name) -> {
            String draft = "objects/" + kind.directory() + "/" + name + "/next.sql";
            return newBodies.containsKey(draft) ? Optional.of(draft) : head.version(kind, name);
        });
        return new Autogenerate(connection, "crmp", "pcicdba", changelog, reference);
    }

    private static String readFile(String path) throws IOException {
        return Files.readString(TestDatabases.projectFile("changelog").resolve(path), StandardCharsets.UTF_8);
    }

    private Path copyOfTheChangelog() throws IOException {
        Path source = TestDatabases.projectFile("changelog");
        Path target = Files.createTempDirectory(scratch, "changelog");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }
}
