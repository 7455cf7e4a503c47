package org.pacificclimate.crmp.liquibase.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Column;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * The Liquibase object types of {@code liquibase.objects} through Liquibase's own commands, between two schemas of one
 * database, both at head: {@code other} is changed by one model change and is the reference, {@code crmp} is compared.
 * Each case checks that
 * <ol>
 *   <li>with the opt-in, {@code diff} reports exactly the object changed (among these types and columns), and the
 *       stock types exactly as without the opt-in;</li>
 *   <li>the changelog {@code diffChangelog} writes applies to {@code crmp} and leaves no difference of these types;
 *       its rollback brings the difference back;</li>
 *   <li>without the opt-in (after an opted-in run in the same JVM), {@code diff} is stock Liquibase's: none of these
 *       types compared, found or reported.</li>
 * </ol>
 */
class LiquibaseObjectTypesTest {

    /** What the types are asked for by name ({@code --diff-types}): these types only, so that the changelog written
     * holds none of the stock differences two schemas have (views' definitions name their schema). */
    private static final String OUR_TYPES = "checkconstraints,functions,triggers,materializedviews,grants,owners";

    private static TestDatabase bothAtHead;

    @TempDir
    Path directory;

    private final List<TestDatabase> opened = new ArrayList<>();

    @AfterEach
    void dropCopies() {
        opened.forEach(TestDatabase::close);
    }

    @BeforeAll
    static void migrateBothSchemas() throws Exception {
        bothAtHead = TestDatabases.at(RevisionChain.standard().head().id());
        bothAtHead.migrations("other").update();
    }

    @AfterAll
    static void dropTemplate() {
        bothAtHead.close();
    }

    @Test
    void twoSchemasAtHeadDifferInNoneOfTheseTypes() throws Exception {
        try (TestDatabase db = TestDatabases.copyOf(bothAtHead)) {
            LiquibaseDiffs.Diff diff = new LiquibaseDiffs(db).diff(true, null);
            assertTrue(diff.result().getCompareControl().getComparedTypes().containsAll(ObjectTypes.TYPES),
                    diff.result().getCompareControl().getComparedTypes().toString());
            assertEquals(List.of(), LiquibaseDiffs.differences(diff.result(), compared()));
            assertTrue(diff.report().contains("Missing Materialized View(s): NONE"), diff.report());
        }
    }

    @Test
    void aNewPlpgsqlFunctionIsMissingThenCreatedAndDroppedByTheRollback() throws Exception {
        Generated g = roundTrip("""
                CREATE FUNCTION other.network_label(id integer) RETURNS text LANGUAGE plpgsql STABLE AS $$
                BEGIN
                    RETURN (SELECT network_name FROM other.meta_network WHERE network_id = id);
                END
                $$""", OUR_TYPES,
                "missing Function network_label(id integer)",
                "missing Owner network_label(id integer) owned by tester");
        g.assertSql("CREATE OR REPLACE FUNCTION crmp.network_label(id integer)\n RETURNS text\n LANGUAGE plpgsql\n"
                + " STABLE\nAS $function$\nBEGIN\n    RETURN (SELECT network_name FROM crmp.meta_network WHERE network_id "
                + "= id);\nEND\n$function$;");
        g.assertRollbackSql("DROP FUNCTION IF EXISTS crmp.network_label(id integer);");
        g.assertSql("ALTER FUNCTION crmp.network_label(id integer) OWNER TO tester;");
    }

    @Test
    void aChangedFunctionBodyIsReplacedAndPutBackByTheRollback() throws Exception {
        String body = readFile("objects/functions/hxtk_hx_table_name/7ab87f8fbcf4.sql");
        Generated g = roundTrip(body.replace("RETURN collection_name || '_hx';", "RETURN collection_name || '_history';")
                        .replace("${schemaName}", "other"), OUR_TYPES,
                "changed Function hxtk_hx_table_name(collection_name text): definition");
        g.assertSql("RETURN collection_name || '_history';");
        g.assertRollbackSql("RETURN collection_name || '_hx';");
        assertEquals("crmp_history", g.db.value("SELECT crmp.hxtk_hx_table_name('crmp')"));
    }

    @Test
    void aNewTriggerIsMissingThenCreatedAndDroppedByTheRollback() throws Exception {
        Generated g = roundTrip("CREATE TRIGGER t200_display_name_on_update BEFORE UPDATE ON other.meta_network "
                        + "FOR EACH ROW EXECUTE FUNCTION other.set_network_display_name_default()", OUR_TYPES,
                "missing Trigger t200_display_name_on_update on meta_network");
        g.assertSql("CREATE OR REPLACE TRIGGER t200_display_name_on_update BEFORE UPDATE ON crmp.meta_network "
                + "FOR EACH ROW EXECUTE FUNCTION crmp.set_network_display_name_default();");
        g.assertRollbackSql("DROP TRIGGER IF EXISTS t200_display_name_on_update ON crmp.meta_network;");
    }

    @Test
    void aNewMaterializedViewIsCreatedWithItsIndexThenItsOwnerAndGrant() throws Exception {
        Generated g = roundTrip("""
                CREATE MATERIALIZED VIEW other.network_counts AS
                    SELECT network_id, count(*) AS stations FROM other.meta_station GROUP BY network_id WITH DATA;
                CREATE UNIQUE INDEX network_counts_idx ON other.network_counts (network_id);
                GRANT SELECT ON other.network_counts TO viewer""", OUR_TYPES,
                "missing Grant viewer on network_counts",
                "missing MaterializedView network_counts",
                "missing Owner network_counts owned by tester");
        g.assertSql("CREATE MATERIALIZED VIEW IF NOT EXISTS crmp.network_counts AS\nSELECT meta_station.network_id,\n"
                + "    count(*) AS stations\n   FROM crmp.meta_station\n  GROUP BY meta_station.network_id\nWITH DATA;\n"
                + "CREATE UNIQUE INDEX IF NOT EXISTS network_counts_idx ON crmp.network_counts USING btree (network_id);");
        g.assertSql("GRANT SELECT ON TABLE crmp.network_counts TO viewer;");
        g.assertOrder("CREATE MATERIALIZED VIEW", "ALTER MATERIALIZED VIEW crmp.network_counts OWNER TO tester;",
                "GRANT SELECT ON TABLE crmp.network_counts");
    }

    @Test
    void aChangedMaterializedViewIsReCreatedWithItsIndexOwnerAndGrants() throws Exception {
        String mv = "monthly_average_of_daily_max_temperature_mv";
        String body = readFile("objects/matviews/" + mv + "/081f17262852.sql")
                .replace("avg(daily.statistic) AS statistic", "max(daily.statistic) AS statistic");
        Generated g = roundTrip("SET ROLE pcicdba;"
                        + "DROP MATERIALIZED VIEW other." + mv + ";"
                        + body.replace("${schemaName}", "other")
                        + readFile("revisions/029-f6d5a4c2e901/up-06-index-grants-" + mv.replace('_', '-') + ".sql")
                                .replace("${schemaName}", "other")
                        + "RESET ROLE;", OUR_TYPES,
                "changed MaterializedView " + mv + ": definition");
        g.assertOrder("DROP MATERIALIZED VIEW IF EXISTS crmp." + mv + ";",
                "CREATE MATERIALIZED VIEW IF NOT EXISTS crmp." + mv + " AS",
                "max(daily.statistic) AS statistic",
                "CREATE UNIQUE INDEX IF NOT EXISTS " + mv + "_idx ON crmp." + mv,
                "ALTER MATERIALIZED VIEW crmp." + mv + " OWNER TO pcicdba;",
                "GRANT SELECT ON TABLE crmp." + mv + " TO inspector;");
        g.assertSql("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE crmp." + mv
                + " TO steward;");
        g.assertRollbackSql("avg(daily.statistic) AS statistic");
    }

    @Test
    void aNewCheckConstraintIsAddedOnceAndDroppedByTheRollback() throws Exception {
        Generated g = roundTrip("ALTER TABLE other.meta_network ADD CONSTRAINT meta_network_col_hex_format "
                + "CHECK (col_hex ~ '^#[0-9a-f]{6}$')", OUR_TYPES,
                "missing CheckConstraint meta_network_col_hex_format on meta_network");
        g.assertSql("IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = 'crmp.meta_network'::regclass "
                + "AND conname = 'meta_network_col_hex_format') THEN\n        ALTER TABLE crmp.meta_network "
                + "ADD CONSTRAINT meta_network_col_hex_format CHECK (((col_hex)::text ~ '^#[0-9a-f]{6}$'::text));");
        g.assertRollbackSql("ALTER TABLE crmp.meta_network DROP CONSTRAINT IF EXISTS meta_network_col_hex_format;");
    }

    @Test
    void aRevokedGrantIsRevokedAndGrantedBackByTheRollback() throws Exception {
        Generated g = roundTrip("REVOKE ALL ON other.meta_network_hx FROM steward", OUR_TYPES,
                "unexpected Grant steward on meta_network_hx");
        g.assertSql("REVOKE SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE "
                + "crmp.meta_network_hx FROM steward;");
        g.assertRollbackSql("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE "
                + "crmp.meta_network_hx TO steward;");
    }

    @Test
    void aChangedOwnerIsAlteredAndPutBackByTheRollback() throws Exception {
        Generated g = roundTrip("ALTER TABLE other.meta_sensor OWNER TO pcicdba", OUR_TYPES,
                "changed Owner meta_sensor owned by pcicdba: owner");
        g.assertSql("ALTER TABLE crmp.meta_sensor OWNER TO pcicdba;");
        g.assertRollbackSql("ALTER TABLE crmp.meta_sensor OWNER TO tester;");
    }

    @Test
    void aDroppedIdentityIsDroppedWhereStockLiquibaseWritesNothing() throws Exception {
        Generated g = roundTrip("ALTER TABLE other.meta_network_hx ALTER COLUMN meta_network_hx_id DROP IDENTITY",
                OUR_TYPES + ",tables,columns",
                "changed Column other.meta_network_hx.meta_network_hx_id: autoIncrement");
        g.assertSql("ALTER TABLE crmp.meta_network_hx ALTER COLUMN meta_network_hx_id DROP IDENTITY IF EXISTS;");
        g.assertRollbackSql("ALTER TABLE crmp.meta_network_hx ALTER COLUMN meta_network_hx_id ADD GENERATED BY "
                + "DEFAULT AS IDENTITY;\nSELECT setval(pg_get_serial_sequence('crmp.meta_network_hx', "
                + "'meta_network_hx_id'), COALESCE(max(meta_network_hx_id), 0) + 1, false) FROM crmp.meta_network_hx;");

        // Without the opt-in, Liquibase reports the column changed (autoIncrement) and writes nothing for it: the
        // round trip checks that no changelog is written.
        assertEquals(List.of("changed Column other.meta_network_hx.meta_network_hx_id: autoIncrement"),
                LiquibaseDiffs.differences(g.stock().result(), List.of(Column.class)));
    }

    @Test
    void theSqlNamesTheOutputSchemaWhenOneIsGiven() throws Exception {
        try (TestDatabase db = TestDatabases.copyOf(bothAtHead)) {
            db.execute("ALTER TABLE other.meta_sensor OWNER TO pcicdba");
            Path changelog = directory.resolve("output-schema.yaml");
            new LiquibaseDiffs(db).diffChangelog(true, OUR_TYPES, "${schemaName}", changelog);
            assertTrue(read(changelog).contains("sql: ALTER TABLE ${schemaName}.meta_sensor OWNER TO pcicdba;"),
                    () -> read(changelog));
        }
    }

    // ------------------------------------------------------------------------------------------------ harness

    /** These types and columns (where an identity shows). */
    private static List<Class<? extends DatabaseObject>> compared() {
        List<Class<? extends DatabaseObject>> out = new ArrayList<>(ObjectTypes.TYPES);
        out.add(Column.class);
        return out;
    }

    /** A changelog written by diffChangelog and applied: the SQL of its changes and of their rollbacks. */
    private record Generated(TestDatabase db, LiquibaseDiffs.Diff stock, List<String> sql, List<String> rollbackSql,
                             String yaml) {
        void assertSql(String text) {
            assertTrue(sql.stream().anyMatch(s -> s.contains(text)), "no change runs:\n" + text + "\n--- changelog:\n"
                    + yaml);
        }

        void assertRollbackSql(String text) {
            assertTrue(rollbackSql.stream().anyMatch(s -> s.contains(text)), "no rollback runs:\n" + text
                    + "\n--- changelog:\n" + yaml);
        }

        /** The texts occur in this order in the changes, in changelog order. */
        void assertOrder(String... texts) {
            String all = String.join("\n", sql);
            int at = -1;
            for (String text : texts) {
                int found = all.indexOf(text, at + 1);
                assertTrue(found > at, "not in order: " + text + "\n--- changes:\n" + all);
                at = found;
            }
        }
    }

    /**
     * Applies {@code modelChange} to {@code other} in a copy of both-at-head, then checks the three points of the
     * class comment; returns the changelog written.
     */
    private Generated roundTrip(String modelChange, String diffTypes, String... expected) throws Exception {
        TestDatabase db = TestDatabases.copyOf(bothAtHead);
        opened.add(db);
        {
            db.execute(modelChange);
            LiquibaseDiffs diffs = new LiquibaseDiffs(db);
            List<Class<? extends DatabaseObject>> compared = compared();

            // (1) opted in: exactly that object
            LiquibaseDiffs.Diff optedIn = diffs.diff(true, null);
            assertEquals(List.of(expected), LiquibaseDiffs.differences(optedIn.result(), compared),
                    "differences found with the opt-in");

            // (3) without it: stock Liquibase, which the opt-in leaves as it is for its own types
            LiquibaseDiffs.Diff stock = diffs.diff(false, null);
            List<Class<? extends DatabaseObject>> stockTypes = new ArrayList<>(
                    stock.result().getCompareControl().getComparedTypes());
            for (Class<? extends DatabaseObject> type : ObjectTypes.TYPES) {
                assertFalse(stockTypes.contains(type), type + " compared without the opt-in");
                assertTrue(stock.result().getMissingObjects(type).isEmpty() && stock.result().getUnexpectedObjects(type)
                        .isEmpty() && stock.result().getChangedObjects(type).isEmpty(), type + " found without the opt-in");
            }
            for (String name : List.of("Check Constraint(s)", "Function(s)", "Trigger(s)", "Materialized View(s)",
                    "Grant(s)", "Owner(s)")) {
                assertFalse(stock.report().contains(name), name + " in the stock report:\n" + stock.report());
            }
            assertEquals(LiquibaseDiffs.differences(stock.result(), stockTypes),
                    LiquibaseDiffs.differences(optedIn.result(), stockTypes), "the stock types' differences");
            // these types asked for by name, not opted in: none read, no change written
            assertEquals(List.of(), LiquibaseDiffs.differences(diffs.diff(false, diffTypes).result(), ObjectTypes.TYPES),
                    "these types found by name without the opt-in");
            Path stockChangelog = directory.resolve("stock.yaml");
            diffs.diffChangelog(false, diffTypes, stockChangelog);
            assertFalse(Files.exists(stockChangelog), () -> "written without the opt-in:\n" + read(stockChangelog));

            // (2) the changelog applies, leaves no difference; its rollback brings the difference back
            Path changelog = directory.resolve("generated.yaml");
            diffs.diffChangelog(true, diffTypes, changelog);
            String yaml = read(changelog);
            JsonNode changeSets = new YAMLMapper().readTree(yaml).path("databaseChangeLog");
            List<String> sql = new ArrayList<>();
            List<String> rollbackSql = new ArrayList<>();
            for (JsonNode entry : changeSets) {
                for (JsonNode change : entry.path("changeSet").path("changes")) {
                    JsonNode ours = change.path(ObjectSqlChange.NAME);
                    assertFalse(ours.isMissingNode(), "a change not of this package:\n" + yaml);
                    sql.add(ours.path("sql").asText());
                    rollbackSql.add(ours.path("rollbackSql").asText());
                }
            }
            diffs.update(directory, "generated.yaml");
            assertEquals(List.of(), LiquibaseDiffs.differences(diffs.diff(true, diffTypes).result(), compared),
                    "differences after the generated changelog");
            diffs.rollback(directory, "generated.yaml", changeSets.size());
            assertEquals(List.of(expected), LiquibaseDiffs.differences(diffs.diff(true, diffTypes).result(), compared),
                    "differences after its rollback");
            diffs.update(directory, "generated.yaml");
            return new Generated(db, stock, sql, rollbackSql, yaml);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static String readFile(String path) throws IOException {
        return Files.readString(TestDatabases.projectFile("changelog").resolve(path), StandardCharsets.UTF_8);
    }
}
