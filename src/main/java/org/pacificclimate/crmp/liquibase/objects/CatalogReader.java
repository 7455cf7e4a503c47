package org.pacificclimate.crmp.liquibase.objects;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.snapshot.DatabaseSnapshot;
import liquibase.structure.core.Schema;

import org.pacificclimate.crmp.catalog.CatalogDumper;
import org.pacificclimate.crmp.liquibase.diff.SchemaSnapshot;

/**
 * Reads the objects of one schema from {@code pg_catalog} once per Liquibase snapshot, with the project's readers: the
 * catalog ({@link CatalogDumper}, the reference format) and the view and function definitions
 * ({@link SchemaSnapshot}), every definition with the schema written {@value SchemaSnapshot#SCHEMA} and PyCDS's
 * schema-derived index names {@code ix_<schema>_} written {@code ix_${schemaName}_}, as the autogenerate reads them.
 */
final class CatalogReader {

    static final String TOKEN = SchemaSnapshot.SCHEMA;
    private static final String SCRATCH = "crmp.diff.objects:";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CatalogReader() {
    }

    /** The objects of {@code schema} in this snapshot's database, read on first use. */
    @SuppressWarnings("unchecked")
    static List<CatalogObject> objects(DatabaseSnapshot snapshot, Schema schema) throws DatabaseException {
        String name = schemaName(schema, snapshot.getDatabase());
        String key = SCRATCH + name;
        List<CatalogObject> objects = (List<CatalogObject>) snapshot.getScratchData(key);
        if (objects == null) {
            objects = read(snapshot.getDatabase(), name, schema);
            snapshot.setScratchData(key, objects);
        }
        return objects;
    }

    static String schemaName(Schema schema, Database database) {
        return schema == null || schema.getName() == null ? database.getDefaultSchemaName() : schema.getName();
    }

    private static List<CatalogObject> read(Database database, String schemaName, Schema schema)
            throws DatabaseException {
        if (!(database.getConnection() instanceof JdbcConnection jdbc)) {
            return List.of(); // offline: nothing to read
        }
        Connection connection = jdbc.getUnderlyingConnection();
        try {
            if (!schemaExists(connection, schemaName)) {
                return List.of();
            }
            ObjectNode catalog = CatalogDumper.dump(connection, schemaName, TOKEN);
            catalog = (ObjectNode) MAPPER.readTree(catalog.toString()
                    .replace("ix_" + schemaName + "_", "ix_" + TOKEN + "_"));
            return build(schema, catalog, SchemaSnapshot.readViewDefinitions(connection, schemaName),
                    SchemaSnapshot.readFunctionDefinitions(connection, schemaName));
        } catch (SQLException e) {
            throw new DatabaseException("Could not read schema " + schemaName + " from pg_catalog: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT FROM pg_namespace WHERE nspname = ?")) {
            statement.setString(1, schema);
            try (var rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    static List<CatalogObject> build(Schema schema, JsonNode catalog, Map<String, String> viewDefinitions,
                                     Map<String, String> functionDefinitions) {
        List<CatalogObject> out = new ArrayList<>();
        catalog.path("tables").fields().forEachRemaining(entry -> {
            String table = entry.getKey();
            JsonNode t = entry.getValue();
            for (JsonNode check : t.path("check_constraints")) {
                out.add(complete(new CheckConstraint().setTableName(table)
                        .setDefinition(check.path("definition").asText()), schema, check.path("name").asText()));
            }
            triggers(schema, table, t, out);
            String keyword = "foreign table".equals(t.path("kind").asText()) ? "FOREIGN TABLE" : "TABLE";
            ownerAndGrants(schema, keyword, "TABLE", table, t, out);
        });
        catalog.path("views").fields().forEachRemaining(entry -> {
            triggers(schema, entry.getKey(), entry.getValue(), out);
            ownerAndGrants(schema, "VIEW", "TABLE", entry.getKey(), entry.getValue(), out);
        });
        catalog.path("materialized_views").fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode m = entry.getValue();
            List<String> indexes = new ArrayList<>();
            m.path("indexes").forEach(i -> indexes.add(i.path("definition").asText()));
            List<String> grants = new ArrayList<>();
            m.path("grants").forEach(g -> grants.add(g.path("grantee").asText() + "=" + g.path("privileges").asText()));
            out.add(complete(new MaterializedView().setDefinition(viewDefinitions.get(name)).setIndexes(indexes)
                    .setPopulated(m.path("populated").asBoolean()).setOwner(m.path("owner").asText())
                    .setGrants(grants), schema, name));
            ownerAndGrants(schema, "MATERIALIZED VIEW", "TABLE", name, m, out);
        });
        Set<String> identityColumns = new HashSet<>();
        catalog.path("tables").fields().forEachRemaining(t -> t.getValue().path("columns").forEach(c -> {
            if (c.has("identity")) {
                identityColumns.add(TOKEN + "." + t.getKey() + "." + c.path("name").asText());
            }
        }));
        catalog.path("sequences").fields().forEachRemaining(entry -> {
            JsonNode s = entry.getValue();
            String ownedBy = s.path("owned_by").asText(null);
            if (ownedBy == null) {
                ownerAndGrants(schema, "SEQUENCE", "SEQUENCE", entry.getKey(), s, out);
            } else if (!identityColumns.contains(ownedBy)) { // a serial's: its owner follows its table's
                grants(schema, "SEQUENCE", entry.getKey(), s, out);
            } // an identity's sequence comes and goes with its column, as the autogenerate has it
        });
        catalog.path("functions").fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            JsonNode f = entry.getValue();
            String kind = f.path("kind").asText();
            if (!kind.equals("function") && !kind.equals("procedure")) {
                return; // aggregates and window functions: pg_get_functiondef does not render them
            }
            out.add(complete(new Function().setFunctionName(f.path("name").asText()).setKind(kind)
                    .setIdentityArguments(f.path("identity_arguments").asText())
                    .setArguments(f.path("arguments").asText()).setResult(f.path("result").asText(null))
                    .setLanguage(f.path("language").asText()).setDefinition(functionDefinitions.get(key)), schema, key));
            String keyword = kind.toUpperCase();
            ownerAndGrants(schema, keyword, keyword, key, f, out);
        });
        return out;
    }

    private static void triggers(Schema schema, String table, JsonNode relation, List<CatalogObject> out) {
        for (JsonNode trigger : relation.path("triggers")) {
            out.add(complete(new Trigger().setTableName(table).setDefinition(trigger.path("definition").asText())
                    .setEnabled(trigger.path("enabled").asText()), schema, trigger.path("name").asText()));
        }
    }

    private static void ownerAndGrants(Schema schema, String ownerKeyword, String grantKeyword, String name,
                                       JsonNode node, List<CatalogObject> out) {
        out.add(complete(new Owner().setObjectType(ownerKeyword).setOwner(node.path("owner").asText()), schema, name));
        grants(schema, grantKeyword, name, node, out);
    }

    private static void grants(Schema schema, String keyword, String name, JsonNode node, List<CatalogObject> out) {
        for (JsonNode grant : node.path("grants")) {
            String grantee = grant.path("grantee").asText();
            out.add(complete(new Grant().setObjectType(keyword).setObjectName(name).setGrantee(grantee)
                    .setPrivileges(grant.path("privileges").asText()), schema, name + ":" + grantee));
        }
    }

    private static <T extends CatalogObject> T complete(T object, Schema schema, String name) {
        object.setName(name);
        object.setSchema(schema);
        object.setAttribute(CatalogObject.COMPLETE, true);
        return object;
    }
}
