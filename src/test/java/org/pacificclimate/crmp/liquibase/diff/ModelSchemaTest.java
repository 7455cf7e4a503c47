package org.pacificclimate.crmp.liquibase.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.catalog.CatalogDumper;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.model.HeadSchema;
import org.pacificclimate.crmp.catalog.ReferenceCatalogs;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * The model is head: {@link ModelSchema} builds it as a shadow schema next to a schema migrated to head, inside a
 * transaction (elevated objects under {@code SET LOCAL ROLE}), as the diff will; {@code CatalogDumper} reads it and
 * the transaction is rolled back. Its catalog equals PyCDS's head catalog (reference catalog 29) attribute for
 * attribute, owners and grants included.
 */
class ModelSchemaTest {

    private static final Revision HEAD = RevisionChain.standard().head();
    private static final String SHADOW = "model_shadow";
    private static final String STANDARD_ELEVATED_ROLE = "pcicdba";

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        assertEquals(HeadSchema.REVISION, HEAD.id(), "the model describes the chain's head");
        database = TestDatabases.at(HEAD.id());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void theShadowSchemaBuiltFromTheModelIsTheHeadCatalog() throws SQLException {
        JsonNode shadow = buildAndDump(SHADOW, STANDARD_ELEVATED_ROLE);
        assertCatalogMatches(HEAD, SHADOW, shadow, "shadow schema built from the model");
        assertEquals(List.of(), database.column("SELECT nspname FROM pg_namespace WHERE nspname = '" + SHADOW + "'"),
                "the shadow schema is rolled back");
    }

    @Test
    void theElevatedRoleIsChosenAtRunTime() throws SQLException {
        String role = "model_elevated";
        try (Connection admin = database.admin(); Statement statement = admin.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN"
                    + " CREATE ROLE " + role + " SUPERUSER NOINHERIT NOLOGIN; END IF; END $$");
            statement.execute("GRANT " + role + " TO " + TestDatabases.MIGRATION_USER);
        }
        JsonNode shadow = buildAndDump(SHADOW, role);
        String expected = ReferenceCatalogs.after(HEAD, SHADOW).toString()
                .replace("\"owner\":\"" + STANDARD_ELEVATED_ROLE + "\"", "\"owner\":\"" + role + "\"");
        try {
            List<String> differences = ReferenceCatalogs.differences(new ObjectMapper().readTree(expected), shadow);
            assertEquals(List.of(), differences, "with elevated role " + role + " ('-' = expected, '+' = shadow)");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(shadow.toString().contains("\"owner\":\"" + role + "\""), "some objects belong to " + role);
    }

    @Test
    void renderingAndBuildingTakeWellUnderOneSecondWarm() throws SQLException {
        buildAndDump(SHADOW, STANDARD_ELEVATED_ROLE); // warm: classes loaded, template rendered, server caches
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            millis.add(timedBuildThenRollback());
        }
        long best = millis.stream().mapToLong(Long::longValue).min().orElseThrow();
        System.out.println("ModelSchema render + build, warm, 3 runs (ms): " + millis);
        if (best >= 1000) {
            fail("rendering and building the shadow schema took " + millis + " ms, expected well under 1 s");
        }
    }

    private static JsonNode buildAndDump(String schema, String elevatedRole) throws SQLException {
        Connection connection = database.connection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            ModelSchema.build(connection, schema, elevatedRole);
            // dump reads inside this transaction; the finally block rolls it back: the shadow schema never commits
            return CatalogDumper.dump(connection, schema);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static long timedBuildThenRollback() throws SQLException {
        Connection connection = database.connection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            long start = System.nanoTime();
            statement.execute("CREATE SCHEMA " + SHADOW);
            ModelSchema.build(connection, SHADOW, STANDARD_ELEVATED_ROLE);
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
