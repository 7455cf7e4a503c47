package org.pacificclimate.crmp.testsupport;

/** Databases as PyCDS's Alembic leaves them, for the tests of adoption. */
public final class AlembicDatabases {

    private AlembicDatabases() {
    }

    /**
     * A database whose schema {@code crmp} is at {@code revision} as Alembic leaves it: PyCDS's objects (which the
     * conformance tests prove the changelogs build exactly), Alembic's version table holding the revision, no
     * Liquibase table.
     */
    public static TestDatabase at(String revision) throws java.sql.SQLException {
        TestDatabase db = TestDatabases.at(revision);
        db.execute("DROP TABLE crmp.databasechangelog, crmp.databasechangeloglock");
        db.execute("CREATE TABLE crmp.alembic_version (version_num VARCHAR(32) NOT NULL, "
                + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
        db.execute("INSERT INTO crmp.alembic_version VALUES ('" + revision + "')");
        db.closeConnections();
        return db;
    }
}
