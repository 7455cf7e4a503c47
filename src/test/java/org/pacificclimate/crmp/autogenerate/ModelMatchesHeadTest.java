package org.pacificclimate.crmp.autogenerate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.liquibase.diff.Autogenerate;
import org.pacificclimate.crmp.liquibase.diff.ModelReference;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * {@code check} on a database the changelogs migrated to head finds no difference from the model: a changelog change
 * the model does not follow, or the reverse, fails here. And it does see a difference when there is one.
 */
class ModelMatchesHeadTest {

    private static final Path CHANGELOG = TestDatabases.projectFile("changelog");

    @Test
    void checkFindsNoDifferenceBetweenTheModelAndADatabaseAtHead() throws Exception {
        try (TestDatabase db = TestDatabases.at(RevisionChain.standard().head().id())) {
            assertEquals(List.of(), check(db));
        }
    }

    @Test
    void checkReportsAColumnTheDatabaseLacks() throws Exception {
        try (TestDatabase db = TestDatabases.at(RevisionChain.standard().head().id())) {
            db.execute("ALTER TABLE crmp.meta_contact DROP COLUMN phone");
            assertEquals(List.of("column meta_contact.phone: missing"), check(db));
        }
    }

    private static List<String> check(TestDatabase db) throws Exception {
        return new Autogenerate(db.connection(), "crmp", "pcicdba", CHANGELOG, new ModelReference())
                .diff("000000000000").differences();
    }
}
