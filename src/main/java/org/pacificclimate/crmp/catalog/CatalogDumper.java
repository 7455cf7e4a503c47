package org.pacificclimate.crmp.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A deterministic, normalized description of one schema: every table, view, materialized view, function,
 * sequence and type with the attributes that must match PyCDS exactly (types, defaults, constraints and
 * indexes by definition, triggers, owners, grants). The format is that of the reference catalogs
 * ({@code src/main/resources/reference/README.md}): the schema name used as a qualifier is replaced by a token, so
 * catalogs of different schemas compare equal. Objects of extensions and the changelog tables are left out.
 */
public final class CatalogDumper {

    public static final String DEFAULT_TOKEN = "SCHEMA";
    /** Bookkeeping tables of migration tools, never part of the compared schema. */
    public static final Set<String> EXCLUDED_TABLES = Set.of("alembic_version", "databasechangelog",
            "databasechangeloglock");

    private static final Map<String, String> FK_ACTIONS = Map.of("a", "NO ACTION", "r", "RESTRICT",
            "c", "CASCADE", "n", "SET NULL", "d", "SET DEFAULT");
    private static final Map<String, String> FK_MATCH = Map.of("f", "FULL", "p", "PARTIAL", "s", "SIMPLE");
    private static final Map<String, String> VOLATILITY = Map.of("i", "IMMUTABLE", "s", "STABLE", "v", "VOLATILE");
    private static final Map<String, String> PARALLEL = Map.of("s", "SAFE", "r", "RESTRICTED", "u", "UNSAFE");
    private static final Map<String, String> PROKIND = Map.of("f", "function", "p", "procedure",
            "a", "aggregate", "w", "window");
    private static final Map<String, String> ENABLED = Map.of("O", "ORIGIN", "D", "DISABLED", "R", "REPLICA",
            "A", "ALWAYS");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Connection connection;
    private final String schema;
    private final String token;
    private final Pattern qualified;
    private final Pattern literal;
    /** The relations to describe, by name (all when null); functions and types are always described. */
    private java.util.function.Predicate<String> relationFilter;

    private CatalogDumper(Connection connection, String schema, String token) {
        this.connection = connection;
        this.schema = schema;
        this.token = token;
        String s = Pattern.quote(schema);
        this.qualified = Pattern.compile("(?<![A-Za-z0-9_$\"])(?:" + s + "|\"" + s + "\")(?=\\.)");
        this.literal = Pattern.compile("'" + s + "'");
    }

    /**
     * Prints the catalog of a schema as JSON: {@code CatalogDumper JDBC_URL SCHEMA [USER]}. The password, if
     * any, comes from PGPASSWORD.
     */
    public static void main(String[] args) throws SQLException {
        if (args.length < 2) {
            System.err.println("usage: CatalogDumper JDBC_URL SCHEMA [USER]   (password from PGPASSWORD)");
            System.exit(2);
        }
        java.util.Properties properties = new java.util.Properties();
        if (args.length > 2) {
            properties.setProperty("user", args[2]);
        }
        if (System.getenv("PGPASSWORD") != null) {
            properties.setProperty("password", System.getenv("PGPASSWORD"));
        }
        try (Connection connection = java.sql.DriverManager.getConnection(args[0], properties)) {
            System.out.print(toJson(dump(connection, args[1])));
        }
    }

    /** The catalog of {@code schema}, with the schema name replaced by {@value #DEFAULT_TOKEN}. */
    public static ObjectNode dump(Connection connection, String schema) throws SQLException {
        return dump(connection, schema, DEFAULT_TOKEN);
    }

    /**
     * The catalog of {@code schema} with the schema name replaced by {@code token}. In autocommit mode it reads in a
     * transaction of its own; inside the caller's transaction (a schema built and not yet committed, as the diff's
     * shadow schema) it reads under a savepoint and leaves the transaction as it found it.
     */
    public static ObjectNode dump(Connection connection, String schema, String token) throws SQLException {
        return dump(connection, schema, token, null);
    }

    /**
     * The catalog of {@code schema} restricted to the tables, views, materialized views and sequences whose name
     * {@code relations} accepts (functions and types whole): a cheaper read when only some relations matter (the
     * catalog verification before a run reads those the planned revisions touch).
     */
    public static ObjectNode dump(Connection connection, String schema, java.util.function.Predicate<String> relations)
            throws SQLException {
        return dump(connection, schema, DEFAULT_TOKEN, relations);
    }

    private static ObjectNode dump(Connection connection, String schema, String token,
                                   java.util.function.Predicate<String> relations) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        Savepoint savepoint = null;
        if (autoCommit) {
            connection.setAutoCommit(false);
        } else {
            savepoint = connection.setSavepoint();
        }
        try (Statement statement = connection.createStatement()) {
            // Every name outside pg_catalog comes out schema-qualified, as in the reference catalogs.
            statement.execute("SET LOCAL search_path = pg_catalog");
            CatalogDumper dumper = new CatalogDumper(connection, schema, token);
            dumper.relationFilter = relations;
            return dumper.catalog();
        } finally {
            if (savepoint != null) {
                connection.rollback(savepoint); // also undoes the SET LOCAL
                connection.releaseSavepoint(savepoint);
            } else {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** {@code text} with {@code schema} as a qualifier ({@code s.}, {@code "s".}) or a literal ({@code 's'}) replaced. */
    public static String normalize(String schema, String token, String text) {
        return new CatalogDumper(null, schema, token).normalize(text);
    }

    /** JSON text with sorted keys, two-space indentation. */
    public static String toJson(JsonNode catalog) {
        try {
            return MAPPER.writeValueAsString(MAPPER.treeToValue(catalog, Object.class)) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String normalize(String text) {
        if (text == null) {
            return null;
        }
        String out = qualified.matcher(text).replaceAll(Matcher.quoteReplacement(token));
        return literal.matcher(out).replaceAll(Matcher.quoteReplacement("'" + token + "'"));
    }

    private ObjectNode catalog() throws SQLException {
        long namespace = namespaceOid();
        ObjectNode tables = JSON.objectNode();
        ObjectNode views = JSON.objectNode();
        ObjectNode matviews = JSON.objectNode();
        ObjectNode sequences = JSON.objectNode();

        List<Map<String, Object>> relations = rows("""
                SELECT c.oid, c.relname, c.relkind::text AS relkind, c.relispopulated,
                       pg_get_userbyid(c.relowner) AS owner, c.relacl::text[] AS acl, c.reloptions,
                       obj_description(c.oid, 'pg_class') AS comment
                FROM pg_class c
                WHERE c.relnamespace = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                  AND d.objid = c.oid AND d.deptype = 'e')
                """, namespace);
        Set<Long> excludedOids = new HashSet<>();
        relations.removeIf(r -> {
            if (EXCLUDED_TABLES.contains((String) r.get("relname"))) {
                excludedOids.add(oid(r));
                return true;
            }
            return false;
        });
        if (!excludedOids.isEmpty()) {
            Set<Long> owned = new HashSet<>();
            for (long excluded : excludedOids) {
                for (Map<String, Object> d : rows("""
                        SELECT objid FROM pg_depend WHERE classid = 'pg_class'::regclass
                          AND refclassid = 'pg_class'::regclass AND refobjid = ? AND deptype IN ('a', 'i')
                        """, excluded)) {
                    owned.add(((Number) d.get("objid")).longValue());
                }
            }
            relations.removeIf(r -> owned.contains(oid(r)));
        }
        if (relationFilter != null) {
            relations.removeIf(r -> !relationFilter.test((String) r.get("relname")));
        }

        for (Map<String, Object> r : relations) {
            long oid = oid(r);
            String name = (String) r.get("relname");
            switch ((String) r.get("relkind")) {
                case "r", "p", "f" -> tables.set(name, table(r, oid));
                case "v" -> {
                    ObjectNode view = JSON.objectNode();
                    view.set("columns", viewColumns(oid));
                    view.set("triggers", triggers(oid));
                    common(view, r);
                    views.set(name, view);
                }
                case "m" -> {
                    ObjectNode matview = JSON.objectNode();
                    matview.set("columns", viewColumns(oid));
                    matview.set("indexes", indexes(oid));
                    matview.put("populated", (Boolean) r.get("relispopulated"));
                    common(matview, r);
                    matviews.set(name, matview);
                }
                case "S" -> sequences.set(name, sequence(r, oid));
                default -> throw new IllegalStateException("unexpected relkind " + r.get("relkind"));
            }
        }

        ObjectNode catalog = JSON.objectNode();
        catalog.put("schema", token);
        catalog.set("tables", tables);
        catalog.set("views", views);
        catalog.set("materialized_views", matviews);
        catalog.set("functions", functions(namespace));
        catalog.set("sequences", sequences);
        catalog.set("types", types(namespace));
        return catalog;
    }

    private long namespaceOid() throws SQLException {
        List<Map<String, Object>> found = rows("SELECT oid FROM pg_namespace WHERE nspname = ?", schema);
        if (found.isEmpty()) {
            throw new SQLException("schema '" + schema + "' does not exist");
        }
        return oid(found.get(0));
    }

    private ObjectNode table(Map<String, Object> r, long oid) throws SQLException {
        ObjectNode table = JSON.objectNode();
        String kind = switch ((String) r.get("relkind")) {
            case "r" -> "table";
            case "p" -> "partitioned table";
            default -> "foreign table";
        };
        table.put("kind", kind);
        table.set("columns", columns(oid));
        table.putNull("primary_key");
        ArrayNode foreignKeys = JSON.arrayNode();
        ArrayNode uniques = JSON.arrayNode();
        ArrayNode checks = JSON.arrayNode();
        ArrayNode exclusions = JSON.arrayNode();
        for (Map<String, Object> c : sortedBy(rows("""
                SELECT conname, contype::text AS contype, conkey, confrelid, confkey,
                       confupdtype::text AS confupdtype, confdeltype::text AS confdeltype,
                       confmatchtype::text AS confmatchtype, condeferrable, condeferred,
                       pg_get_constraintdef(oid) AS def
                FROM pg_constraint WHERE conrelid = ?
                """, oid), "conname")) {
            String definition = normalize((String) c.get("def"));
            ArrayNode columns = attributeNames(oid, (Object[]) c.get("conkey"));
            switch ((String) c.get("contype")) {
                case "p" -> {
                    ObjectNode pk = JSON.objectNode();
                    pk.put("name", (String) c.get("conname"));
                    pk.set("columns", columns);
                    table.set("primary_key", pk);
                }
                case "f" -> {
                    ObjectNode fk = JSON.objectNode();
                    fk.put("name", (String) c.get("conname"));
                    fk.set("columns", columns);
                    long referenced = ((Number) c.get("confrelid")).longValue();
                    fk.put("referenced_table", qualifiedName(referenced));
                    fk.set("referenced_columns", attributeNames(referenced, (Object[]) c.get("confkey")));
                    fk.put("on_update", FK_ACTIONS.get((String) c.get("confupdtype")));
                    fk.put("on_delete", FK_ACTIONS.get((String) c.get("confdeltype")));
                    String match = (String) c.get("confmatchtype");
                    fk.put("match", FK_MATCH.getOrDefault(match, match));
                    fk.put("deferrable", (Boolean) c.get("condeferrable"));
                    fk.put("initially_deferred", (Boolean) c.get("condeferred"));
                    fk.put("definition", definition);
                    foreignKeys.add(fk);
                }
                case "u" -> {
                    ObjectNode unique = JSON.objectNode();
                    unique.put("name", (String) c.get("conname"));
                    unique.set("columns", columns);
                    unique.put("definition", definition);
                    uniques.add(unique);
                }
                case "c" -> checks.add(nameAndDefinition((String) c.get("conname"), definition));
                case "x" -> exclusions.add(nameAndDefinition((String) c.get("conname"), definition));
                default -> {
                    // constraint triggers and NOT NULL entries of later PostgreSQL versions are not compared
                }
            }
        }
        table.set("foreign_keys", foreignKeys);
        table.set("unique_constraints", uniques);
        table.set("check_constraints", checks);
        table.set("indexes", indexes(oid));
        table.set("triggers", triggers(oid));
        if (!exclusions.isEmpty()) {
            table.set("exclusion_constraints", exclusions);
        }
        common(table, r);
        return table;
    }

    private static ObjectNode nameAndDefinition(String name, String definition) {
        ObjectNode node = JSON.objectNode();
        node.put("name", name);
        node.put("definition", definition);
        return node;
    }

    private ArrayNode columns(long oid) throws SQLException {
        ArrayNode out = JSON.arrayNode();
        for (Map<String, Object> c : rows("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
                       pg_get_expr(ad.adbin, ad.adrelid) AS dflt, a.attidentity::text AS attidentity,
                       a.attgenerated::text AS attgenerated, col_description(a.attrelid, a.attnum) AS comment
                FROM pg_attribute a
                LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum
                """, oid)) {
            ObjectNode column = JSON.objectNode();
            column.put("name", (String) c.get("attname"));
            column.put("type", normalize((String) c.get("type")));
            column.put("not_null", (Boolean) c.get("attnotnull"));
            column.put("default", normalize((String) c.get("dflt")));
            String identity = (String) c.get("attidentity");
            if (identity != null && !identity.isEmpty()) {
                column.put("identity", "a".equals(identity) ? "ALWAYS" : "BY DEFAULT");
            }
            String generated = (String) c.get("attgenerated");
            if (generated != null && !generated.isEmpty()) {
                column.put("generated", "STORED");
            }
            if (c.get("comment") != null) {
                column.put("comment", (String) c.get("comment"));
            }
            out.add(column);
        }
        return out;
    }

    private ArrayNode viewColumns(long oid) throws SQLException {
        ArrayNode out = JSON.arrayNode();
        for (JsonNode column : columns(oid)) {
            ObjectNode node = JSON.objectNode();
            node.set("name", column.get("name"));
            node.set("type", column.get("type"));
            out.add(node);
        }
        return out;
    }

    private ArrayNode indexes(long oid) throws SQLException {
        ArrayNode out = JSON.arrayNode();
        for (Map<String, Object> i : sortedBy(rows("""
                SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
                FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = ?
                """, oid), "name")) {
            out.add(nameAndDefinition((String) i.get("name"), normalize((String) i.get("def"))));
        }
        return out;
    }

    private ArrayNode triggers(long oid) throws SQLException {
        ArrayNode out = JSON.arrayNode();
        for (Map<String, Object> t : sortedBy(rows("""
                SELECT t.tgname, t.tgtype, t.tgenabled::text AS tgenabled, t.tgattr::int2[] AS tgattr,
                       t.tgfoid::regprocedure::text AS func, t.tgargs, t.tgnargs, pg_get_triggerdef(t.oid) AS def
                FROM pg_trigger t WHERE t.tgrelid = ? AND NOT t.tgisinternal
                """, oid), "tgname")) {
            int type = ((Number) t.get("tgtype")).intValue();
            ObjectNode trigger = JSON.objectNode();
            trigger.put("name", (String) t.get("tgname"));
            trigger.put("timing", (type & (1 << 6)) != 0 ? "INSTEAD OF" : (type & (1 << 1)) != 0 ? "BEFORE" : "AFTER");
            List<String> events = new ArrayList<>();
            if ((type & (1 << 2)) != 0) {
                events.add("INSERT");
            }
            if ((type & (1 << 3)) != 0) {
                events.add("DELETE");
            }
            if ((type & (1 << 4)) != 0) {
                ArrayNode columns = attributeNames(oid, (Object[]) t.get("tgattr"));
                List<String> names = new ArrayList<>();
                columns.forEach(n -> names.add(n.asText()));
                events.add(names.isEmpty() ? "UPDATE" : "UPDATE OF " + String.join(", ", names));
            }
            if ((type & (1 << 5)) != 0) {
                events.add("TRUNCATE");
            }
            events.sort(Comparator.naturalOrder());
            ArrayNode eventNodes = JSON.arrayNode();
            events.forEach(eventNodes::add);
            trigger.set("events", eventNodes);
            trigger.put("level", (type & 1) != 0 ? "ROW" : "STATEMENT");
            trigger.put("function", normalize((String) t.get("func")));
            ArrayNode arguments = JSON.arrayNode();
            byte[] raw = (byte[]) t.get("tgargs");
            int count = ((Number) t.get("tgnargs")).intValue();
            if (raw != null && count > 0) {
                String[] parts = new String(raw, java.nio.charset.StandardCharsets.UTF_8).split("\u0000", -1);
                for (int k = 0; k < count && k < parts.length; k++) {
                    arguments.add(normalize(parts[k]));
                }
            }
            trigger.set("arguments", arguments);
            String enabled = (String) t.get("tgenabled");
            trigger.put("enabled", ENABLED.getOrDefault(enabled, enabled));
            trigger.put("definition", normalize((String) t.get("def")));
            out.add(trigger);
        }
        return out;
    }

    private ObjectNode sequence(Map<String, Object> r, long oid) throws SQLException {
        Map<String, Object> s = rows("""
                SELECT format_type(seqtypid, NULL) AS type, seqstart, seqincrement, seqmin, seqmax, seqcache, seqcycle
                FROM pg_sequence WHERE seqrelid = ?
                """, oid).get(0);
        List<Map<String, Object>> owned = rows("""
                SELECT d.refobjid, d.refobjsubid FROM pg_depend d
                WHERE d.classid = 'pg_class'::regclass AND d.objid = ? AND d.refclassid = 'pg_class'::regclass
                  AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
                """, oid);
        ObjectNode sequence = JSON.objectNode();
        if (owned.isEmpty()) {
            sequence.putNull("owned_by");
        } else {
            long table = ((Number) owned.get(0).get("refobjid")).longValue();
            int column = ((Number) owned.get(0).get("refobjsubid")).intValue();
            sequence.put("owned_by", qualifiedName(table) + "."
                    + attributeNames(table, new Object[] {column}).get(0).asText());
        }
        sequence.put("type", (String) s.get("type"));
        sequence.put("start", ((Number) s.get("seqstart")).longValue());
        sequence.put("increment", ((Number) s.get("seqincrement")).longValue());
        sequence.put("min", ((Number) s.get("seqmin")).longValue());
        sequence.put("max", ((Number) s.get("seqmax")).longValue());
        sequence.put("cache", ((Number) s.get("seqcache")).longValue());
        sequence.put("cycle", (Boolean) s.get("seqcycle"));
        common(sequence, r);
        sequence.remove("options");
        return sequence;
    }

    private ObjectNode functions(long namespace) throws SQLException {
        ObjectNode functions = JSON.objectNode();
        for (Map<String, Object> f : rows("""
                SELECT p.oid, p.proname, p.prokind::text AS prokind,
                       pg_get_function_identity_arguments(p.oid) AS ident, pg_get_function_arguments(p.oid) AS args,
                       pg_get_function_result(p.oid) AS result, l.lanname, p.provolatile::text AS provolatile,
                       p.prosecdef, p.proisstrict, p.proretset, p.proparallel::text AS proparallel, p.proconfig,
                       p.proleakproof, p.procost, p.prorows, pg_get_userbyid(p.proowner) AS owner,
                       p.proacl::text[] AS acl, obj_description(p.oid, 'pg_proc') AS comment
                FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                WHERE p.pronamespace = ?
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                  AND d.objid = p.oid AND d.deptype = 'e')
                """, namespace)) {
            String identity = normalize((String) f.get("ident"));
            ObjectNode function = JSON.objectNode();
            function.put("name", (String) f.get("proname"));
            String kind = (String) f.get("prokind");
            function.put("kind", PROKIND.getOrDefault(kind, kind));
            function.put("identity_arguments", identity);
            function.put("arguments", normalize((String) f.get("args")));
            function.put("result", normalize((String) f.get("result")));
            function.put("language", (String) f.get("lanname"));
            function.put("volatility", VOLATILITY.get((String) f.get("provolatile")));
            function.put("security_definer", (Boolean) f.get("prosecdef"));
            function.put("strict", (Boolean) f.get("proisstrict"));
            function.put("returns_set", (Boolean) f.get("proretset"));
            function.put("parallel", PARALLEL.get((String) f.get("proparallel")));
            function.put("leakproof", (Boolean) f.get("proleakproof"));
            function.put("cost", ((Number) f.get("procost")).doubleValue());
            function.put("rows", ((Number) f.get("prorows")).doubleValue());
            ArrayNode config = JSON.arrayNode();
            Object[] settings = (Object[]) f.get("proconfig");
            if (settings != null) {
                Arrays.stream(settings).map(o -> normalize((String) o)).sorted().forEach(config::add);
            }
            function.set("config", config);
            function.put("owner", (String) f.get("owner"));
            function.set("grants", grants((Object[]) f.get("acl"), (String) f.get("owner")));
            if (f.get("comment") != null) {
                function.put("comment", (String) f.get("comment"));
            }
            functions.set(f.get("proname") + "(" + identity + ")", function);
        }
        return functions;
    }

    private ObjectNode types(long namespace) throws SQLException {
        ObjectNode types = JSON.objectNode();
        for (Map<String, Object> t : rows("""
                SELECT t.oid, t.typname, t.typtype::text AS typtype, t.typrelid,
                       format_type(t.typbasetype, t.typtypmod) AS basetype, t.typnotnull, t.typdefault
                FROM pg_type t
                WHERE t.typnamespace = ? AND t.typtype IN ('e', 'c', 'd', 'r')
                  AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                                  AND d.objid = t.oid AND d.deptype = 'e')
                """, namespace)) {
            ObjectNode type = JSON.objectNode();
            long oid = oid(t);
            switch ((String) t.get("typtype")) {
                case "e" -> {
                    type.put("kind", "enum");
                    ArrayNode labels = JSON.arrayNode();
                    for (Map<String, Object> l : rows(
                            "SELECT enumlabel FROM pg_enum WHERE enumtypid = ? ORDER BY enumsortorder", oid)) {
                        labels.add((String) l.get("enumlabel"));
                    }
                    type.set("labels", labels);
                }
                case "c" -> {
                    type.put("kind", "composite");
                    type.set("attributes", viewColumns(((Number) t.get("typrelid")).longValue()));
                }
                case "d" -> {
                    type.put("kind", "domain");
                    type.put("base_type", normalize((String) t.get("basetype")));
                    type.put("not_null", (Boolean) t.get("typnotnull"));
                    type.put("default", normalize((String) t.get("typdefault")));
                    ArrayNode checks = JSON.arrayNode();
                    for (Map<String, Object> c : rows("SELECT conname, pg_get_constraintdef(oid) AS def "
                            + "FROM pg_constraint WHERE contypid = ? ORDER BY conname", oid)) {
                        checks.add(nameAndDefinition((String) c.get("conname"), normalize((String) c.get("def"))));
                    }
                    type.set("checks", checks);
                }
                default -> type.put("kind", "range");
            }
            types.set((String) t.get("typname"), type);
        }
        return types;
    }

    private void common(ObjectNode node, Map<String, Object> r) {
        ArrayNode options = JSON.arrayNode();
        Object[] reloptions = (Object[]) r.get("reloptions");
        if (reloptions != null) {
            Arrays.stream(reloptions).map(String::valueOf).sorted().forEach(options::add);
        }
        node.set("options", options);
        String owner = (String) r.get("owner");
        node.put("owner", owner);
        node.set("grants", grants((Object[]) r.get("acl"), owner));
        if (r.get("comment") != null) {
            node.put("comment", (String) r.get("comment"));
        }
    }

    /** aclitem[] as text, to the grants held by roles other than the owner, sorted. */
    static ArrayNode grants(Object[] acl, String owner) {
        List<String[]> grants = new ArrayList<>();
        if (acl != null) {
            for (Object item : acl) {
                String text = (String) item;
                int equals = text.indexOf('=');
                String grantee = text.substring(0, equals);
                String privileges = text.substring(equals + 1).split("/", 2)[0];
                grantee = grantee.isEmpty() ? "PUBLIC" : grantee;
                if (!grantee.equals(owner)) {
                    grants.add(new String[] {grantee, privileges});
                }
            }
        }
        grants.sort(Comparator.<String[], String>comparing(g -> g[0]).thenComparing(g -> g[1]));
        ArrayNode out = JSON.arrayNode();
        for (String[] g : grants) {
            ObjectNode grant = JSON.objectNode();
            grant.put("grantee", g[0]);
            grant.put("privileges", g[1]);
            out.add(grant);
        }
        return out;
    }

    private String qualifiedName(long relation) throws SQLException {
        Map<String, Object> r = rows("SELECT n.nspname, c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?", relation).get(0);
        String nspname = (String) r.get("nspname");
        String relname = (String) r.get("relname");
        return nspname.equals(schema) ? token + "." + relname : normalize(nspname + "." + relname);
    }

    private ArrayNode attributeNames(long relation, Object[] attnums) throws SQLException {
        ArrayNode out = JSON.arrayNode();
        if (attnums == null || attnums.length == 0) {
            return out;
        }
        Map<Integer, String> names = new HashMap<>();
        for (Map<String, Object> a : rows("SELECT attnum, attname FROM pg_attribute WHERE attrelid = ?", relation)) {
            names.put(((Number) a.get("attnum")).intValue(), (String) a.get("attname"));
        }
        for (Object n : attnums) {
            out.add(names.get(((Number) n).intValue()));
        }
        return out;
    }

    private static long oid(Map<String, Object> row) {
        return ((Number) row.get("oid")).longValue();
    }

    private static List<Map<String, Object>> sortedBy(List<Map<String, Object>> rows, String key) {
        rows.sort(Comparator.comparing(r -> (String) r.get(key)));
        return rows;
    }

    private List<Map<String, Object>> rows(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                int count = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= count; c++) {
                        Object value = rs.getObject(c);
                        if (value instanceof Array array) {
                            value = array.getArray();
                        }
                        row.put(rs.getMetaData().getColumnLabel(c), value);
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }
}
