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

    /**
     * The revision before 3d50ec832e47, which installs citext (and 78260d36e42b unaccent): rolling a schema back to
     * it crosses the database-wide extensions that another schema may still use.
     */
    private static final Revision BEFORE_EXTENSIONS = Revision.byId("3d50ec832e47").previous().orElseThrow();

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
    void twoSchemasAtTheLastMaterializedViewRevisionAndOneRolledBackToBeforeTheExtensions() throws Exception {
        Revision matviews = Revision.byId("081f17262852");
        try (TestDatabase db = TestDatabases.empty()) {
            db.migrations("crmp").updateTo(matviews.id());
            db.migrations("other").updateTo(matviews.id());
            assertCatalogMatches(matviews, db.catalog("crmp"), "crmp at " + matviews);
            assertCatalogMatches(matviews, "other", db.catalog("other"), "other at " + matviews);

            db.migrations("other").rollbackTo(BEFORE_EXTENSIONS.id());
            assertCatalogMatches(BEFORE_EXTENSIONS, "other", db.catalog("other"),
                    "other after rollback to " + BEFORE_EXTENSIONS);
            assertCatalogMatches(matviews, db.catalog("crmp"), "crmp while other was rolled back");
        }
    }

    @Test
    void rollingBackOneSchemaLeavesAnotherSchemaOfTheSameDatabaseAsItWas() throws Exception {
        Revision head = RevisionChain.standard().head();
        try (TestDatabase db = TestDatabases.empty()) {
            db.migrations("crmp").update();
            db.migrations("other").update();
            assertCatalogMatches(head, db.catalog("crmp"), "crmp after update");
            assertCatalogMatches(head, "other", db.catalog("other"), "other after update");

            db.migrations("other").rollbackTo(BEFORE_EXTENSIONS.id());
            assertCatalogMatches(BEFORE_EXTENSIONS, "other", db.catalog("other"),
                    "other after rollback to " + BEFORE_EXTENSIONS);
            assertCatalogMatches(head, db.catalog("crmp"), "crmp while other was rolled back");
            assertEquals(Optional.of(head.id()), db.migrations("crmp").current());
            assertEquals(Optional.of(BEFORE_EXTENSIONS.id()), db.migrations("other").current());

            db.migrations("other").rollbackAll();
            CatalogEmptiness.assertEmpty(db.catalog("other"));
            assertCatalogMatches(head, db.catalog("crmp"), "crmp after other was emptied");
        }
    }
}
