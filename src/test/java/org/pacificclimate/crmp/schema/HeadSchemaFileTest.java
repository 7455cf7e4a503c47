package org.pacificclimate.crmp.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.config.Parameter;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * The committed head schema ({@code docs/schema/head.sql}, {@code tables.dot}, {@code views.dot} and their SVGs) is
 * what the changelogs build: a fresh schema migrated to head is dumped and drawn as {@link HeadSchemaFiles} does,
 * and compared with the files. A changelog change that alters the head schema fails here until
 * {@value HeadSchemaFiles#COMMAND} is run and its output committed.
 *
 * <p>With {@code -Dcrmp.updateHeadSchema=true} (what that script passes) the files are written first.
 */
class HeadSchemaFileTest {

    private static final Revision HEAD = RevisionChain.standard().head();
    private static final SchemaNames STANDARD = new SchemaNames(Parameter.SCHEMA_NAME.defaultValue(),
            Parameter.SU_ROLE_NAME.defaultValue(), TestDatabases.MIGRATION_USER);
    /** Names sharing nothing with the standard ones, to show the files do not depend on them. */
    private static final SchemaNames OTHER = new SchemaNames("head_schema_alt", "head_schema_su", "head_schema_login");

    private static Map<String, String> generated;

    @BeforeAll
    static void generate() throws Exception {
        try (TestDatabase db = TestDatabases.at(HEAD.id())) {
            generated = HeadSchemaFiles.generate(db, STANDARD, HEAD);
        }
    }

    @Test
    void theCommittedFilesShowTheHeadSchema() throws Exception {
        if (HeadSchemaFiles.updating()) {
            List<String> written = HeadSchemaFiles.write(generated);
            System.out.println(written.isEmpty() ? "docs/schema is up to date, nothing written"
                    : "written: " + String.join(", ", written));
        }
        List<String> problems = HeadSchemaFiles.check(generated);
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void theFilesDoNotDependOnTheSchemaOrRoleNames() throws Exception {
        Map<String, String> other;
        try (TestDatabase db = TestDatabases.empty()) {
            try (Connection admin = db.admin(); Statement statement = admin.createStatement()) {
                statement.execute("DO $$ BEGIN"
                        + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + OTHER.migrationUser() + "') THEN"
                        + "  CREATE ROLE " + OTHER.migrationUser() + " LOGIN; END IF;"
                        + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + OTHER.suRole() + "') THEN"
                        + "  CREATE ROLE " + OTHER.suRole() + " SUPERUSER NOINHERIT NOLOGIN; END IF;"
                        + " END $$");
                statement.execute("GRANT " + OTHER.suRole() + " TO " + OTHER.migrationUser());
                // what owning the database gives the standard login: revisions install extensions (citext, unaccent)
                statement.execute("GRANT CREATE ON DATABASE " + db.name() + " TO " + OTHER.migrationUser());
                statement.execute("CREATE SCHEMA " + OTHER.schema() + " AUTHORIZATION " + OTHER.migrationUser());
            }
            try (Connection login = db.newConnection(OTHER.migrationUser())) {
                Migrations.on(login).withoutEnvironment().schema(OTHER.schema()).suRole(OTHER.suRole()).update();
            }
            other = HeadSchemaFiles.generate(db, OTHER, HEAD);
        }
        List<String> differences = new ArrayList<>();
        generated.forEach((file, text) -> {
            if (!text.equals(other.get(file))) {
                differences.add(file + " depends on the schema or role names (a name the normalisation misses, or"
                        + " one a changelog hard-codes):\n" + HeadSchemaFiles.firstDifference(text, other.get(file),
                        label(STANDARD), label(OTHER)));
            }
        });
        assertEquals(generated.keySet(), other.keySet());
        if (!differences.isEmpty()) {
            fail(String.join("\n", differences));
        }
    }

    private static String label(SchemaNames names) {
        return names.schema() + "/" + names.suRole() + "/" + names.migrationUser();
    }
}
