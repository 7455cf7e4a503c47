package org.pacificclimate.crmp.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pacificclimate.crmp.testsupport.CatalogAssertions.assertCatalogMatches;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/** The whole chain in one go, both ways, and two schemas of one database migrated independently. */
class WholeChainTest {

    @Test
    void updateWithoutATagReachesTheHeadAndRollingBackEverythingEmptiesTheSchema() throws Exception {
        Revision head = RevisionChain.standard().head();
        try (TestDatabase db = TestDatabases.empty()) {
            db.migrations().update();
            assertCatalogMatches(head, db.catalog("crmp"), "after update");
            assertEquals(Optional.of(head.id()), db.migrations().current());

            db.migrations().rollbackAll();
            CatalogEmptiness.assertEmpty(db.catalog("crmp"));
            assertEquals(Optional.empty(), db.migrations().current());

            db.migrations().update();
            assertCatalogMatches(head, db.catalog("crmp"), "after update, rollback and update");
        }
    }

    @Test
    void rollingBackFromTheHeadToTheLastMaterializedViewRevisionGivesItsCatalog() throws Exception {
        Revision matviews = Revision.byId("081f17262852");
        try (TestDatabase db = TestDatabases.empty()) {
            db.migrations().update();
            assertCatalogMatches(Revision.byId("f6d5a4c2e901"), db.catalog("crmp"), "after update without a tag");

            db.migrations().rollbackTo(matviews.id());
            assertCatalogMatches(matviews, db.catalog("crmp"), "after rollback to " + matviews);
            assertEquals(Optional.of(matviews.id()), db.migrations().current());
        }
    }

    @Test
    void twoSchemasAtTheLastMaterializedViewRevisionAndOneRolledBackToTheFirstIssuesEnd() throws Exception {
        Revision matviews = Revision.byId("081f17262852");
        Revision foundation = Revision.byId("0d99ba90c229");
        try (TestDatabase db = TestDatabases.empty()) {
            db.migrations("crmp").updateTo(matviews.id());
            db.migrations("other").updateTo(matviews.id());
            assertCatalogMatches(matviews, db.catalog("crmp"), "crmp at " + matviews);
            assertCatalogMatches(matviews, "other", db.catalog("other"), "other at " + matviews);

            db.migrations("other").rollbackTo(foundation.id());
            assertCatalogMatches(foundation, "other", db.catalog("other"), "other after rollback to " + foundation);
            assertCatalogMatches(matviews, db.catalog("crmp"), "crmp while other was rolled back");
        }
    }

    @Test
    void rollingBackOneSchemaLeavesAnotherSchemaOfTheSameDatabaseAsItWas() throws Exception {
        Revision head = RevisionChain.standard().head();
        // The end of the first issue's range (0d99ba90c229) once the chain goes beyond it, so that the
        // rollback crosses the database-wide extensions (citext, unaccent) that the other schema still uses.
        Revision base = RevisionChain.standard().number(head.number() > 9 ? 9 : 1);
        try (TestDatabase db = TestDatabases.empty()) {
            db.migrations("crmp").update();
            db.migrations("other").update();
            assertCatalogMatches(head, db.catalog("crmp"), "crmp after update");
            assertCatalogMatches(head, "other", db.catalog("other"), "other after update");

            db.migrations("other").rollbackTo(base.id());
            assertCatalogMatches(base, "other", db.catalog("other"), "other after rollback to " + base);
            assertCatalogMatches(head, db.catalog("crmp"), "crmp while other was rolled back");
            assertEquals(Optional.of(head.id()), db.migrations("crmp").current());
            assertEquals(Optional.of(base.id()), db.migrations("other").current());

            db.migrations("other").rollbackAll();
            CatalogEmptiness.assertEmpty(db.catalog("other"));
            assertCatalogMatches(head, db.catalog("crmp"), "crmp after other was emptied");
        }
    }
}
