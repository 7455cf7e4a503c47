package org.pacificclimate.crmp.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.pacificclimate.crmp.config.LockSettings;

/**
 * An upgrade of a schema that holds nothing, run from the statements Liquibase generated for it at build time
 * ({@link ChangelogIndex#compiledUpgrade}) instead of booting Liquibase: creating a database is then as quick as the
 * SQL it runs (docs/benchmarks.md, "Start-up"). What reaches the database is what Liquibase's update sends: the same
 * statements in the same order (a revision's in one round trip), the changelog and lock tables as Liquibase creates
 * them, one changelog row per changeset with the values Liquibase writes (ids, checksums, descriptions, comments,
 * tags, order, its version, one deployment id per run), the session's search path as Liquibase sets it;
 * {@code CompiledUpgradeTest} compares both runs, catalog and rows.
 *
 * <p>The build made the statements with placeholder names for the schema and the elevated role, which are replaced
 * here by the run's (validated identifiers, so the replacement is what Liquibase's own parameter substitution gives;
 * the build checks that for the default names). Each revision is one transaction with both of its rows: a failure
 * leaves the schema at the revision before, which the next run continues from through Liquibase.
 *
 * <p>Only for what it was built from: the packaged master changelog, an upgrade from base of a schema without a
 * single object ({@link Migrations} decides); anything else goes through Liquibase.
 */
public final class CompiledUpgrade {

    public static final String RESOURCE = "changelog/compiled-upgrade.txt";
    /** The placeholders the build wrote for {@code ${schemaName}} and {@code ${suRoleName}}. */
    public static final String SCHEMA_PLACEHOLDER = "crmp_compiled_schema_placeholder";
    public static final String ROLE_PLACEHOLDER = "crmp_compiled_role_placeholder";
    private static final String PLACEHOLDER_PREFIX = "crmp_compiled_";

    /** One changeset: its changelog row (as Liquibase writes it) and its statements, in order. */
    record Changeset(String id, String author, String filename, String md5sum, String description, String comments,
                     String tag, String contexts, String labels, List<String> statements) {
    }

    private final String liquibaseVersion;
    /** The changelog and lock tables, as Liquibase creates them in an empty schema. */
    private final List<String> tables;
    private final Map<String, Changeset> changesets;

    private CompiledUpgrade(String liquibaseVersion, List<String> tables, Map<String, Changeset> changesets) {
        this.liquibaseVersion = liquibaseVersion;
        this.tables = List.copyOf(tables);
        this.changesets = changesets;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CompiledUpgrade that && liquibaseVersion.equals(that.liquibaseVersion)
                && tables.equals(that.tables) && changesets.equals(that.changesets);
    }

    @Override
    public int hashCode() {
        return changesets.hashCode();
    }

    private static Optional<CompiledUpgrade> packaged;

    /** The compiled upgrade of the packaged changelogs, when the build made one. */
    public static synchronized Optional<CompiledUpgrade> packaged() {
        if (packaged == null) {
            try (InputStream in = CompiledUpgrade.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                packaged = in == null ? Optional.empty()
                        : Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return packaged;
    }

    /** The same with the placeholders replaced by {@code schema} and {@code suRole}: what {@link #run} sends. */
    CompiledUpgrade bind(String schema, String suRole) {
        Map<String, Changeset> bound = new HashMap<>();
        changesets.forEach((id, c) -> bound.put(id, new Changeset(c.id(), c.author(), c.filename(), c.md5sum(),
                c.description(), c.comments(), c.tag(), c.contexts(), c.labels(),
                c.statements().stream().map(sql -> bind(sql, schema, suRole)).toList())));
        return new CompiledUpgrade(liquibaseVersion, tables.stream().map(sql -> bind(sql, schema, suRole)).toList(),
                bound);
    }

    /** One changeset, by id (null: not compiled). */
    Changeset changeset(String id) {
        return changesets.get(id);
    }

    @Override
    public String toString() {
        return "CompiledUpgrade[liquibase " + liquibaseVersion + ", tables " + tables + ", changesets "
                + changesets.values() + "]";
    }

    /** Whether it has every changeset of {@code revisions} (each revision's and its tag's). */
    public boolean covers(List<Revision> revisions) {
        return revisions.stream().allMatch(r -> changesets.containsKey(r.id())
                && changesets.containsKey(r.id() + "-tag"));
    }

    /**
     * Applies {@code revisions} (base first, the first one the chain's base) to {@code schema}, which holds nothing,
     * on {@code connection}, which holds the schema's migration lock; one line per revision to {@code output}.
     * A revision waits for a table lock at most {@code locks.ddlLockTimeout()}, and one that timed out (or was a
     * deadlock victim) is rolled back and tried again, at most {@code locks.ddlLockRetries()} times, each attempt told
     * to {@code notices}: the steps of an empty schema's revisions are quick, so the whole revision is the attempt.
     *
     * @throws SQLException what the failing statement raised; the revision it belongs to is rolled back
     */
    public void run(Connection connection, String schema, String suRole, List<Revision> revisions,
                    LockSettings locks, Consumer<String> output, Consumer<String> notices) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.rollback(); // as Liquibase does before a changeset: nothing of the caller's is carried in
        }
        searchPathFirst(connection, schema);
        connection.setAutoCommit(false);
        try {
            inTransaction(connection, "the changelog tables", locks, notices, () -> {
                for (String table : tables) {
                    execute(connection, bind(table, schema, suRole));
                }
            });
            String deploymentId = deploymentId();
            int order = 0;
            for (Revision revision : revisions) {
                long start = System.nanoTime();
                int first = order;
                List<Changeset> both = List.of(changesets.get(revision.id()), changesets.get(revision.id() + "-tag"));
                inTransaction(connection, revision.id(), locks, notices, () -> {
                    StringBuilder script = new StringBuilder();
                    int recorded = first;
                    for (Changeset changeset : both) {
                        for (String statement : changeset.statements()) {
                            script.append(bind(statement, schema, suRole)).append("\n;\n");
                        }
                        script.append(insert(schema, changeset, ++recorded, deploymentId)).append(";\n");
                    }
                    if (script.indexOf("?") < 0) {
                        // One round trip: the driver sends the statements together and the server runs them in
                        // order, stopping at the first error, as one at a time would.
                        execute(connection, script.toString());
                    } else { // each statement with the driver's escape processing as Liquibase sets it for it
                        recorded = first;
                        for (Changeset changeset : both) {
                            for (String statement : changeset.statements()) {
                                execute(connection, bind(statement, schema, suRole));
                            }
                            execute(connection, insert(schema, changeset, ++recorded, deploymentId));
                        }
                    }
                });
                order += 2;
                // as RevisionProgress prints it; no String.format, whose first use costs ~20 ms of a cold start
                output.accept("applied     " + revision.id() + "  " + revision.message() + "  ("
                        + Math.round((System.nanoTime() - start) / 1e8) / 10.0 + " s)");
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private interface Work {
        void run() throws SQLException;
    }

    /**
     * {@code work} in one transaction, committed; rolled back and tried again after a lock timeout or a deadlock, as
     * {@code locks} says, each attempt told to {@code notices} as the revisions' steps tell theirs.
     */
    private static void inTransaction(Connection connection, String what, LockSettings locks,
                                      Consumer<String> notices, Work work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                execute(connection, "SET LOCAL lock_timeout = '" + Math.max(1, locks.ddlLockTimeout().toMillis())
                        + "ms'");
                work.run();
                connection.commit();
                if (attempt > 1) {
                    notices.accept(locks.gotLocksNotice(what, attempt));
                }
                return;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                Optional<String> failure = e instanceof SQLException sql ? locks.lockFailure(sql.getSQLState())
                        : Optional.empty();
                if (failure.isEmpty()) {
                    throw e;
                }
                if (attempt >= locks.ddlLockAttempts()) {
                    notices.accept(locks.giveUpNotice(what, attempt, failure.get()));
                    throw new SQLException(locks.gaveUpMessage(what, e.getMessage().strip().split("\\R", 2)[0]),
                            ((SQLException) e).getSQLState(), e);
                }
                notices.accept(locks.retryNotice(what, attempt, failure.get()));
                try {
                    Thread.sleep(locks.backoff(attempt).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting to try " + what + " again", e);
                }
            }
        }
    }

    /**
     * The session's search path with {@code schema} first, as Liquibase sets it before each changeset
     * ({@code DatabaseUtils.initializeDatabase}): the schema, then the entries that were there, quoted; unchanged when
     * it already starts with the schema. For the session, as Liquibase leaves it.
     */
    private static void searchPathFirst(Connection connection, String schema) throws SQLException {
        String searchPath;
        try (Statement show = connection.createStatement(); ResultSet rs = show.executeQuery("SHOW search_path")) {
            rs.next();
            searchPath = rs.getString(1);
        }
        if (searchPath.equals(schema) || searchPath.equals("\"" + schema + "\"")
                || searchPath.startsWith(schema + ",") || searchPath.startsWith("\"" + schema + "\",")) {
            return;
        }
        StringBuilder path = new StringBuilder(schema);
        if (!searchPath.isBlank()) {
            for (String entry : searchPath.split(",")) {
                String trimmed = entry.strip();
                path.append(",").append(trimmed.startsWith("\"") ? trimmed
                        : "\"" + trimmed.replace("\"", "\"\"") + "\"");
            }
        }
        execute(connection, "SET SEARCH_PATH TO " + path);
    }

    /** As Liquibase's executor runs a statement: JDBC escapes left alone when the text has a '?'. */
    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (sql.contains("?")) {
                statement.setEscapeProcessing(false);
            }
            statement.execute(sql);
        }
    }

    /** The row Liquibase's MarkChangeSetRanGenerator inserts for a changeset it executed, as literals. */
    private String insert(String schema, Changeset changeset, int order, String deploymentId) {
        return "INSERT INTO " + schema + ".databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, "
                + "MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID, TAG) VALUES ("
                + literal(changeset.id()) + ", " + literal(changeset.author()) + ", " + literal(changeset.filename())
                + ", NOW(), " + order + ", " + literal(changeset.md5sum()) + ", " + literal(changeset.description())
                + ", " + literal(changeset.comments()) + ", 'EXECUTED', " + literal(changeset.contexts()) + ", "
                + literal(changeset.labels()) + ", " + literal(liquibaseVersion) + ", " + literal(deploymentId) + ", "
                + literal(changeset.tag()) + ")";
    }

    /** A string constant whatever standard_conforming_strings says: E'...' with \ and ' escaped. */
    static String literal(String value) {
        return value == null ? "NULL" : "E'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Liquibase's deployment id: the last ten digits of the time in milliseconds (Scope.generateDeploymentId). */
    private static String deploymentId() {
        String millis = Long.toString(System.currentTimeMillis());
        return millis.length() >= 10 ? millis.substring(millis.length() - 10) : "0".repeat(10 - millis.length()) + millis;
    }

    /** Both placeholders in one pass: a name that happened to contain the other placeholder stays as given. */
    private static String bind(String sql, String schema, String suRole) {
        StringBuilder bound = new StringBuilder(sql.length());
        int from = 0;
        for (int at = sql.indexOf(PLACEHOLDER_PREFIX); at >= 0; at = sql.indexOf(PLACEHOLDER_PREFIX, from)) {
            if (sql.startsWith(SCHEMA_PLACEHOLDER, at)) {
                bound.append(sql, from, at).append(schema);
                from = at + SCHEMA_PLACEHOLDER.length();
            } else if (sql.startsWith(ROLE_PLACEHOLDER, at)) {
                bound.append(sql, from, at).append(suRole);
                from = at + ROLE_PLACEHOLDER.length();
            } else {
                bound.append(sql, from, at + PLACEHOLDER_PREFIX.length());
                from = at + PLACEHOLDER_PREFIX.length();
            }
        }
        return bound.append(sql, from, sql.length()).toString();
    }

    // ------------------------------------------------------------------------------------------------ format

    /*
     * The resource: a header line, then records, each a line of tab-separated fields (\t \n \\ escaped) or a
     * statement: "table <length>" / "statement <length>" followed by a line break and exactly <length> characters
     * and a line break. "liquibase <version>", then the tables, then per changeset "changeset <id> <author>
     * <filename> <md5sum> <description> <comments> <tag> <contexts> <labels>" (\N: null) and its statements.
     */

    static final String HEADER = "# crmp-schema compiled upgrade: made at build time by "
            + "org.pacificclimate.crmp.migration.ChangelogIndex from changelog/ (do not edit)";
    static final String NULL = "\\N";

    static CompiledUpgrade parse(String text) {
        String version = null;
        List<String> tables = new ArrayList<>();
        Map<String, Changeset> changesets = new HashMap<>();
        Changeset current = null;
        List<String> statements = null;
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            String line = text.substring(at, end);
            at = end + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            switch (fields[0]) {
                case "liquibase" -> version = fields[1];
                case "table", "statement" -> {
                    int length = Integer.parseInt(fields[1]);
                    String sql = text.substring(at, at + length);
                    at += length + 1;
                    if (fields[0].equals("table")) {
                        tables.add(sql);
                    } else {
                        statements.add(sql);
                    }
                }
                case "changeset" -> {
                    statements = new ArrayList<>();
                    current = new Changeset(fields[1], fields[2], fields[3], fields[4], value(fields[5]),
                            value(fields[6]), value(fields[7]), value(fields[8]), value(fields[9]), statements);
                    changesets.put(current.id(), current);
                }
                default -> throw new IllegalStateException(RESOURCE + ": unknown line " + line);
            }
        }
        if (version == null) {
            throw new IllegalStateException(RESOURCE + " names no Liquibase version");
        }
        return new CompiledUpgrade(version, tables, changesets);
    }

    static String field(String value) {
        return value == null ? NULL : ChangelogIndex.escape(value);
    }

    private static String value(String field) {
        return field.equals(NULL) ? null : ChangelogIndex.unescape(field);
    }

    static String statement(String kind, String sql) {
        return kind + "\t" + sql.length() + "\n" + sql + "\n";
    }
}
