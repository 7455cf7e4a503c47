package org.pacificclimate.crmp.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import liquibase.exception.LockException;

import org.pacificclimate.crmp.config.LockSettings;

/**
 * The migration lock of one schema: a PostgreSQL session-level advisory lock, which the server releases when the
 * session ends, however it ends (a killed client included), so no lock is ever left behind.
 *
 * <p>Its key is (the database, {@value #PROJECT_KEY}, the schema's oid): every advisory lock of PostgreSQL belongs to
 * one database, the first number says "a crmp-schema migration", the second names the schema. So two schemas of one
 * database, or one schema name in two databases, never wait for each other. Who holds it, from any session:
 * <pre>
 * SELECT l.pid, l.objid::regnamespace AS schema, a.application_name, a.backend_start, a.state
 * FROM pg_locks l JOIN pg_stat_activity a USING (pid)
 * WHERE l.locktype = 'advisory' AND l.classid = 1668443504 AND l.objsubid = 2 AND l.granted;
 * </pre>
 *
 * <p>Holding is counted per JDBC connection and schema, so the launcher can hold it from planning to the end while
 * Liquibase's lock service takes and releases it again inside (reentrant, as PostgreSQL's own advisory locks are).
 * A waiter reports who holds the lock (process id, application name, since when), again when the holder changes and
 * every minute, and gives up after {@link LockSettings#lockTimeout()} with a {@link TimeoutException}.
 */
public final class SchemaLock {

    /** The first key of every crmp-schema migration lock: "crmp" in ASCII. */
    public static final int PROJECT_KEY = 0x63726d70;

    /** The longest single wait inside the server before the waiter looks at the holder again. */
    private static final Duration SLICE = Duration.ofSeconds(5);
    private static final Duration REPORT_EVERY = Duration.ofMinutes(1);

    /** Per connection: schema → how many times this session holds the lock (PostgreSQL holds it once). */
    private static final Map<Connection, Map<String, Hold>> HELD = new WeakHashMap<>();

    private SchemaLock() {
    }

    /** A hold of the lock; {@link #close()} releases it (once). */
    public static final class Held implements AutoCloseable {
        /** A hold of nothing: the schema does not exist, so nothing can be migrated in it to begin with. */
        static final Held NOTHING = new Held(null, null);

        private final Connection connection;
        private final String schema;
        private boolean open = true;

        private Held(Connection connection, String schema) {
            this.connection = connection;
            this.schema = schema;
        }

        @Override
        public void close() {
            if (open && connection != null) {
                open = false;
                release(connection, schema);
            }
        }
    }

    /** The holder could not be waited for any longer; the message names it. */
    public static final class TimeoutException extends LockException {
        public TimeoutException(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** Who holds a lock, as {@code pg_locks} and {@code pg_stat_activity} show it. */
    public record Holder(int pid, String applicationName, String user, String connectedSince, Long connectedSeconds,
                         String state, String transactionSince, String waiting) {

        /** "pid 4242 (application_name 'crmp', user tester, connected since 2025-06-01 12:00:01+00, 3 min ago, active)" */
        public String describe() {
            StringBuilder text = new StringBuilder("pid ").append(pid).append(" (application_name '")
                    .append(applicationName == null ? "" : applicationName).append("'");
            if (user != null) {
                text.append(", user ").append(user);
            }
            if (connectedSince != null) {
                text.append(", connected since ").append(connectedSince);
                if (connectedSeconds != null) {
                    text.append(", ").append(LockSettings.describe(Duration.ofSeconds(connectedSeconds))).append(" ago");
                }
            }
            if (state != null) {
                text.append(", ").append(state);
                if (transactionSince != null) {
                    text.append(state.contains("transaction") ? " since " : ", in a transaction since ")
                            .append(transactionSince);
                }
                if (waiting != null) {
                    text.append(", waiting for ").append(waiting);
                }
            }
            return text.append(")").toString();
        }
    }

    // ------------------------------------------------------------------------------------------------ taking

    /**
     * Takes the migration lock of {@code schema} for this session, waiting at most {@code timeout}.
     *
     * @param notices receives one line when the lock is busy (who holds it), again when the holder changes or a minute
     *                has passed, and one when it was obtained after waiting
     * @throws TimeoutException when it was not obtained in time; the message names the holder
     * @throws SQLException     when the database fails (or the schema does not exist)
     */
    public static Held acquire(Connection connection, String schema, Duration timeout, Consumer<String> notices)
            throws LockException, SQLException {
        if (holdAgain(connection, schema)) {
            return new Held(connection, schema);
        }
        OptionalLong schemaOid = schemaOid(connection, schema);
        if (schemaOid.isEmpty()) {
            return Held.NOTHING;
        }
        long oid = schemaOid.getAsLong();
        if (lockWithin(connection, oid, Duration.ZERO)) {
            return held(connection, schema, oid);
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Optional<Holder> reported = null;
        long reportedAt = 0;
        while (true) {
            Optional<Holder> holder = holder(connection, oid);
            long now = System.nanoTime();
            boolean changed = reported == null || !holder.map(Holder::pid).equals(reported.map(Holder::pid));
            if (now >= deadline) {
                throw new TimeoutException("Could not get the migration lock of schema " + schema + " of database "
                        + database(connection) + " within " + LockSettings.describe(timeout) + ": it is held by "
                        + holder.map(Holder::describe).orElse("a session that has just ended") + ". Wait for that "
                        + "migration to end (or end its session: SELECT pg_terminate_backend(" + holder.map(h -> h.pid)
                        .map(String::valueOf).orElse("<pid>") + ")), or wait longer with -x lockTimeout=..., "
                        + "PYCDS_LOCK_TIMEOUT or -Dpycds.lockTimeout=. Nothing was changed.");
            }
            if (changed || now - reportedAt >= REPORT_EVERY.toNanos()) {
                notices.accept("Waiting for the migration lock of schema " + schema + " (at most "
                        + LockSettings.describe(Duration.ofNanos(deadline - now)) + " more): held by "
                        + holder.map(Holder::describe).orElse("a session that has just ended") + ".");
                reported = holder;
                reportedAt = now;
            }
            Duration slice = Duration.ofNanos(Math.min(deadline - now, SLICE.toNanos()));
            if (lockWithin(connection, oid, slice)) {
                notices.accept("Got the migration lock of schema " + schema + " after "
                        + LockSettings.describe(Duration.ofNanos(System.nanoTime() - start)) + ".");
                return held(connection, schema, oid);
            }
        }
    }

    /** Takes the lock if it is free, without waiting. */
    public static Optional<Held> tryAcquire(Connection connection, String schema) throws SQLException {
        if (holdAgain(connection, schema)) {
            return Optional.of(new Held(connection, schema));
        }
        OptionalLong oid = schemaOid(connection, schema);
        if (oid.isEmpty()) {
            return Optional.of(Held.NOTHING);
        }
        return lockWithin(connection, oid.getAsLong(), Duration.ZERO)
                ? Optional.of(held(connection, schema, oid.getAsLong())) : Optional.empty();
    }

    /** Whether this session holds the lock of {@code schema} through this class. */
    public static boolean isHeld(Connection connection, String schema) {
        synchronized (HELD) {
            Hold hold = HELD.getOrDefault(connection, Map.of()).get(schema);
            return hold != null && hold.count > 0;
        }
    }

    /** Who holds the migration lock of {@code schema}, if anyone. */
    public static Optional<Holder> holder(Connection connection, String schema) throws SQLException {
        OptionalLong oid = schemaOid(connection, schema);
        return oid.isEmpty() ? Optional.empty() : holder(connection, oid.getAsLong());
    }

    private static boolean holdAgain(Connection connection, String schema) {
        synchronized (HELD) {
            Hold hold = HELD.getOrDefault(connection, Map.of()).get(schema);
            if (hold != null && hold.count > 0) {
                hold.count++;
                return true;
            }
            return false;
        }
    }

    private static Held held(Connection connection, String schema, long oid) {
        synchronized (HELD) {
            HELD.computeIfAbsent(connection, c -> new HashMap<>()).put(schema, new Hold(oid));
        }
        return new Held(connection, schema);
    }

    private static void release(Connection connection, String schema) {
        long oid;
        synchronized (HELD) {
            Map<String, Hold> schemas = HELD.get(connection);
            Hold hold = schemas == null ? null : schemas.get(schema);
            if (hold == null || hold.count <= 0) {
                return;
            }
            if (--hold.count > 0) {
                return;
            }
            schemas.remove(schema);
            oid = hold.oid;
        }
        try {
            if (connection.isClosed()) {
                return; // the server released it with the session
            }
            try (Statement unlock = connection.createStatement()) {
                unlock.execute("SELECT pg_advisory_unlock(" + PROJECT_KEY + ", " + toInt(oid) + ")");
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            // The session may be broken; when it ends, the server releases the lock.
        }
    }

    /** How many times this session holds the lock of one schema, and the schema's oid (the key). */
    private static final class Hold {
        int count = 1;
        final long oid;

        Hold(long oid) {
            this.oid = oid;
        }
    }

    // ------------------------------------------------------------------------------------------------ SQL

    /**
     * One attempt: {@code pg_try_advisory_lock} when {@code wait} is zero, else {@code pg_advisory_lock} under a
     * {@code lock_timeout} of {@code wait} (the server wakes the waiter as soon as the lock is free). Runs in a
     * transaction of its own; a session-level advisory lock outlives it.
     */
    private static boolean lockWithin(Connection connection, long oid, Duration wait) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.rollback(); // start clean, as Liquibase's own lock service does
        } else {
            connection.setAutoCommit(false);
        }
        try (Statement statement = connection.createStatement()) {
            String key = PROJECT_KEY + ", " + toInt(oid);
            boolean got;
            if (wait.isZero()) {
                try (ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock(" + key + ")")) {
                    rs.next();
                    got = rs.getBoolean(1);
                }
            } else {
                statement.execute("SET LOCAL lock_timeout = '" + Math.max(1, wait.toMillis()) + "ms'");
                statement.execute("SELECT pg_advisory_lock(" + key + ")");
                got = true;
            }
            connection.commit();
            return got;
        } catch (SQLException e) {
            connection.rollback();
            if ("55P03".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The second key: the schema's oid as the signed 32-bit integer PostgreSQL's two-key functions take. */
    static int toInt(long oid) {
        return (int) oid;
    }

    /** The schema's oid; empty when there is no such schema (then nothing can be migrated in it, nor locked). */
    static OptionalLong schemaOid(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT oid::bigint FROM pg_namespace WHERE nspname = ?")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } finally {
            endReadOnlyTransaction(connection);
        }
    }

    private static Optional<Holder> holder(Connection connection, long oid) throws SQLException {
        String sql = """
                SELECT l.pid, a.application_name, a.usename,
                       to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS TZ'),
                       extract(epoch FROM now() - a.backend_start)::bigint,
                       a.state, to_char(a.xact_start, 'YYYY-MM-DD HH24:MI:SS TZ'),
                       CASE WHEN a.wait_event_type IS NOT NULL AND a.state = 'active'
                            THEN a.wait_event_type || ' ' || a.wait_event END
                FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.classid::bigint = ? AND l.objid::bigint = ?
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, PROJECT_KEY);
            statement.setLong(2, oid);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long seconds = rs.getLong(5);
                return Optional.of(new Holder(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.wasNull() ? null : seconds, rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        } finally {
            endReadOnlyTransaction(connection);
        }
    }

    private static String database(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        } finally {
            try {
                endReadOnlyTransaction(connection);
            } catch (SQLException ignored) {
                // reported by the next statement
            }
        }
    }

    /** Outside autocommit, a query opens a transaction: end it, so that nothing is held while waiting. */
    private static void endReadOnlyTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
    }
}
