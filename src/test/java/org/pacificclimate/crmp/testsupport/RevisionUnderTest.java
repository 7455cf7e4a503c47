package org.pacificclimate.crmp.testsupport;

import java.sql.SQLException;
import java.util.Optional;

import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;

/**
 * The revision a per-revision test class is about, with "before" derived from the chain (the shape of GitLab's
 * migration specs: migrate to just before, seed, migrate, assert; roll back, assert).
 *
 * <pre>
 * private static final RevisionUnderTest REVISION = RevisionUnderTest.of("879f0efa125f");
 * try (TestDatabase db = REVISION.databaseBefore()) { seed(db); REVISION.upgrade(db); ...; REVISION.rollBack(db); }
 * </pre>
 */
public final class RevisionUnderTest {

    private final Revision revision;

    private RevisionUnderTest(Revision revision) {
        this.revision = revision;
    }

    public static RevisionUnderTest of(String id) {
        return new RevisionUnderTest(Revision.byId(id));
    }

    public Revision revision() {
        return revision;
    }

    public String id() {
        return revision.id();
    }

    /** The revision before this one; empty for the base revision. */
    public Optional<Revision> previous() {
        return revision.previous();
    }

    /** A fresh database whose schema {@code crmp} is at the previous revision (empty for the base revision). */
    public TestDatabase databaseBefore() {
        return revision.previous().map(p -> TestDatabases.at(p.id())).orElseGet(TestDatabases::empty);
    }

    /** A fresh database whose schema {@code crmp} is at this revision. */
    public TestDatabase databaseAt() {
        return TestDatabases.at(revision.id());
    }

    /** Applies this revision (and any revision before it that is not yet applied). */
    public void upgrade(TestDatabase db) throws MigrationException, SQLException {
        db.migrations().updateTo(revision.id());
    }

    /** Rolls this revision back (and any revision after it), to the previous revision or to an empty schema. */
    public void rollBack(TestDatabase db) throws MigrationException, SQLException {
        Optional<Revision> previous = revision.previous();
        if (previous.isPresent()) {
            db.migrations().rollbackTo(previous.get().id());
        } else {
            db.migrations().rollbackAll();
        }
    }
}
