package org.pacificclimate.crmp.liquibase.diff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pacificclimate.crmp.model.ExtensionDef;
import org.pacificclimate.crmp.model.FunctionDef;
import org.pacificclimate.crmp.model.Grant;
import org.pacificclimate.crmp.model.HeadSchema;
import org.pacificclimate.crmp.model.IndexCommentDef;
import org.pacificclimate.crmp.model.IndexDef;
import org.pacificclimate.crmp.model.Owner;
import org.pacificclimate.crmp.model.SequenceDef;
import org.pacificclimate.crmp.model.TableDef;
import org.pacificclimate.crmp.model.TriggerDef;
import org.pacificclimate.crmp.model.ViewDef;
import org.pacificclimate.crmp.sql.Identifiers;

/**
 * The model of the head schema ({@code model.HeadSchema} and its entities) as the SQL statements that create it in a
 * given schema with a given elevated role: the "shadow schema" of the diff, which runs them in a throw-away schema
 * inside a transaction, reads it from pg_catalog and rolls back.
 *
 * <p>In dependency order: the extensions (if missing), the serial sequences, the tables (columns with their types,
 * defaults and identities; primary key, unique and check constraints), the sequences' {@code OWNED BY}, the indexes
 * and their comments, the foreign keys, the functions, the views and materialized views (each materialized view
 * followed by its indexes), the triggers, the grants. Functions, views and materialized views are their current body files
 * ({@code changelog/objects/...}, read from the classpath) with {@code ${schemaName}} substituted, as Liquibase
 * substitutes it. Objects owned by the elevated role are created under {@code SET LOCAL ROLE <elevated role>}
 * (followed by {@code SET LOCAL ROLE NONE}), as the changelogs do; the rest belong to the role that runs the
 * statements, which must be the migrating login role for owners to come out as at head.
 *
 * <p>The statements are rendered once per JVM (reflection over the annotations, body files read) as a template in
 * {@code ${schemaName}}; each call only substitutes the schema.
 */
public final class ModelSchema {

    /** One statement, and who must run it. */
    public record Step(String sql, Owner owner) {
    }

    private static final String SCHEMA = HeadSchema.SCHEMA_PLACEHOLDER;
    /** {@code nextval('name'::regclass)} naming a sequence without its schema. */
    private static final Pattern UNQUALIFIED_NEXTVAL = Pattern.compile("nextval\\('([a-z_][a-z0-9_$]*)'::regclass\\)");
    /** {@code REFERENCES name(} naming a table without its schema. */
    private static final Pattern UNQUALIFIED_REFERENCES = Pattern.compile("REFERENCES\\s+([a-z_][a-z0-9_$]*)\\s*\\(");
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_$]*");

    private ModelSchema() {
    }

    private static final class Template {
        static final List<Step> STEPS = render();
    }

    /** The statements with {@code ${schemaName}} standing for the schema (rendered once, then cached). */
    public static List<Step> template() {
        return Template.STEPS;
    }

    /** The statements for {@code schema}, each with the role that must run it. */
    public static List<Step> steps(String schema) {
        String name = Identifiers.requirePlain("schema name", schema);
        List<Step> out = new ArrayList<>(Template.STEPS.size());
        for (Step step : Template.STEPS) {
            out.add(new Step(step.sql().replace(SCHEMA, name), step.owner()));
        }
        return out;
    }

    /**
     * The statements as one script to run in a single transaction by the migrating login role: each run of
     * elevated statements between {@code SET LOCAL ROLE <suRole>} and {@code SET LOCAL ROLE NONE}.
     */
    public static List<String> script(String schema, String suRole) {
        String role = Identifiers.requirePlain("elevated role name", suRole);
        List<String> out = new ArrayList<>();
        boolean elevated = false;
        for (Step step : steps(schema)) {
            boolean wanted = step.owner() == Owner.ELEVATED_ROLE;
            if (wanted != elevated) {
                out.add(wanted ? "SET LOCAL ROLE " + role : "SET LOCAL ROLE NONE");
                elevated = wanted;
            }
            out.add(step.sql());
        }
        if (elevated) {
            out.add("SET LOCAL ROLE NONE");
        }
        return out;
    }

    /**
     * Creates the model in the existing, empty schema {@code schema}, inside the connection's current transaction
     * (which the caller commits or, for a shadow schema, rolls back). The connection's user is the login role that
     * would run the migrations, a member of {@code suRole}.
     */
    public static void build(Connection connection, String schema, String suRole) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("ModelSchema.build runs inside the caller's transaction (SET LOCAL ROLE"
                    + " needs one): turn autocommit off first");
        }
        List<String> script = script(schema, suRole);
        // One round trip for the whole script; on failure, back to the savepoint and again statement by statement,
        // to say which statement fails.
        Savepoint before = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            for (String sql : script) {
                statement.addBatch(sql);
            }
            statement.executeBatch();
        } catch (SQLException batchFailure) {
            connection.rollback(before);
            try (Statement statement = connection.createStatement()) {
                for (String sql : script) {
                    try {
                        statement.execute(sql);
                    } catch (SQLException e) {
                        throw new SQLException("building the model in schema " + schema + " failed at:\n" + sql
                                + "\n" + e.getMessage(), e.getSQLState(), e);
                    }
                }
            }
            throw batchFailure;
        }
        connection.releaseSavepoint(before);
    }

    /**
     * A function's identity as SQL names it in {@code DROP FUNCTION}, {@code GRANT ... ON FUNCTION}:
     * {@code ${schemaName}.name(arguments)}, the row types of the schema's tables qualified.
     */
    public static String functionSignature(FunctionDef function) {
        return SCHEMA + "." + quote(function.name()) + "(" + identityArguments(function) + ")";
    }

    /**
     * A function's identity arguments as PostgreSQL prints them with {@code search_path = pg_catalog}: the row types
     * of the schema's tables qualified with {@code ${schemaName}} ({@code var ${schemaName}.meta_vars}).
     */
    public static String identityArguments(FunctionDef function) {
        return qualifyTypes(function.identityArguments());
    }

    /**
     * Qualifies with {@code ${schemaName}} the schema objects that a model text names without a schema: the
     * sequence of {@code nextval('...'::regclass)} and the table of {@code REFERENCES ...(}.
     */
    static String qualify(String sql) {
        String out = replaceAll(UNQUALIFIED_NEXTVAL, sql, m -> "nextval('" + SCHEMA + "." + m.group(1) + "'::regclass)");
        return replaceAll(UNQUALIFIED_REFERENCES, out, m -> "REFERENCES " + SCHEMA + "." + m.group(1) + "(");
    }

    private static List<Step> render() {
        List<Step> steps = new ArrayList<>();
        for (ExtensionDef extension : HeadSchema.EXTENSIONS) {
            steps.add(new Step("CREATE EXTENSION IF NOT EXISTS " + quote(extension.name())
                    + (extension.schema() == null ? "" : " SCHEMA " + quote(extension.schema())), Owner.ELEVATED_ROLE));
        }
        List<EntityTable> tables = new ArrayList<>();
        for (TableDef def : HeadSchema.TABLES) {
            tables.add(EntityTable.of(def.entity()));
        }
        for (SequenceDef sequence : HeadSchema.SEQUENCES) {
            if (!sequence.identity()) {
                steps.add(new Step("CREATE SEQUENCE " + qualified(sequence.name()) + " AS " + sequence.dataType(),
                        tableDef(sequence.table()).owner()));
            }
        }
        for (int i = 0; i < tables.size(); i++) {
            steps.add(new Step(createTable(tables.get(i), HeadSchema.TABLES.get(i)), HeadSchema.TABLES.get(i).owner()));
        }
        for (SequenceDef sequence : HeadSchema.SEQUENCES) {
            if (!sequence.identity()) {
                steps.add(new Step("ALTER SEQUENCE " + qualified(sequence.name()) + " OWNED BY "
                        + qualified(sequence.table()) + "." + quote(sequence.column()), tableDef(sequence.table()).owner()));
            }
        }
        for (int i = 0; i < tables.size(); i++) {
            EntityTable table = tables.get(i);
            TableDef def = HeadSchema.TABLES.get(i);
            for (EntityTable.IndexSpec index : table.indexes()) {
                steps.add(new Step("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + quote(index.name())
                        + " ON " + qualified(table.name()) + " USING btree ("
                        + String.join(", ", index.columns().stream().map(ModelSchema::indexColumn).toList()) + ")",
                        def.owner()));
            }
            for (IndexDef index : def.indexes()) {
                steps.add(new Step(createIndex(index), def.owner()));
            }
        }
        for (IndexCommentDef comment : HeadSchema.INDEX_COMMENTS) {
            steps.add(new Step("COMMENT ON INDEX " + qualified(comment.index()) + " IS " + literal(comment.text()),
                    tableDef(comment.table()).owner()));
        }
        for (int i = 0; i < tables.size(); i++) {
            EntityTable table = tables.get(i);
            for (EntityTable.ForeignKeySpec fk : table.foreignKeys()) {
                steps.add(new Step("ALTER TABLE " + qualified(table.name()) + " ADD CONSTRAINT " + quote(fk.name()) + " "
                        + qualify(fk.definition()), HeadSchema.TABLES.get(i).owner()));
            }
        }
        for (FunctionDef function : HeadSchema.FUNCTIONS) {
            steps.add(new Step(bodyFile(function.bodyFile()), function.owner()));
        }
        for (ViewDef view : HeadSchema.VIEWS_AND_MATERIALIZED_VIEWS) {
            steps.add(new Step(bodyFile(view.bodyFile()), view.owner()));
            for (IndexDef index : view.indexes()) {
                steps.add(new Step(createIndex(index), view.owner()));
            }
        }
        for (TriggerDef trigger : HeadSchema.TRIGGERS) {
            steps.add(new Step(createTrigger(trigger), tableDef(trigger.table()).owner()));
        }
        for (TableDef table : HeadSchema.TABLES) {
            grants(steps, "TABLE " + qualified(table.name()), table.grants(), table.owner());
        }
        for (FunctionDef function : HeadSchema.FUNCTIONS) {
            grants(steps, "FUNCTION " + functionSignature(function), function.grants(), function.owner());
        }
        for (ViewDef view : HeadSchema.VIEWS_AND_MATERIALIZED_VIEWS) {
            grants(steps, "TABLE " + qualified(view.name()), view.grants(), view.owner());
        }
        return List.copyOf(steps);
    }

    private static String createTable(EntityTable table, TableDef def) {
        List<String> lines = new ArrayList<>();
        for (EntityTable.TableColumn column : table.columns()) {
            lines.add(quote(column.name()) + " " + qualify(column.definition()) + (column.notNull() ? " NOT NULL" : ""));
        }
        if (!table.primaryKey().isEmpty()) {
            lines.add("CONSTRAINT " + quote(def.primaryKeyName()) + " PRIMARY KEY (" + columnList(table.primaryKey()) + ")");
        }
        for (EntityTable.UniqueSpec unique : table.uniqueConstraints()) {
            lines.add("CONSTRAINT " + quote(unique.name()) + " UNIQUE (" + columnList(unique.columns()) + ")");
        }
        for (EntityTable.CheckSpec check : table.checkConstraints()) {
            lines.add("CONSTRAINT " + quote(check.name()) + " CHECK (" + check.expression() + ")");
        }
        return "CREATE TABLE " + qualified(table.name()) + " (\n    " + String.join(",\n    ", lines) + "\n)";
    }

    private static String createIndex(IndexDef index) {
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + quote(index.name()) + " ON "
                + qualified(index.table()) + " USING " + index.method() + " ("
                + String.join(", ", index.keys().stream().map(k -> PLAIN_NAME.matcher(k).matches() ? quote(k) : k).toList())
                + ")" + (index.predicate() == null ? "" : " WHERE " + index.predicate());
    }

    private static String createTrigger(TriggerDef trigger) {
        return "CREATE TRIGGER " + quote(trigger.name()) + " " + trigger.timing() + " "
                + String.join(" OR ", trigger.events()) + " ON " + qualified(trigger.table()) + " FOR EACH "
                + trigger.level() + " EXECUTE FUNCTION " + qualified(trigger.function()) + "("
                + String.join(", ", trigger.arguments().stream().map(ModelSchema::literal).toList())
                + ")";
    }

    private static void grants(List<Step> steps, String object, List<Grant> grants, Owner owner) {
        for (Grant grant : grants) {
            steps.add(new Step("GRANT " + grant.privileges() + " ON " + object + " TO " + quote(grant.grantee()), owner));
        }
    }

    private static String indexColumn(String entry) {
        String[] parts = entry.trim().split("\\s+", 2);
        return quote(EntityTable.unquote(parts[0])) + (parts.length > 1 ? " " + parts[1] : "");
    }

    private static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(ModelSchema::quote).toList());
    }

    private static TableDef tableDef(String name) {
        return HeadSchema.TABLES.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the model has no table " + name));
    }

    /** The schema's tables' row types named in function arguments ({@code var meta_vars}), qualified. */
    private static String qualifyTypes(String arguments) {
        Set<String> types = new HashSet<>();
        HeadSchema.TABLES.forEach(t -> types.add(t.name()));
        HeadSchema.VIEWS_AND_MATERIALIZED_VIEWS.forEach(v -> types.add(v.name()));
        List<String> out = new ArrayList<>();
        for (String argument : splitArguments(arguments)) {
            String[] words = argument.trim().split(" ");
            int last = words.length - 1;
            if (types.contains(words[last])) {
                words[last] = SCHEMA + "." + words[last];
            }
            out.add(String.join(" ", words));
        }
        return String.join(", ", out);
    }

    /** Arguments split at the commas outside parentheses ({@code numeric(10,2)} is one type). */
    private static List<String> splitArguments(String arguments) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(arguments.substring(start, i));
                start = i + 1;
            }
        }
        if (!arguments.substring(start).isBlank()) {
            out.add(arguments.substring(start));
        }
        return out;
    }

    private static String bodyFile(String path) {
        try (InputStream in = ModelSchema.class.getClassLoader().getResourceAsStream(path)) {
            return new String(Objects.requireNonNull(in, () -> "body file " + path + " is not on the classpath")
                    .readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + path, e);
        }
    }

    private static String qualified(String name) {
        return SCHEMA + "." + quote(name);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String replaceAll(Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
