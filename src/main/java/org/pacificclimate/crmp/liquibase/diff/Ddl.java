package org.pacificclimate.crmp.liquibase.diff;

import static org.pacificclimate.crmp.liquibase.diff.SchemaSnapshot.SCHEMA;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The statements the diff writes, rendered from a snapshot's catalog nodes: every name qualified with
 * {@code ${schemaName}}, every statement in its idempotent form (a re-run after a crash finds its work done:
 * {@code IF NOT EXISTS}, {@code CREATE OR REPLACE}, constraints added only when missing).
 */
public final class Ddl {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    private Ddl() {
    }


    public static String q(String name) {
        return SCHEMA + "." + id(name);
    }

    public static String id(String name) {
        return PLAIN.matcher(name).matches() || name.contains("${") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public static String createTableSql(String name, JsonNode t, boolean withConstraints) {
        List<String> lines = new ArrayList<>();
        for (JsonNode column : t.path("columns")) {
            lines.add("    " + columnSql(column));
        }
        if (withConstraints) {
            JsonNode pk = t.path("primary_key");
            if (!pk.isNull() && !pk.isMissingNode()) {
                lines.add("    CONSTRAINT " + id(pk.path("name").asText()) + " " + primaryKeyDefinition(pk));
            }
            for (JsonNode unique : t.path("unique_constraints")) {
                lines.add("    CONSTRAINT " + id(unique.path("name").asText()) + " " + unique.path("definition").asText());
            }
            for (JsonNode check : t.path("check_constraints")) {
                lines.add("    CONSTRAINT " + id(check.path("name").asText()) + " " + check.path("definition").asText());
            }
        }
        return "CREATE TABLE IF NOT EXISTS " + q(name) + " (\n" + String.join(",\n", lines) + "\n);";
    }

    public static String columnSql(JsonNode column) {
        StringBuilder sql = new StringBuilder(id(column.path("name").asText())).append(' ')
                .append(column.path("type").asText());
        if (!column.path("default").isNull() && !column.path("default").isMissingNode()) {
            sql.append(" DEFAULT ").append(column.path("default").asText());
        }
        if (column.has("identity")) {
            sql.append(" GENERATED ").append(column.path("identity").asText()).append(" AS IDENTITY");
        }
        if (column.path("not_null").asBoolean()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    public static String primaryKeyDefinition(JsonNode pk) {
        List<String> columns = new ArrayList<>();
        pk.path("columns").forEach(c -> columns.add(id(c.asText())));
        return "PRIMARY KEY (" + String.join(", ", columns) + ")";
    }

    public static String defaultClause(JsonNode column) {
        JsonNode d = column.path("default");
        return d.isNull() || d.isMissingNode() ? "DROP DEFAULT" : "SET DEFAULT " + d.asText();
    }

    public static String alterColumn(String table, String column, String action) {
        return "ALTER TABLE " + q(table) + " ALTER COLUMN " + id(column) + " " + action + ";";
    }

    public static String identityChange(String table, String column, String from, String to) {
        if (to.isEmpty()) {
            return alterColumn(table, column, "DROP IDENTITY IF EXISTS");
        }
        if (from.isEmpty()) {
            return alterColumn(table, column, "ADD GENERATED " + to + " AS IDENTITY");
        }
        return alterColumn(table, column, "SET GENERATED " + to);
    }

    /** Adds a constraint unless one of that name exists (a re-run after a crash). */
    public static String addConstraint(String table, String name, String definition) {
        return "DO $$\nBEGIN\n    IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = '" + q(table)
                + "'::regclass AND conname = '" + name + "') THEN\n        ALTER TABLE " + q(table)
                + " ADD CONSTRAINT " + id(name) + " " + definition + ";\n    END IF;\nEND\n$$;";
    }

    public static String dropConstraint(String table, String name) {
        return "ALTER TABLE " + q(table) + " DROP CONSTRAINT IF EXISTS " + id(name) + ";";
    }

    public static String createIndex(JsonNode index) {
        String definition = index.path("definition").asText();
        return definition.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS ") + ";";
    }

    public static String createTrigger(JsonNode trigger) {
        return trigger.path("definition").asText().replaceFirst("^CREATE (CONSTRAINT )?TRIGGER ",
                "CREATE OR REPLACE $1TRIGGER ") + ";";
    }

    public static String dropTrigger(String table, JsonNode trigger) {
        return "DROP TRIGGER IF EXISTS " + id(trigger.path("name").asText()) + " ON " + q(table) + ";";
    }

    public static String stripSemicolon(String definition) {
        String text = definition.strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }


    public static String createSequence(String name, JsonNode s) {
        return "CREATE SEQUENCE IF NOT EXISTS " + q(name) + sequenceOptions(s) + ";";
    }

    public static String sequenceOptions(JsonNode s) {
        return " AS " + s.path("type").asText() + " INCREMENT BY " + s.path("increment").asLong()
                + " MINVALUE " + s.path("min").asLong() + " MAXVALUE " + s.path("max").asLong()
                + " START WITH " + s.path("start").asLong() + " CACHE " + s.path("cache").asLong()
                + (s.path("cycle").asBoolean() ? " CYCLE" : " NO CYCLE");
    }

    public static String commentOn(String object, JsonNode comment) {
        String text = comment == null || comment.isNull() || comment.isMissingNode() ? null : comment.asText();
        return "COMMENT ON " + object + " IS " + (text == null ? "NULL" : "'" + text.replace("'", "''") + "'") + ";";
    }
}
