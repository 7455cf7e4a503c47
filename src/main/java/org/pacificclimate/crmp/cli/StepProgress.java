package org.pacificclimate.crmp.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Progress of a revision's long steps while they run. The long fills (the {@code obs_raw_hx} fill of 8c05da87cb79)
 * set the migrating session's {@code application_name} to their progress after every batch (percent, rows, rate, time
 * left), and PostgreSQL reports every index build in {@code pg_stat_progress_create_index}. A step's NOTICEs reach
 * the client only when its statement ends, so this reads both from a second session every {@code poll} and prints
 * what changed, at most once every {@code every}. A run whose steps are quick never opens the second session and
 * prints nothing.
 */
final class StepProgress implements AutoCloseable {

    static final Duration POLL = Duration.ofSeconds(2);
    static final Duration EVERY = Duration.ofSeconds(30);

    private final Thread watcher;
    private volatile boolean done;

    private StepProgress(Thread watcher) {
        this.watcher = watcher;
    }

    /** Watches the session of {@code migrating}, opening {@code second} (another session) when first needed. */
    static StepProgress watch(Connection migrating, Callable<Connection> second, Consumer<String> out,
                              Consumer<String> warnings) throws SQLException {
        return watch(migrating, second, out, warnings, POLL, EVERY);
    }

    static StepProgress watch(Connection migrating, Callable<Connection> second, Consumer<String> out,
                              Consumer<String> warnings, Duration poll, Duration every) throws SQLException {
        int pid;
        String own;
        boolean autoCommit = migrating.getAutoCommit();
        try (Statement statement = migrating.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_backend_pid(), current_setting('application_name')")) {
            rs.next();
            pid = rs.getInt(1);
            own = rs.getString(2);
        }
        if (!autoCommit) {
            migrating.commit(); // leave no transaction open for the migration to inherit
        }
        StepProgress[] self = new StepProgress[1];
        Thread thread = new Thread(() -> self[0].run(pid, own, second, out, warnings, poll, every),
                "crmp step progress");
        thread.setDaemon(true);
        self[0] = new StepProgress(thread);
        thread.start();
        return self[0];
    }

    private void run(int pid, String own, Callable<Connection> second, Consumer<String> out,
                     Consumer<String> warnings, Duration poll, Duration every) {
        Connection connection = null;
        String printed = own;
        long printedAt = 0;
        try {
            while (!sleep(poll)) {
                if (connection == null) {
                    connection = second.call();
                    connection.setAutoCommit(true);
                }
                String now = progress(connection, pid, own);
                long at = System.nanoTime();
                if (now != null && !now.equals(printed)
                        && (printedAt == 0 || at - printedAt >= every.toNanos())) {
                    out.accept("in progress " + now);
                    printed = now;
                    printedAt = at;
                }
            }
        } catch (Exception e) {
            if (!done) {
                warnings.accept("progress of long steps not shown: " + e.getMessage());
            }
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the watcher's own session; nothing of the migration depends on it
                }
            }
        }
    }

    /**
     * An index build of the migrating session (pg_stat_progress_create_index: its phase and how far through the
     * table's blocks or the tuples it is), else the session's application_name.
     */
    private static String progress(Connection connection, int pid, String own) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT 'index build: ' || i.phase || CASE
                         WHEN i.blocks_total > 0 THEN format(', %s%% of %s blocks',
                             round(100.0 * i.blocks_done / i.blocks_total), i.blocks_total)
                         WHEN i.tuples_total > 0 THEN format(', %s%% of %s tuples',
                             round(100.0 * i.tuples_done / i.tuples_total), i.tuples_total)
                         ELSE '' END,
                       a.application_name
                FROM pg_stat_activity AS a LEFT JOIN pg_stat_progress_create_index AS i ON i.pid = a.pid
                WHERE a.pid = ?""")) {
            statement.setInt(1, pid);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String index = rs.getString(1);
                String name = rs.getString(2);
                return index != null ? index : name == null || name.equals(own) ? null : name;
            }
        }
    }

    /** Sleeps {@code duration}; true when the watch has ended meanwhile. */
    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            return true;
        }
        return done;
    }

    @Override
    public void close() {
        done = true;
        watcher.interrupt();
        try {
            watcher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
