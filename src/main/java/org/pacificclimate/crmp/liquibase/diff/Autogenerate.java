package org.pacificclimate.crmp.liquibase.diff;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.pacificclimate.crmp.migration.NewRevision;
import org.pacificclimate.crmp.migration.RevisionChain;

/**
 * Alembic's {@code revision --autogenerate} and {@code check} for this project: compare the reference (the model) with
 * a live schema at a revision of the chain, and write the difference as a new revision in the project's conventions
 * (or report it). Everything runs in one transaction that is rolled back: the live database is only read.
 */
public final class Autogenerate {

    /** The outcome of a generation: what differs, what was written (nothing for an empty diff), the TODOs. */
    public record Result(Plan plan, Optional<RevisionWriter.Written> written, String id) {
    }

    private final Connection connection;
    private final String schema;
    private final String suRole;
    private final Path changelog;
    private final Reference reference;

    /**
     * @param schema    the live schema (at a revision of the chain)
     * @param changelog the directory of the master changelog, where the revision is written
     */
    public Autogenerate(Connection connection, String schema, String suRole, Path changelog, Reference reference) {
        this.connection = connection;
        this.schema = schema;
        this.suRole = suRole;
        this.changelog = changelog;
        this.reference = reference;
    }

    /** The differences between the reference and the live schema, and the plan to remove them. */
    public Plan diff(String revisionId) throws SQLException {
        RevisionChain chain = RevisionChain.fromDirectory(changelog);
        int position = position(chain);
        ChainBodies liveBodies = ChainBodies.upTo(changelog, chain, position);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            String login = value("SELECT session_user");
            String referenceSchema = reference.build(connection, suRole);
            SchemaSnapshot ref = SchemaSnapshot.read(connection, referenceSchema, suRole, login);
            SchemaSnapshot live = SchemaSnapshot.read(connection, schema, suRole, login);
            return SchemaDiff.plan(ref, live, new Bodies() {
                @Override
                public Optional<String> reference(Kind kind, String name) {
                    return Autogenerate.this.reference.body(kind, name);
                }

                @Override
                public Optional<String> live(Kind kind, String name) {
                    return liveBodies.version(kind, name);
                }
            }, revisionId);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Writes the difference as a new revision; writes nothing when there is none. */
    public Result generate(String message) throws SQLException {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("A revision needs a message (-m \"...\").");
        }
        RevisionChain chain = RevisionChain.fromDirectory(changelog);
        String id = NewRevision.newId(chain);
        Plan plan = diff(id);
        if (plan.isEmpty()) {
            return new Result(plan, Optional.empty(), id);
        }
        RevisionWriter.Written written = RevisionWriter.write(changelog, chain, id, message.strip(), plan);
        if (!written.renamedDrafts().isEmpty()) {
            renameDraftVersionsInTheModel(id);
        }
        return new Result(plan, Optional.of(written), id);
    }

    /**
     * The model names a draft body by the version {@value ModelReference#DRAFT}; once the revision has renamed the
     * file after itself, the registry names that version too (in the source tree beside the changelog directory).
     */
    private void renameDraftVersionsInTheModel(String id) {
        java.nio.file.Path registry = changelog.toAbsolutePath().getParent()
                .resolve("src/main/java/org/pacificclimate/crmp/model/HeadSchema.java");
        if (!java.nio.file.Files.isRegularFile(registry)) {
            return;
        }
        try {
            String text = java.nio.file.Files.readString(registry);
            java.nio.file.Files.writeString(registry, text.replace("\"" + ModelReference.DRAFT + "\"", "\"" + id + "\""));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not update " + registry + ": " + e.getMessage(), e);
        }
    }

    /** The revision the live schema is at; the diff needs the chain's versions of its objects. */
    private int position(RevisionChain chain) throws SQLException {
        if (value("SELECT to_regclass(" + literal(schema + ".databasechangelog") + ")::text") == null) {
            throw new IllegalArgumentException("Schema '" + schema + "' has no changelog tables: it is not at a revision "
                    + "of this project (migrate it, or adopt it from Alembic, first). Nothing was changed.");
        }
        String tag = value("SELECT tag FROM " + schema + ".databasechangelog WHERE tag IS NOT NULL "
                + "ORDER BY orderexecuted DESC LIMIT 1");
        if (tag == null) {
            return 0;
        }
        return chain.find(tag).orElseThrow(() -> new IllegalArgumentException("Schema '" + schema + "' is at revision "
                + tag + ", which the changelog does not have. Nothing was changed.")).number();
    }

    private String value(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
