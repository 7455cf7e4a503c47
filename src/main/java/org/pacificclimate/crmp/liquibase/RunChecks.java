package org.pacificclimate.crmp.liquibase;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.RollbackToDateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.UpdateToTagCommandStep;
import liquibase.exception.CommandValidationException;

import org.pacificclimate.crmp.catalog.CatalogDumper;
import org.pacificclimate.crmp.config.Settings;
import org.pacificclimate.crmp.migration.ChangelogIndex;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.migration.RevisionChain.FileSource;

/**
 * What runs before the first revision of an update or a rollback of this project's changelogs, with nothing changed
 * yet (not even Liquibase's own tables): the prerequisites ({@link Prerequisites}), the pre-flight of the whole plan
 * ({@link Preflight}) and the catalog verification ({@link CatalogVerification}). The live catalog is read once per
 * run. Any problem refuses the run with the full list ({@link NotReadyException}: the launcher's exit code 1).
 */
public final class RunChecks {

    /** Scope key: a {@code Consumer<Long>} told how long the checks took, in nanoseconds (for measurements). */
    public static final String TIMING = "crmp.checks.timing";

    private RunChecks() {
    }

    /**
     * The revisions a command will act on, in the order it acts on them.
     *
     * @param rollback whether they are rolled back
     * @param recorded the position of the recorded revision (the newest tag; 0: none)
     * @param target   the position the database will be at
     */
    public record PlannedRun(boolean rollback, int recorded, int target, List<Revision> revisions) {
    }

    /** A row of the changelog table. */
    record Row(String id, String tag, Timestamp executed) {
    }

    /**
     * Runs the checks for {@code command} ({@code update}, {@code rollback}, ...) on a live database; refuses with a
     * {@link NotReadyException} when the plan cannot or must not run. Does nothing when the command has nothing to do.
     */
    static void beforeFirstRevision(CommandScope scope, String command, RevisionChain chain, Connection connection,
                                    Settings settings, FileSource files, Consumer<String> output)
            throws CommandValidationException {
        long start = System.nanoTime();
        String schema = settings.schemaName();
        try {
            Optional<PlannedRun> planned = plan(scope, command, chain, rows(connection, schema));
            if (planned.isEmpty()) {
                return;
            }
            PlannedRun run = planned.get();
            List<String> problems = new ArrayList<>(Prerequisites.missing(connection, schema, settings.suRoleName()));
            if (!problems.isEmpty()) {
                throw new NotReadyException(notReady(run, problems));
            }
            JsonNode live;
            CatalogVerification.Result verified;
            if (!run.rollback() && run.recorded() == 0 && holdsNothing(connection, schema)) {
                // An empty schema is the base catalog exactly, whatever the plan touches: no reference to read, no
                // object to dump or whose owner to check (about 0.2 s of an upgrade from empty).
                live = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                verified = new CatalogVerification.Result(CatalogVerification.Outcome.MATCHES, Optional.empty(),
                        Optional.empty(), Optional.empty(), Set.of(), List.of());
            } else {
                CatalogVerification.Plan references = CatalogVerification.plan(chain, run.recorded(), run.target(),
                        p -> CatalogVerification.reference(chain, p, schema));
                Set<String> relations = references.relations();
                live = CatalogDumper.dump(connection, schema, relations::contains); // what the plan touches
                verified = references.compare(live);
            }
            List<RevisionNeeds> needs = new ArrayList<>();
            for (Revision revision : run.revisions()) {
                needs.add(needs(revision, run.rollback(), files));
            }
            problems.addAll(Preflight.problems(connection, settings.suRoleName(), needs, live, verified.checked()));
            List<String> refusals = new ArrayList<>();
            if (verified.outcome() == CatalogVerification.Outcome.DIFFERS) {
                refusals.add(differs(schema, verified));
            }
            if (!problems.isEmpty()) {
                refusals.add(notReady(run, problems));
            }
            if (!refusals.isEmpty()) {
                throw new NotReadyException(String.join("\n", refusals));
            }
            if (verified.outcome() == CatalogVerification.Outcome.DONE_BUT_NOT_RECORDED) {
                output.accept(doneButNotRecorded(run.rollback(), verified.next().orElseThrow(),
                        verified.through().orElseThrow()));
            }
        } catch (SQLException e) {
            throw new NotReadyException("Could not check the database before migrating: " + e.getMessage()
                    + " Nothing was changed.");
        } finally {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // end the read-only transaction of the checks
                }
            } catch (SQLException ignored) {
                // the command fails on the connection anyway
            }
            Object timing = Scope.getCurrentScope().get(TIMING, Object.class);
            if (timing instanceof Consumer<?> consumer) {
                @SuppressWarnings("unchecked")
                Consumer<Long> sink = (Consumer<Long>) consumer;
                sink.accept(System.nanoTime() - start);
            }
        }
    }

    /**
     * The checks of {@link #beforeFirstRevision} for an upgrade from base of a schema that holds nothing, for a run
     * that does not go through Liquibase ({@link org.pacificclimate.crmp.migration.CompiledUpgrade}): the
     * prerequisites, then what the revisions' steps need (from the build-time index); the same refusal, with nothing
     * changed, when one is missing.
     */
    public static void beforeUpgradeOfEmptySchema(Connection connection, Settings settings, List<Revision> revisions)
            throws NotReadyException, SQLException {
        PlannedRun run = new PlannedRun(false, 0, revisions.get(revisions.size() - 1).number(), revisions);
        List<String> problems = new ArrayList<>(Prerequisites.missing(connection, settings.schemaName(),
                settings.suRoleName()));
        if (problems.isEmpty()) {
            List<RevisionNeeds> needs = new ArrayList<>();
            for (Revision revision : revisions) {
                needs.add(ChangelogIndex.packaged().flatMap(i -> i.needs(revision, false)).orElseThrow(
                        () -> new IllegalStateException("the build-time index has no revision " + revision.id())));
            }
            problems.addAll(Preflight.problems(connection, settings.suRoleName(), needs,
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), Set.of()));
        }
        if (!problems.isEmpty()) {
            throw new NotReadyException(notReady(run, problems));
        }
    }

    /** Whether {@code schema} holds no relation, function or type: nothing the catalog verification compares. */
    public static boolean holdsNothing(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT NOT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = n.oid)
                   AND NOT EXISTS (SELECT 1 FROM pg_proc WHERE pronamespace = n.oid)
                   AND NOT EXISTS (SELECT 1 FROM pg_type WHERE typnamespace = n.oid)
                FROM pg_namespace AS n WHERE n.nspname = ?""")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String doneButNotRecorded(boolean rollback, Revision first, Revision last) {
        if (first.equals(last)) {
            return rollback
                    ? "Revision " + first.id() + " is rolled back already but still recorded (a run stopped before "
                            + "removing its record): its rollback runs again, changing nothing, and removes it."
                    : "Revision " + first.id() + " is applied already but not recorded (a run stopped before "
                            + "recording it): it runs again, changing nothing, and is recorded.";
        }
        return rollback
                ? "Revisions " + first.id() + " … " + last.id() + " are rolled back already but still recorded (a stamp "
                        + "above the schema, or runs stopped before removing their records): their rollbacks run "
                        + "again, changing nothing, and remove them."
                : "Revisions " + first.id() + " … " + last.id() + " are applied already but not recorded (a stamp "
                        + "below the schema, or runs stopped before recording them): they run again, changing "
                        + "nothing, and are recorded.";
    }

    private static String differs(String schema, CatalogVerification.Result verified) {
        int count = verified.differences().size();
        String at = verified.recorded().map(r -> "revision " + r.id()).orElse("base (an empty schema)");
        return "Schema " + schema + " is not as " + at + " left it: " + count + (count == 1 ? " object" : " objects")
                + " that the planned revisions create, change or drop " + (count == 1 ? "differs" : "differ")
                + " (made or changed outside the migrations), and the revisions would skip or build on "
                + (count == 1 ? "it" : "them") + ". Nothing was changed:\n  - "
                + String.join("\n  - ", verified.differences());
    }

    private static String notReady(PlannedRun run, List<String> problems) {
        List<Revision> revisions = run.revisions();
        String which = revisions.size() == 1 ? "revision " + revisions.get(0).id()
                : "revisions " + revisions.get(0).id() + " … " + revisions.get(revisions.size() - 1).id();
        return "The database is not ready for " + (run.rollback() ? "rolling back " : "") + which + ": "
                + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ". Nothing was changed:\n  - "
                + String.join("\n  - ", problems);
    }

    // ---------------------------------------------------------------------------------------------- the plan

    /** The plan of {@code command} on a database whose changelog table holds {@code rows}; empty: nothing to do. */
    static Optional<PlannedRun> plan(CommandScope scope, String command, RevisionChain chain, List<Row> rows) {
        Set<String> applied = new HashSet<>();
        int recorded = 0;
        for (Row row : rows) {
            applied.add(row.id());
            if (row.tag() != null) {
                Optional<Revision> tagged = chain.find(row.tag());
                if (tagged.isEmpty()) {
                    return Optional.empty(); // a database newer than these changelogs: refused elsewhere
                }
                recorded = tagged.get().number();
            }
        }
        List<String> order = new ArrayList<>();
        for (Revision revision : chain.revisions()) {
            order.add(revision.id());
            order.add(revision.id() + "-tag");
        }
        Set<String> selected = new LinkedHashSet<>();
        boolean rollback;
        switch (command) {
            case "update", "updateTestingRollback" -> {
                rollback = false;
                order.stream().filter(id -> !applied.contains(id)).forEach(selected::add);
            }
            case "updateToTag" -> {
                rollback = false;
                String tag = scope.getArgumentValue(UpdateToTagCommandStep.TAG_ARG);
                Optional<Revision> target = tag == null ? Optional.empty() : chain.find(tag);
                if (target.isEmpty()) {
                    return Optional.empty();
                }
                order.subList(0, 2 * target.get().number()).stream().filter(id -> !applied.contains(id))
                        .forEach(selected::add);
            }
            case "updateCount" -> {
                rollback = false;
                Integer count = scope.getArgumentValue(UpdateCountCommandStep.COUNT_ARG);
                order.stream().filter(id -> !applied.contains(id)).limit(count == null ? 0 : count)
                        .forEach(selected::add);
            }
            case "rollback" -> {
                rollback = true;
                String tag = scope.getArgumentValue(RollbackCommandStep.TAG_ARG);
                Optional<Revision> target = tag == null ? Optional.empty() : chain.find(tag);
                if (target.isEmpty()) {
                    return Optional.empty();
                }
                order.subList(2 * target.get().number(), order.size()).stream().filter(applied::contains)
                        .forEach(selected::add);
            }
            case "rollbackCount" -> {
                rollback = true;
                Integer count = scope.getArgumentValue(RollbackCountCommandStep.COUNT_ARG);
                List<String> appliedInOrder = order.stream().filter(applied::contains).toList();
                int n = Math.min(count == null ? 0 : count, appliedInOrder.size());
                selected.addAll(appliedInOrder.subList(appliedInOrder.size() - n, appliedInOrder.size()));
            }
            case "rollbackToDate" -> {
                rollback = true;
                Date date = scope.getArgumentValue(RollbackToDateCommandStep.DATE_ARG);
                rows.stream().filter(r -> date != null && r.executed() != null && r.executed().after(date))
                        .map(Row::id).filter(order::contains).forEach(selected::add);
            }
            default -> {
                return Optional.empty();
            }
        }
        List<Revision> revisions = new ArrayList<>();
        for (Revision revision : chain.revisions()) {
            if (selected.contains(revision.id()) || selected.contains(revision.id() + "-tag")) {
                revisions.add(revision);
            }
        }
        if (revisions.isEmpty()) {
            return Optional.empty();
        }
        if (rollback) {
            java.util.Collections.reverse(revisions);
            int target = revisions.get(revisions.size() - 1).number() - 1;
            return Optional.of(new PlannedRun(true, Math.max(recorded, revisions.get(0).number()), target, revisions));
        }
        int target = revisions.get(revisions.size() - 1).number();
        return Optional.of(new PlannedRun(false, Math.min(recorded, revisions.get(0).number() - 1), target,
                revisions));
    }

    private static List<Row> rows(Connection connection, String schema) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, schema + ".databasechangelog");
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return rows;
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, tag, dateexecuted FROM " + schema
                + ".databasechangelog ORDER BY orderexecuted");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3)));
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------------------------------ the changelog

    /**
     * What a revision's steps need: from the build-time index when the run reads the changelogs packaged with this
     * build ({@link ProjectCommandStep#PACKAGED}: the index was made from those very files), else read from the files.
     */
    private static RevisionNeeds needs(Revision revision, boolean rollback, FileSource files) {
        if (Boolean.TRUE.equals(Scope.getCurrentScope().get(ProjectCommandStep.PACKAGED, Boolean.class))) {
            Optional<RevisionNeeds> indexed = ChangelogIndex.packaged().flatMap(i -> i.needs(revision, rollback));
            if (indexed.isPresent()) {
                return indexed.get();
            }
        }
        return RevisionNeeds.of(revision, rollback, files);
    }

    /**
     * The changelog tree of {@code changelog} (the master changelog, or one revision file run alone), read through
     * Liquibase's resources, by paths relative to the master changelog's directory.
     */
    static FileSource files(String changelog) {
        String master = Path.of(RevisionChain.MASTER_CHANGELOG).getFileName().toString();
        String directory = changelog.endsWith(master)
                ? changelog.substring(0, changelog.length() - master.length())
                : changelog.contains("revisions/") ? changelog.substring(0, changelog.lastIndexOf("revisions/")) : "";
        var resources = Scope.getCurrentScope().getResourceAccessor();
        return path -> {
            var resource = resources.get(directory + path);
            if (resource == null || !resource.exists()) {
                throw new java.io.FileNotFoundException(directory + path + " does not exist");
            }
            try (var in = resource.openInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        };
    }

    /**
     * A run refused before anything ran because the database is not ready for it: a prerequisite or privilege is
     * missing, or the schema is not what the recorded revision left. The launcher's exit code 1.
     */
    public static final class NotReadyException extends CommandValidationException {
        public NotReadyException(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
