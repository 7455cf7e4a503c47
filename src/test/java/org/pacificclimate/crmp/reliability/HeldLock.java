package org.pacificclimate.crmp.reliability;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/**
 * A lock held from another connection, in an open transaction, until closed: a migration that needs a conflicting
 * lock waits for it, and with a short {@code lock_timeout} fails (SQLSTATE 55P03).
 */
final class HeldLock implements AutoCloseable {

    private final Connection connection;

    private HeldLock(Connection connection) {
        this.connection = connection;
    }

    /** {@code LOCK TABLE <table> IN <mode> MODE} from a connection of the database's admin. */
    static HeldLock on(TestDatabase db, String table, String mode) throws SQLException {
        Connection connection = db.admin();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + table + " IN " + mode + " MODE");
        }
        return new HeldLock(connection);
    }

    /**
     * The migrations of {@code db} (its shared connection), giving up on a lock after 300 ms and trying no more: a
     * revision's steps get {@code ddlLockTimeout} (with retries, by default), other statements the session's
     * {@code lock_timeout}.
     */
    static Migrations shortLockTimeout(TestDatabase db) throws SQLException {
        db.execute("SET lock_timeout = '300ms'");
        return db.migrations().ddlLockTimeout(Duration.ofMillis(300), 0);
    }

    @Override
    public void close() throws SQLException {
        connection.rollback();
        connection.close();
    }
}
