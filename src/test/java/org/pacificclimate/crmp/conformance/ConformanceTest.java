package org.pacificclimate.crmp.conformance;

import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.catalog.ReferenceCatalogs;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * After every ported revision the schema equals the catalog PyCDS builds at that revision, and rolling each
 * revision back gives the previous revision's catalog exactly: the whole chain up, one revision at a time,
 * then down again, in one database.
 */
class ConformanceTest {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabases.empty();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @TestFactory
    Stream<DynamicTest> eachRevisionMatchesItsCatalogUpAndDown() {
        List<Revision> revisions = RevisionChain.standard().revisions();
        List<DynamicTest> tests = new ArrayList<>();
        for (Revision revision : revisions) {
            tests.add(DynamicTest.dynamicTest("upgrade to " + revision + " gives catalog " + ReferenceCatalogs.name(revision),
                    () -> {
                        database.migrations().updateTo(revision.id());
                        assertCatalogMatches(revision, database.catalog("crmp"), "after upgrade to " + revision);
                    }));
        }
        for (int i = revisions.size() - 1; i > 0; i--) {
            Revision revision = revisions.get(i);
            Revision previous = revisions.get(i - 1);
            tests.add(DynamicTest.dynamicTest("rollback of " + revision + " gives catalog " + ReferenceCatalogs.name(previous),
                    () -> {
                        database.migrations().rollbackTo(previous.id());
                        assertCatalogMatches(previous, database.catalog("crmp"), "after rollback of " + revision);
                    }));
        }
        return tests.stream();
    }
}
