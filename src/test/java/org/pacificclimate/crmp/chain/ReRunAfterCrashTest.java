package org.pacificclimate.crmp.chain;

import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.RevisionUnderTest;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * Liquibase commits a changeset, then records it in a second transaction (and the other way round for a
 * rollback). A crash in between leaves the work done but the record stale, and the next run repeats the work.
 * For every revision, both ways, that repetition must succeed and leave the same catalog.
 */
class ReRunAfterCrashTest {

    @TestFactory
    Stream<DynamicTest> eachRevisionCanBeAppliedAgainWhenItsRecordWasLost() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Revision revision : RevisionChain.standard().revisions()) {
            RevisionUnderTest underTest = RevisionUnderTest.of(revision.id());
            tests.add(DynamicTest.dynamicTest("upgrade to " + revision + " again", () -> {
                try (TestDatabase db = underTest.databaseBefore()) {
                    underTest.upgrade(db);
                    // The crash: the revision's changes committed, its changesets never recorded.
                    db.execute("DELETE FROM crmp.databasechangelog WHERE id IN ('" + revision.id() + "', '"
                            + revision.id() + "-tag')");
                    underTest.upgrade(db);
                    assertCatalogMatches(revision, db.catalog("crmp"), "after applying " + revision + " twice");
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> eachRevisionCanBeRolledBackAgainWhenItsRecordSurvived() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Revision revision : RevisionChain.standard().revisions()) {
            RevisionUnderTest underTest = RevisionUnderTest.of(revision.id());
            tests.add(DynamicTest.dynamicTest("rollback of " + revision + " again", () -> {
                try (TestDatabase db = underTest.databaseAt()) {
                    db.execute("CREATE TEMPORARY TABLE survivor AS SELECT * FROM crmp.databasechangelog WHERE id = '"
                            + revision.id() + "'");
                    underTest.rollBack(db);
                    // The crash: the revision's rollback committed, its record never removed.
                    db.execute("INSERT INTO crmp.databasechangelog SELECT * FROM survivor");
                    underTest.rollBack(db);
                    if (revision.previous().isPresent()) {
                        assertCatalogMatches(revision.previous().get(), db.catalog("crmp"),
                                "after rolling back " + revision + " twice");
                    } else {
                        CatalogEmptiness.assertEmpty(db.catalog("crmp"));
                    }
                }
            }));
        }
        return tests.stream();
    }
}
