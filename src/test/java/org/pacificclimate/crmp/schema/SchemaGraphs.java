package org.pacificclimate.crmp.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.pacificclimate.crmp.migration.Revision;

/**
 * The Graphviz sources of the two pictures of a migrated schema, from the catalog (no schema or role name in
 * them, everything sorted, so the text depends only on the schema's objects):
 * <ul>
 *   <li>{@code tables.dot}: an entity-relationship diagram of the tables (Liquibase's left out): each table with
 *       its columns in column order, their types, PK/FK marks; one edge per foreign key, from the referencing
 *       column to the referenced one;</li>
 *   <li>{@code views.dot}: what each view and materialized view reads, from the dependencies of its rewrite
 *       rule: one edge per relation read, from the relation to the view.</li>
 * </ul>
 * Relations of another schema (none at head) would appear schema-qualified. Types are written by
 * {@code format_type}, which qualifies those not on the search path: the caller sets it to
 * {@code <schema>, public} so that the schema's and PostGIS's types appear unqualified.
 */
final class SchemaGraphs {

    private SchemaGraphs() {
    }

    // ------------------------------------------------------------------------------------------------ tables

    static String tablesDot(Connection connection, String schema, Revision revision) throws SQLException {
        Map<String, List<String[]>> columns = new TreeMap<>();   // table -> [name, type, key marks]
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       EXISTS (SELECT FROM pg_catalog.pg_constraint p
                               WHERE p.conrelid = c.oid AND p.contype = 'p' AND a.attnum = ANY (p.conkey)) AS pk,
                       EXISTS (SELECT FROM pg_catalog.pg_constraint f
                               WHERE f.conrelid = c.oid AND f.contype = 'f' AND a.attnum = ANY (f.conkey)) AS fk
                FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname <> ALL (?)
                ORDER BY c.relname, a.attnum
                """)) {
            statement.setString(1, schema);
            statement.setArray(2, connection.createArrayOf("text", SchemaDump.LIQUIBASE_TABLES.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String marks = (rs.getBoolean("pk") ? "PK" : "") + (rs.getBoolean("pk") && rs.getBoolean("fk")
                            ? " " : "") + (rs.getBoolean("fk") ? "FK" : "");
                    columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(new String[] {
                            rs.getString(2), rs.getString(3) + (rs.getBoolean(4) ? " not null" : ""), marks});
                }
            }
        }
        List<String> edges = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT c.relname, f.conname,
                       CASE WHEN rn.nspname = ? THEN r.relname ELSE rn.nspname || '.' || r.relname END,
                       (SELECT a.attname FROM pg_catalog.pg_attribute a
                        WHERE a.attrelid = f.conrelid AND a.attnum = f.conkey[1]),
                       (SELECT a.attname FROM pg_catalog.pg_attribute a
                        WHERE a.attrelid = f.confrelid AND a.attnum = f.confkey[1]),
                       cardinality(f.conkey)
                FROM pg_catalog.pg_constraint f
                JOIN pg_catalog.pg_class c ON c.oid = f.conrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_catalog.pg_class r ON r.oid = f.confrelid
                JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
                WHERE n.nspname = ? AND f.contype = 'f'
                ORDER BY c.relname, f.conname
                """)) {
            statement.setString(1, schema);
            statement.setString(2, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String referenced = rs.getString(3);
                    String head = columns.containsKey(referenced)
                            ? id(referenced) + ":" + id("in_" + rs.getString(5)) + ":w" : id(referenced);
                    edges.add("  " + id(rs.getString(1)) + ":" + id("out_" + rs.getString(4)) + ":e -> " + head
                            + " [tooltip=" + id(rs.getString(2) + (rs.getInt(6) > 1 ? " (composite)" : "")) + "];");
                    if (!columns.containsKey(referenced)) {
                        columns.put(referenced, null);
                    }
                }
            }
        }
        StringBuilder dot = new StringBuilder();
        dot.append(graphHeader("tables", "Tables at head " + revision.id() + " (revision " + revision.number() + ")",
                "columns in order, with their types; PK primary key, FK foreign key;"
                        + " an edge per foreign key, from the referencing column to the referenced one"));
        dot.append("  rankdir=LR;\n  node [shape=plain, fontname=\"Helvetica\", fontsize=10];\n")
                .append("  edge [arrowhead=normal, color=\"#555555\"];\n\n");
        columns.forEach((table, cols) -> {
            if (cols == null) {
                dot.append("  ").append(id(table)).append(" [shape=box];\n");
                return;
            }
            dot.append("  ").append(id(table)).append(" [label=<\n")
                    .append("    <table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">\n")
                    .append("      <tr><td colspan=\"3\" bgcolor=\"#d9e4f2\"><b>").append(html(table))
                    .append("</b></td></tr>\n");
            for (String[] column : cols) {
                dot.append("      <tr><td align=\"left\" port=\"").append(html("in_" + column[0])).append("\">")
                        .append(column[2].contains("PK") ? "<b>" + html(column[0]) + "</b>" : html(column[0]))
                        .append("</td><td align=\"left\">").append(html(column[1]))
                        .append("</td><td port=\"").append(html("out_" + column[0])).append("\">")
                        .append(html(column[2])).append("</td></tr>\n");
            }
            dot.append("    </table>>];\n");
        });
        dot.append('\n');
        edges.forEach(edge -> dot.append(edge).append('\n'));
        return dot.append("}\n").toString();
    }

    // ------------------------------------------------------------------------------------------------- views

    static String viewsDot(Connection connection, String schema, Revision revision) throws SQLException {
        Map<String, String> kinds = new TreeMap<>();            // relation -> relkind
        TreeSet<String> edges = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT c.relname, c.relkind FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('v', 'm')
                """)) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    kinds.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT DISTINCT v.relname,
                       CASE WHEN rn.nspname = ? THEN r.relname ELSE rn.nspname || '.' || r.relname END,
                       r.relkind
                FROM pg_catalog.pg_rewrite w
                JOIN pg_catalog.pg_class v ON v.oid = w.ev_class
                JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace
                JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
                     AND d.objid = w.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                JOIN pg_catalog.pg_class r ON r.oid = d.refobjid
                JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
                WHERE vn.nspname = ? AND v.relkind IN ('v', 'm') AND r.oid <> v.oid
                """)) {
            statement.setString(1, schema);
            statement.setString(2, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    kinds.putIfAbsent(rs.getString(2), rs.getString(3));
                    edges.add("  " + id(rs.getString(2)) + " -> " + id(rs.getString(1)) + ";");
                }
            }
        }
        StringBuilder dot = new StringBuilder();
        dot.append(graphHeader("views", "Views and materialized views at head " + revision.id() + " (revision "
                + revision.number() + ") and the relations each reads",
                "an edge from what is read to what reads it; tables: grey boxes, views: ellipses,"
                        + " materialized views: blue rounded boxes"));
        dot.append("  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n")
                .append("  edge [color=\"#555555\"];\n\n");
        kinds.forEach((relation, kind) -> dot.append("  ").append(id(relation)).append(" [").append(switch (kind) {
            case "v" -> "shape=ellipse";
            case "m" -> "shape=box, style=\"rounded,filled\", fillcolor=\"#d9e4f2\"";
            default -> "shape=box, style=filled, fillcolor=\"#e8e8e8\"";
        }).append("];\n"));
        dot.append('\n');
        edges.forEach(edge -> dot.append(edge).append('\n'));
        return dot.append("}\n").toString();
    }

    // --------------------------------------------------------------------------------------------- text

    /** The graph's opening, its label the given lines. */
    private static String graphHeader(String name, String... labelLines) {
        List<String> lines = new ArrayList<>();
        for (String line : labelLines) {
            lines.add(id(line).substring(1, id(line).length() - 1));
        }
        return "// GENERATED FILE: do not edit. Regenerate with scripts/update-head-schema.sh\n"
                + "// (render: dot -Tsvg -Gcomment=\"sha256:<SHA-256 of this file>\"; HeadSchemaFileTest checks it).\n"
                + "digraph " + name + " {\n"
                + "  label=\"" + String.join("\\n", lines) + "\";\n  labelloc=t;\n  fontname=\"Helvetica\";\n"
                + "  fontsize=12;\n";
    }

    /** A DOT identifier: always quoted. */
    private static String id(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Text inside an HTML-like label. */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
