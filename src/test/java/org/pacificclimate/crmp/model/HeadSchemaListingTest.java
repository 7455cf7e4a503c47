package org.pacificclimate.crmp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import jakarta.persistence.Column;
import jakarta.persistence.SequenceGenerator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.liquibase.diff.EntityTable;
import org.pacificclimate.crmp.liquibase.diff.ModelSchema;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.catalog.ReferenceCatalogs;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * Without a database: the model lists exactly the objects of PyCDS's head catalog (reference catalog 29), with
 * their columns, owners and grants, and its registry agrees with its entities, with the changelogs (each body
 * file is the version the chain's upgrades leave in place) and with {@code docs/schema/head.sql} (the comments on
 * indexes). {@code ModelSchemaTest} and {@code ModelHeadSqlTest} prove the rest on PostgreSQL.
 */
@Tag("fast")
class HeadSchemaListingTest {

    private static final Revision HEAD = RevisionChain.standard().head();
    private static final JsonNode CATALOG = ReferenceCatalogs.after(HEAD);
    private static final Map<String, String> PRIVILEGE_LETTERS = Map.of("SELECT", "r", "ALL", "arwdDxt");
    private static final Pattern OBJECT_FILE =
            Pattern.compile("\\.\\./objects/(functions|views|matviews)/([a-z0-9_]+)/([0-9a-f]{12})\\.sql");

    @Test
    void theModelDescribesTheChainsHead() {
        assertEquals(HEAD.id(), HeadSchema.REVISION);
    }

    @Test
    void theTablesAreTheHeadTables() {
        assertEquals(18, HeadSchema.TABLES.size());
        assertEquals(names(CATALOG.get("tables")), new TreeSet<>(HeadSchema.TABLES.stream().map(TableDef::name).toList()));
    }

    @Test
    void theViewsAndMaterializedViewsAreTheHeadOnes() {
        assertEquals(4, HeadSchema.views().size());
        assertEquals(11, HeadSchema.materializedViews().size());
        assertEquals(names(CATALOG.get("views")), new TreeSet<>(HeadSchema.views().stream().map(ViewDef::name).toList()));
        assertEquals(names(CATALOG.get("materialized_views")),
                new TreeSet<>(HeadSchema.materializedViews().stream().map(ViewDef::name).toList()));
    }

    @Test
    void theFunctionsAreTheHeadFunctionsWithTheirOwners() {
        Map<String, String> model = new TreeMap<>();
        for (FunctionDef function : HeadSchema.FUNCTIONS) {
            model.put(function.name() + "(" + token(ModelSchema.identityArguments(function)) + ")",
                    owner(function.owner()) + " " + grants(function.grants()));
        }
        Map<String, String> head = new TreeMap<>();
        CATALOG.get("functions").fields().forEachRemaining(f -> head.put(f.getKey(),
                f.getValue().get("owner").asText() + " " + f.getValue().get("grants")));
        assertEquals(head, model);
    }

    @Test
    void theTriggersAreTheHeadTriggers() {
        List<String> model = new ArrayList<>();
        for (TriggerDef trigger : HeadSchema.TRIGGERS) {
            model.add(trigger.table() + "." + trigger.name() + " " + trigger.timing() + " "
                    + new TreeSet<>(trigger.events()) + " " + trigger.level() + " SCHEMA." + trigger.function() + "() "
                    + trigger.arguments());
        }
        List<String> head = new ArrayList<>();
        for (String section : List.of("tables", "views")) {
            CATALOG.get(section).fields().forEachRemaining(t -> t.getValue().get("triggers").forEach(trigger -> {
                List<String> events = new ArrayList<>();
                trigger.get("events").forEach(e -> events.add(e.asText()));
                List<String> arguments = new ArrayList<>();
                trigger.get("arguments").forEach(a -> arguments.add(a.asText()));
                head.add(t.getKey() + "." + trigger.get("name").asText() + " " + trigger.get("timing").asText() + " "
                        + new TreeSet<>(events) + " " + trigger.get("level").asText() + " "
                        + trigger.get("function").asText() + " " + arguments);
            }));
        }
        assertEquals(new TreeSet<>(head), new TreeSet<>(model));
        assertEquals(head.size(), model.size());
    }

    @Test
    void theTablesHaveTheHeadColumnsKeysIndexesOwnersAndGrants() {
        for (TableDef def : HeadSchema.TABLES) {
            JsonNode table = CATALOG.get("tables").get(def.name());
            EntityTable entity = EntityTable.of(def.entity());
            List<String> model = new ArrayList<>();
            entity.columns().forEach(c -> model.add(column(c)));
            List<String> head = new ArrayList<>();
            table.get("columns").forEach(c -> head.add(c.get("name").asText() + " " + c.get("type").asText()
                    + (c.has("identity") ? " GENERATED " + c.get("identity").asText() + " AS IDENTITY"
                    : c.get("default").isNull() ? "" : " DEFAULT " + c.get("default").asText())
                    + (c.get("not_null").asBoolean() ? " NOT NULL" : "")));
            assertEquals(head, model, def.name() + ": columns in physical order");

            assertEquals(table.get("primary_key").get("name").asText(), def.primaryKeyName(), def.name());
            assertEquals(texts(table.get("primary_key").get("columns")), entity.primaryKey(), def.name());
            TreeSet<String> indexes = new TreeSet<>();
            indexes.add(def.primaryKeyName());
            entity.uniqueConstraints().forEach(u -> indexes.add(u.name()));
            entity.indexes().forEach(i -> indexes.add(i.name().replace(HeadSchema.SCHEMA_PLACEHOLDER, "crmp")));
            def.indexes().forEach(i -> indexes.add(i.name()));
            assertEquals(names(table.get("indexes"), "name"), indexes, def.name() + ": indexes");
            assertEquals(names(table.get("foreign_keys"), "name"),
                    new TreeSet<>(entity.foreignKeys().stream().map(EntityTable.ForeignKeySpec::name).toList()), def.name());
            assertEquals(names(table.get("check_constraints"), "name"),
                    new TreeSet<>(entity.checkConstraints().stream().map(EntityTable.CheckSpec::name).toList()), def.name());
            assertEquals(table.get("owner").asText(), owner(def.owner()), def.name());
            assertEquals(table.get("grants").toString(), grants(def.grants()), def.name());
        }
    }

    @Test
    void theViewEntitiesHaveTheHeadColumnsAndTheRegistryTheirOwnersGrantsAndIndexes() {
        for (ViewDef def : HeadSchema.VIEWS_AND_MATERIALIZED_VIEWS) {
            JsonNode view = CATALOG.get(def.materialized() ? "materialized_views" : "views").get(def.name());
            List<String> model = new ArrayList<>();
            for (Field field : def.entity().getDeclaredFields()) {
                Column column = field.getAnnotation(Column.class);
                if (column != null) {
                    assertTrue(!column.insertable() && !column.updatable(), def.name() + "." + column.name() + " is read-only");
                    model.add(column.name() + " " + column.columnDefinition());
                }
            }
            List<String> head = new ArrayList<>();
            view.get("columns").forEach(c -> head.add(c.get("name").asText() + " " + c.get("type").asText()));
            assertEquals(head, model, def.name() + ": columns in order");
            assertEquals(view.get("owner").asText(), owner(def.owner()), def.name());
            assertEquals(view.get("grants").toString(), grants(def.grants()), def.name());
            if (def.materialized()) {
                assertEquals(names(view.get("indexes"), "name"),
                        new TreeSet<>(def.indexes().stream().map(IndexDef::name).toList()), def.name());
                def.indexes().forEach(i -> assertEquals(def.name(), i.table()));
            }
        }
    }

    @Test
    void theSequencesAreTheHeadSequencesAndAgreeWithTheEntities() {
        Map<String, String> model = new TreeMap<>();
        HeadSchema.SEQUENCES.forEach(s -> model.put(s.name(), "SCHEMA." + s.table() + "." + s.column() + " " + s.dataType()));
        Map<String, String> head = new TreeMap<>();
        CATALOG.get("sequences").fields().forEachRemaining(s -> head.put(s.getKey(),
                s.getValue().get("owned_by").asText() + " " + s.getValue().get("type").asText()));
        assertEquals(head, model);

        Map<String, SequenceDef> byName = new HashMap<>();
        HeadSchema.SEQUENCES.forEach(s -> byName.put(s.name(), s));
        Pattern nextval = Pattern.compile("nextval\\('([a-z0-9_]+)'::regclass\\)");
        for (TableDef def : HeadSchema.TABLES) {
            for (EntityTable.TableColumn column : EntityTable.of(def.entity()).columns()) {
                Matcher m = nextval.matcher(column.definition());
                if (m.find()) {
                    assertNotNull(byName.get(m.group(1)), def.name() + "." + column.name() + " uses an unlisted sequence");
                }
                if (column.definition().contains("AS IDENTITY")) {
                    SequenceDef identity = byName.get(def.name() + "_" + column.name() + "_seq");
                    assertTrue(identity != null && identity.identity(), def.name() + "." + column.name());
                }
            }
            for (Field field : def.entity().getDeclaredFields()) {
                SequenceGenerator generator = field.getAnnotation(SequenceGenerator.class);
                if (generator != null) {
                    SequenceDef sequence = byName.get(generator.sequenceName());
                    assertNotNull(sequence, generator.sequenceName());
                    assertEquals(def.name() + "." + field.getAnnotation(Column.class).name(),
                            sequence.table() + "." + sequence.column(), "the generator's sequence is owned by its column");
                    assertEquals(1, generator.allocationSize(), "the sequences increment by 1");
                }
            }
        }
    }

    @Test
    void everyBodyFileIsTheVersionTheChainLeavesAtHead() throws IOException {
        Map<String, String> current = new HashMap<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Revision revision : RevisionChain.standard().revisions()) {
            JsonNode changes = yaml.readTree(resource("changelog/" + revision.file()))
                    .get("databaseChangeLog").get(1).get("changeSet").get("changes");
            for (JsonNode change : changes) {
                Matcher m = OBJECT_FILE.matcher(change.path("sqlFile").path("path").asText());
                if (m.matches()) {
                    current.put(m.group(1) + "/" + m.group(2), m.group(3));
                }
            }
        }
        for (FunctionDef function : HeadSchema.FUNCTIONS) {
            assertEquals(current.get("functions/" + function.name()), function.version(), function.name());
            resource(function.bodyFile());
        }
        for (ViewDef view : HeadSchema.VIEWS_AND_MATERIALIZED_VIEWS) {
            assertEquals(current.get((view.materialized() ? "matviews/" : "views/") + view.name()), view.version(),
                    view.name());
            resource(view.bodyFile());
        }
    }

    @Test
    void theIndexCommentsAreThoseOfTheHeadSchemaFile() throws IOException {
        // the catalogs do not record comments on indexes; docs/schema/head.sql (pg_dump) does
        String headSql = java.nio.file.Files.readString(TestDatabases.projectFile("docs/schema/head.sql"));
        TreeSet<String> head = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^COMMENT ON INDEX \\$\\{schemaName\\}\\.(\\w+) IS '([^']*)';$").matcher(headSql);
        while (m.find()) {
            head.add(m.group(1) + ": " + m.group(2));
        }
        TreeSet<String> model = new TreeSet<>();
        HeadSchema.INDEX_COMMENTS.forEach(c -> model.add(c.index() + ": " + c.text()));
        assertEquals(head, model);
        assertTrue(headSql.contains("COMMENT ON"), "head.sql has comments");
        assertEquals(head.size(), (int) headSql.lines().filter(l -> l.startsWith("COMMENT ON")).count(),
                "head.sql comments on nothing but indexes");
    }

    @Test
    void theModelNamesNoSchema() {
        for (Class<?> entity : HeadSchema.entityClasses()) {
            assertEquals("", entity.getAnnotation(jakarta.persistence.Table.class).schema(), entity.getName());
            for (Field field : entity.getDeclaredFields()) {
                Column column = field.getAnnotation(Column.class);
                assertTrue(column == null || !column.columnDefinition().contains("crmp."), entity + "." + field.getName());
            }
        }
    }

    private static String column(EntityTable.TableColumn column) {
        String definition = column.definition()
                .replaceAll("nextval\\('([a-z0-9_]+)'::regclass\\)", "nextval('SCHEMA.$1'::regclass)");
        return column.name() + " " + definition + (column.notNull() ? " NOT NULL" : "");
    }

    private static String owner(Owner owner) {
        return owner == Owner.ELEVATED_ROLE ? "pcicdba" : "tester";
    }

    /** Grants as the catalog lists them: by grantee, aclitem letters. */
    private static String grants(List<Grant> grants) {
        ObjectMapper json = new ObjectMapper();
        var array = json.createArrayNode();
        grants.stream().sorted((a, b) -> a.grantee().compareTo(b.grantee())).forEach(g -> array.addObject()
                .put("grantee", g.grantee()).put("privileges", PRIVILEGE_LETTERS.get(g.privileges())));
        return array.toString();
    }

    private static String token(String sql) {
        return sql.replace(HeadSchema.SCHEMA_PLACEHOLDER, "SCHEMA");
    }

    private static TreeSet<String> names(JsonNode object) {
        TreeSet<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static TreeSet<String> names(JsonNode array, String key) {
        TreeSet<String> out = new TreeSet<>();
        array.forEach(e -> out.add(e.get(key).asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = HeadSchemaListingTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, path + " is on the classpath");
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
