package org.pacificclimate.crmp.liquibase.diff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pacificclimate.crmp.catalog.CatalogDumper;

/**
 * One schema as the diff sees it, read from {@code pg_catalog} with PostgreSQL rendering every definition (so a
 * reformatted view or check constraint compares equal): the catalog in the reference format with the schema written
 * {@value #SCHEMA} (so definitions are ready for a changelog), PyCDS's schema-derived index names written
 * {@code ix_${schemaName}_}, the owners written {@value #SU_ROLE} / {@value #LOGIN_ROLE}, plus what the catalog does
 * not hold: view and materialized view definitions, function definitions, which view reads which relation, and which
 * tables hold rows.
 */
public final class SchemaSnapshot {

    public static final String SCHEMA = "${schemaName}";
    public static final String SU_ROLE = "${suRoleName}";
    /** The login role that runs the migrations: it owns what is not created under the elevated role. */
    public static final String LOGIN_ROLE = "${migrationUser}";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String schema;
    private final ObjectNode catalog;
    private final Map<String, String> viewDefinitions;
    private final Map<String, String> functionDefinitions;
    private final Map<String, Set<String>> reads;
    private final Set<String> tablesWithRows;

    private SchemaSnapshot(String schema, ObjectNode catalog, Map<String, String> viewDefinitions,
                           Map<String, String> functionDefinitions, Map<String, Set<String>> reads,
                           Set<String> tablesWithRows) {
        this.schema = schema;
        this.catalog = catalog;
        this.viewDefinitions = viewDefinitions;
        this.functionDefinitions = functionDefinitions;
        this.reads = reads;
        this.tablesWithRows = tablesWithRows;
    }

    /**
     * Reads {@code schema}. Works in autocommit mode and inside the caller's transaction (a shadow schema not yet
     * committed), which it leaves as it found it.
     *
     * @param suRole    the elevated role (its objects' owner is written {@value #SU_ROLE})
     * @param loginRole the migrating login role (written {@value #LOGIN_ROLE})
     */
    public static SchemaSnapshot read(Connection connection, String schema, String suRole, String loginRole)
            throws SQLException {
        ObjectNode catalog = CatalogDumper.dump(connection, schema, SCHEMA);
        String text = catalog.toString().replace("ix_" + schema + "_", "ix_" + SCHEMA + "_")
                .replace("\"owner\":\"" + suRole + "\"", "\"owner\":\"" + SU_ROLE + "\"")
                .replace("\"owner\":\"" + loginRole + "\"", "\"owner\":\"" + LOGIN_ROLE + "\"");
        try {
            catalog = (ObjectNode) MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        boolean autoCommit = connection.getAutoCommit();
        Savepoint savepoint = null;
        if (autoCommit) {
            connection.setAutoCommit(false);
        } else {
            savepoint = connection.setSavepoint();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL search_path = pg_catalog");
            return new SchemaSnapshot(schema, catalog, viewDefinitions(connection, schema),
                    functionDefinitions(connection, schema), reads(connection, schema),
                    tablesWithRows(connection, schema, catalog));
        } finally {
            if (savepoint != null) {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
            } else {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * The definitions of {@code schema}'s views and materialized views by name ({@code pg_get_viewdef}), as
     * {@link #viewDefinition} has them, without reading the rest of the schema. Same transaction rules as {@link #read}.
     */
    public static Map<String, String> readViewDefinitions(Connection connection, String schema) throws SQLException {
        return withCatalogSearchPath(connection, () -> viewDefinitions(connection, schema));
    }

    /**
     * The whole definitions of {@code schema}'s functions and procedures ({@code pg_get_functiondef}), as
     * {@link #functionDefinition} has them, by {@code name(identity arguments)} with the schema written {@value #SCHEMA}
     * in the arguments too, without reading the rest of the schema. Same transaction rules as {@link #read}.
     */
    public static Map<String, String> readFunctionDefinitions(Connection connection, String schema)
            throws SQLException {
        Map<String, String> out = new TreeMap<>();
        withCatalogSearchPath(connection, () -> functionDefinitions(connection, schema))
                .forEach((key, definition) -> out.put(normalize(schema, key), definition));
        return out;
    }

    private interface CatalogRead<T> {
        T read() throws SQLException;
    }

    private static <T> T withCatalogSearchPath(Connection connection, CatalogRead<T> read) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        Savepoint savepoint = null;
        if (autoCommit) {
            connection.setAutoCommit(false);
        } else {
            savepoint = connection.setSavepoint();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL search_path = pg_catalog");
            return read.read();
        } finally {
            if (savepoint != null) {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
            } else {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    public String schema() {
        return schema;
    }

    public ObjectNode catalog() {
        return catalog;
    }

    public JsonNode tables() {
        return catalog.path("tables");
    }

    public JsonNode views() {
        return catalog.path("views");
    }

    public JsonNode matviews() {
        return catalog.path("materialized_views");
    }

    public JsonNode functions() {
        return catalog.path("functions");
    }

    public JsonNode sequences() {
        return catalog.path("sequences");
    }

    /** The definition of a view or materialized view ({@code pg_get_viewdef}), schema written {@value #SCHEMA}. */
    public String viewDefinition(String name) {
        return viewDefinitions.get(name);
    }

    /** The whole definition of a function ({@code pg_get_functiondef}) by catalog key {@code name(identity args)}. */
    public String functionDefinition(String key) {
        return functionDefinitions.get(key);
    }

    /** The relations of this schema that a view or materialized view reads. */
    public Set<String> reads(String view) {
        return reads.getOrDefault(view, Set.of());
    }

    /** The views and materialized views that read {@code relation} directly. */
    public Set<String> readers(String relation) {
        Set<String> out = new TreeSet<>();
        reads.forEach((view, relations) -> {
            if (relations.contains(relation)) {
                out.add(view);
            }
        });
        return out;
    }

    public boolean hasRows(String table) {
        return tablesWithRows.contains(table);
    }

    private static String normalize(String schema, String text) {
        if (text == null) {
            return null;
        }
        return CatalogDumper.normalize(schema, SCHEMA, text).replace("ix_" + schema + "_", "ix_" + SCHEMA + "_");
    }

    private static Map<String, String> viewDefinitions(Connection c, String schema) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT cl.relname, pg_get_viewdef(cl.oid) FROM pg_class cl
                 WHERE cl.relnamespace = to_regnamespace(?) AND cl.relkind IN ('v', 'm')""")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), normalize(schema, rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static Map<String, String> functionDefinitions(Connection c, String schema) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid)
                  FROM pg_proc p
                 WHERE p.pronamespace = to_regnamespace(?) AND p.prokind IN ('f', 'p')
                   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                   AND d.objid = p.oid AND d.deptype = 'e')""")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), normalizeBody(normalize(schema, rs.getString(2))));
                }
            }
        }
        return out;
    }

    /** Function bodies are stored verbatim: trailing blanks and blank-line runs do not make a difference. */
    private static String normalizeBody(String text) {
        return Pattern.compile("[ \\t]+$", Pattern.MULTILINE).matcher(text).replaceAll("")
                .replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static Map<String, Set<String>> reads(Connection c, String schema) throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT DISTINCT v.relname, t.relname
                  FROM pg_rewrite r
                  JOIN pg_class v ON v.oid = r.ev_class
                  JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                                  AND d.refclassid = 'pg_class'::regclass
                  JOIN pg_class t ON t.oid = d.refobjid
                 WHERE v.relnamespace = to_regnamespace(?) AND t.relnamespace = v.relnamespace
                   AND v.relkind IN ('v', 'm') AND t.oid <> v.oid""")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    private static Set<String> tablesWithRows(Connection c, String schema, ObjectNode catalog) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Statement s = c.createStatement()) {
            for (var names = catalog.path("tables").fieldNames(); names.hasNext(); ) {
                String table = names.next();
                try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT FROM \"" + schema + "\".\"" + table + "\")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        out.add(table);
                    }
                }
            }
        }
        return out;
    }
}
