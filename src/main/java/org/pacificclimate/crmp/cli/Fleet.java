package org.pacificclimate.crmp.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.pacificclimate.crmp.config.ConfigResolver;
import org.pacificclimate.crmp.config.Connector;
import org.pacificclimate.crmp.config.JdbcUrl;
import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.migration.Migrations;
import org.pacificclimate.crmp.migration.Migrations.HistoryEntry;
import org.pacificclimate.crmp.migration.Migrations.MigrationException;
import org.pacificclimate.crmp.migration.Revision;

/**
 * {@code current --all}: every label's database ({@code environments/*.properties}), read in parallel, one row each:
 * label, database, schema, current revision, revisions pending up to the head. A database that cannot be read is
 * reported in its row (with the exit code it would give alone) and the others are still shown.
 */
final class Fleet {

    /** Seconds: how long one database may take to answer before its row says so (the others do not wait). */
    static final int CONNECT_TIMEOUT = 5;
    static final int SOCKET_TIMEOUT = 30;
    private static final int MAX_PARALLEL = 16;

    /** One label's row. {@code exitCode} 0: read; otherwise what went wrong, in {@code error}. */
    record Row(String label, String database, String schema, String current, String pending, int exitCode,
               String error) {
    }

    private final DatabaseCommand command;

    Fleet(DatabaseCommand command) {
        this.command = command;
    }

    int run() throws InterruptedException {
        Crmp.Extras extras = command.crmp.extras();
        if (!extras.labels().isEmpty() || extras.values().containsKey(ConfigResolver.URL)) {
            throw new CommandFailure(ExitCode.BAD_INPUT, "current --all reads the database of every label: give no "
                    + "-x db= or -x url=. Nothing was changed.");
        }
        ConfigResolver resolver = new ConfigResolver(extras.values(), command.crmp.launch.environment(),
                command.crmp.launch.environmentsDirectory());
        SortedSet<String> labels = resolver.labels();
        if (labels.isEmpty()) {
            throw new CommandFailure(ExitCode.BAD_INPUT, "No database labels: " + command.crmp.launch
                    .environmentsDirectory() + " holds no <label>.properties. Nothing was changed.");
        }
        List<Row> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(labels.size(), MAX_PARALLEL), task -> {
            Thread thread = new Thread(task, "crmp-fleet");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (String label : labels) {
                futures.add(pool.submit(() -> row(resolver, label)));
            }
            for (Future<Row> future : futures) {
                try {
                    rows.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        print(rows);
        List<Row> failed = rows.stream().filter(r -> r.exitCode() != ExitCode.OK).toList();
        if (failed.isEmpty()) {
            return ExitCode.OK;
        }
        command.err().println("crmp: " + failed.size() + " of " + rows.size() + " database"
                + (rows.size() == 1 ? "" : "s") + " could not be read (" + String.join(", ",
                failed.stream().map(Row::label).toList()) + "; their rows say why).");
        return failed.get(0).exitCode();
    }

    private Row row(ConfigResolver resolver, String label) {
        String database = "?";
        String schema = "?";
        try {
            Settings settings = resolver.resolve(Optional.of(label));
            schema = settings.schemaName();
            if (settings.url().isEmpty()) {
                return failed(label, database, schema, ExitCode.BAD_INPUT, "environments/" + label
                        + ".properties has no url");
            }
            String user = settings.username().orElse(command.crmp.launch.environment().getOrDefault("USER", "?"));
            try {
                database = user + "@" + JdbcUrl.parse(settings.url().get());
            } catch (RuntimeException e) {
                database = settings.url().get();
            }
            try (Connection connection = connect(settings)) {
                Migrations migrations = Migrations.on(connection).using(settings);
                if (command.crmp.launch.changelogsFrom().isPresent()) {
                    migrations = migrations.changelogsFrom(command.crmp.launch.changelogsFrom().get());
                }
                List<HistoryEntry> history = migrations.history();
                Optional<Revision> current = history.stream().filter(HistoryEntry::current)
                        .map(HistoryEntry::revision).findFirst();
                long pending = history.stream().filter(e -> !e.applied()).count();
                return new Row(label, database, schema, current.map(r -> r.id() + (r.isHead() ? " (head)" : ""))
                        .orElse("base"), Long.toString(pending), ExitCode.OK, "");
            }
        } catch (CommandFailure e) {
            return failed(label, database, schema, e.exitCode(), e.getMessage());
        } catch (MigrationException e) {
            return failed(label, database, schema, ExitCode.of(e.kind()), e.getMessage());
        } catch (IllegalArgumentException e) {
            return failed(label, database, schema, ExitCode.BAD_INPUT, e.getMessage());
        } catch (SQLException | RuntimeException e) {
            return failed(label, database, schema, ExitCode.FAILED, e.getMessage() == null ? e.toString()
                    : e.getMessage());
        }
    }

    private Connection connect(Settings settings) {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "crmp");
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT));
        try {
            return Connector.open(new org.postgresql.Driver(), settings.url().get(), properties, settings,
                    command.crmp.launch.environment(), warning -> { }, null);
        } catch (SQLException e) {
            throw new CommandFailure(ExitCode.UNREACHABLE, e.getMessage());
        }
    }

    private static Row failed(String label, String database, String schema, int exitCode, String message) {
        String text = Crmp.oneLine(message).replace(" Nothing was changed.", "");
        return new Row(label, database, schema, "-", "-", exitCode, "exit " + exitCode + ": " + text);
    }

    private void print(List<Row> rows) {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"label", "database", "schema", "current", "pending", ""});
        for (Row row : rows) {
            table.add(new String[] {row.label(), row.database(), row.schema(), row.current(), row.pending(),
                row.error()});
        }
        int[] widths = new int[5];
        for (String[] cells : table) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], cells[c].length());
            }
        }
        for (String[] cells : table) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cells.length; c++) {
                String cell = cells[c];
                if (c == 4) {
                    line.append(" ".repeat(widths[c] - cell.length())).append(cell); // a count: right-aligned
                } else {
                    line.append(cell);
                    if (c < widths.length) {
                        line.append(" ".repeat(widths[c] - cell.length()));
                    }
                }
                if (c < cells.length - 1) {
                    line.append("  ");
                }
            }
            command.out().println(line.toString().stripTrailing());
        }
    }

}
