package org.pacificclimate.crmp.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.pacificclimate.crmp.liquibase.SchemaLock;
import org.pacificclimate.crmp.testsupport.TestDatabase;

/** What the server shows of the sessions of one test database, seen by a superuser. */
final class Sessions implements AutoCloseable {

    private final Connection admin;

    Sessions(TestDatabase db) throws SQLException {
        this.admin = db.admin();
        try (Statement statement = admin.createStatement()) {
            statement.execute("SET application_name = 'test observer'");
        }
    }

    /** The backend holding the migration lock of {@code schema}, if any. */
    Optional<Integer> migrationLockHolder(String schema) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement("""
                SELECT pid FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid::bigint = ?
                  AND objid::bigint = (SELECT oid::bigint FROM pg_namespace WHERE nspname = ?)
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """)) {
            statement.setLong(1, SchemaLock.PROJECT_KEY);
            statement.setString(2, schema);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    /** Waits until a backend holds the migration lock of {@code schema}; its pid. */
    int awaitMigrationLockHolder(String schema, ChildLauncher.Child child) throws Exception {
        int[] pid = new int[1];
        await("a backend holding the migration lock of " + schema, Duration.ofSeconds(60), child, () -> {
            Optional<Integer> holder = query(() -> migrationLockHolder(schema));
            holder.ifPresent(p -> pid[0] = p);
            return holder.isPresent();
        });
        return pid[0];
    }

    /** Waits until backend {@code pid} waits for a lock while running a statement containing {@code marker}. */
    void awaitLockWait(int pid, String marker, ChildLauncher.Child child) throws Exception {
        await("backend " + pid + " waiting for a lock in a statement with '" + marker + "'", Duration.ofSeconds(60),
                child, () -> query(() -> {
                    try (PreparedStatement statement = admin.prepareStatement("SELECT wait_event_type = 'Lock' "
                            + "AND strpos(query, ?) > 0 FROM pg_stat_activity WHERE pid = ?")) {
                        statement.setString(1, marker);
                        statement.setInt(2, pid);
                        try (ResultSet rs = statement.executeQuery()) {
                            return rs.next() && rs.getBoolean(1);
                        }
                    }
                }));
    }

    /** The locks backend {@code pid} holds, by mode ("AccessExclusiveLock" → 49). */
    Map<String, Integer> locksHeld(int pid) throws SQLException {
        Map<String, Integer> modes = new TreeMap<>();
        try (PreparedStatement statement = admin.prepareStatement(
                "SELECT mode, count(*) FROM pg_locks WHERE pid = ? AND granted GROUP BY mode")) {
            statement.setInt(1, pid);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    modes.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return modes;
    }

    /** Whether backend {@code pid} still exists or still holds a lock. */
    boolean exists(int pid) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement("SELECT EXISTS (SELECT FROM pg_stat_activity "
                + "WHERE pid = ?) OR EXISTS (SELECT FROM pg_locks WHERE pid = ?)")) {
            statement.setInt(1, pid);
            statement.setInt(2, pid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** How long backend {@code pid} and its locks take to disappear, waiting at most {@code limit}. */
    Duration timeUntilGone(int pid, long startNanos, Duration limit) throws SQLException, InterruptedException {
        while (exists(pid)) {
            if (System.nanoTime() - startNanos > limit.toNanos()) {
                return Duration.ofNanos(System.nanoTime() - startNanos);
            }
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private interface Query<T> {
        T run() throws SQLException;
    }

    private static <T> T query(Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} every 10 ms; fails when the child ended first or the limit passed. */
    private static void await(String what, Duration limit, ChildLauncher.Child child, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (child != null && !child.isAlive()) {
                throw new AssertionError("the launcher ended before " + what + ":\n" + child.output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " after " + limit + (child == null ? ""
                        : ":\n" + child.output()));
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }
}
