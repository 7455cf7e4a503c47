package org.pacificclimate.crmp.liquibase.diff;

import static org.pacificclimate.crmp.liquibase.diff.SchemaSnapshot.LOGIN_ROLE;
import static org.pacificclimate.crmp.liquibase.diff.SchemaSnapshot.SCHEMA;
import static org.pacificclimate.crmp.liquibase.diff.SchemaSnapshot.SU_ROLE;
import static org.pacificclimate.crmp.liquibase.diff.Ddl.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pacificclimate.crmp.liquibase.diff.Bodies.Kind;
import org.pacificclimate.crmp.liquibase.diff.Plan.Phase;
import org.pacificclimate.crmp.liquibase.diff.Plan.Sql;

/**
 * Compares a reference schema (what the model declares, built as a shadow schema) with a live one, object kind by
 * object kind, and plans the statements that turn the live schema into the reference, each with its exact inverse.
 * Definitions come from PostgreSQL on both sides, so only real differences show; bodies of functions, views and
 * materialized views are run from their version files.
 */
public final class SchemaDiff {

    private static final Map<Character, String> PRIVILEGES = new LinkedHashMap<>();

    static {
        PRIVILEGES.put('r', "SELECT");
        PRIVILEGES.put('a', "INSERT");
        PRIVILEGES.put('w', "UPDATE");
        PRIVILEGES.put('d', "DELETE");
        PRIVILEGES.put('D', "TRUNCATE");
        PRIVILEGES.put('x', "REFERENCES");
        PRIVILEGES.put('t', "TRIGGER");
        PRIVILEGES.put('X', "EXECUTE");
        PRIVILEGES.put('U', "USAGE");
    }

    private final SchemaSnapshot reference;
    private final SchemaSnapshot live;
    private final Bodies bodies;
    private final String revision;
    private final Plan plan = new Plan();

    private SchemaDiff(SchemaSnapshot reference, SchemaSnapshot live, Bodies bodies, String revision) {
        this.reference = reference;
        this.live = live;
        this.bodies = bodies;
        this.revision = revision;
    }

    /**
     * @param revision the id of the revision being written (new object files are named after it)
     */
    public static Plan plan(SchemaSnapshot reference, SchemaSnapshot live, Bodies bodies, String revision) {
        SchemaDiff diff = new SchemaDiff(reference, live, bodies, revision);
        diff.sequences();
        diff.tables();
        diff.replaceables();
        diff.functions();
        return diff.plan;
    }

    // ---------------------------------------------------------------------------------------------------- tables

    private void tables() {
        for (String name : union(reference.tables(), live.tables())) {
            JsonNode ref = reference.tables().get(name);
            JsonNode cur = live.tables().get(name);
            if (cur == null) {
                createTable(name, ref);
            } else if (ref == null) {
                dropTable(name, cur);
            } else {
                alterTable(name, ref, cur);
            }
        }
    }

    private void createTable(String name, JsonNode t) {
        plan.difference("table " + name + ": missing");
        String tracked = name.endsWith("_hx") ? name.substring(0, name.length() - 3) : null;
        if (tracked != null && live.hasRows(tracked)) {
            plan.todo("table " + name + " is new and " + tracked + " has rows: if " + name + " holds the history of "
                    + tracked + ", fill it from the current rows (a data migration)");
        }
        boolean elevated = isSu(t);
        String file = "objects/tables/" + name + "/" + revision + ".sql";
        plan.step(Phase.TABLES, 0, elevated, "create table " + name,
                List.of(Sql.newFile(file, "-- " + name + ", version of revision " + revision + ".\n"
                        + createTableSql(name, t, true))),
                List.of(Sql.of("DROP TABLE IF EXISTS " + q(name) + ";")));
        for (JsonNode fk : t.path("foreign_keys")) {
            addForeignKey(name, fk, elevated);
        }
        for (JsonNode index : ownIndexes(t)) {
            addIndex(name, index, elevated, Phase.INDEXES);
        }
        for (JsonNode trigger : t.path("triggers")) {
            plan.step(Phase.TRIGGERS, 0, elevated, "create trigger " + trigger.path("name").asText() + " on " + name,
                    List.of(Sql.of(createTrigger(trigger))), List.of(Sql.of(dropTrigger(name, trigger))));
        }
        ownerOf("TABLE", name, t, null, elevated);
        grants("TABLE", q(name), name, t.path("grants"), null, elevated);
        comments("TABLE", name, t, null, elevated);
    }

    private void dropTable(String name, JsonNode t) {
        plan.difference("table " + name + ": not in the model");
        plan.todo("table " + name + " is dropped: its rows are lost (a rename looks like a drop and an add; a data "
                + "migration goes here)");
        boolean elevated = isSu(t);
        List<Sql> recreate = new ArrayList<>();
        recreate.add(Sql.of(createTableSql(name, t, true)));
        for (JsonNode index : ownIndexes(t)) {
            recreate.add(Sql.of(createIndex(index)));
        }
        recreate.addAll(grantStatements("TABLE", q(name), t.path("grants"), null));
        plan.step(Phase.DROP_TABLES, 0, elevated, "drop table " + name,
                List.of(Sql.of("DROP TABLE IF EXISTS " + q(name) + ";")), recreate);
        for (JsonNode fk : t.path("foreign_keys")) {
            plan.step(Phase.DROP_CONSTRAINTS, 0, elevated, "drop foreign key " + fk.path("name").asText(),
                    List.of(Sql.of(dropConstraint(name, fk.path("name").asText()))),
                    List.of(Sql.of(addConstraint(name, fk.path("name").asText(), fk.path("definition").asText()))));
        }
        for (JsonNode trigger : t.path("triggers")) {
            plan.step(Phase.DROP_TRIGGERS, 0, elevated, "drop trigger " + trigger.path("name").asText(),
                    List.of(Sql.of(dropTrigger(name, trigger))), List.of(Sql.of(createTrigger(trigger))));
        }
    }

    private void alterTable(String name, JsonNode ref, JsonNode cur) {
        boolean elevated = isSu(ref) || isSu(cur);
        columns(name, ref, cur, elevated);
        primaryKey(name, ref, cur, elevated);
        namedConstraints(name, "unique constraint", ref.path("unique_constraints"), cur.path("unique_constraints"),
                elevated, Phase.CONSTRAINTS);
        namedConstraints(name, "check constraint", ref.path("check_constraints"), cur.path("check_constraints"),
                elevated, Phase.CONSTRAINTS);
        namedConstraints(name, "foreign key", ref.path("foreign_keys"), cur.path("foreign_keys"), elevated,
                Phase.FOREIGN_KEYS);
        indexes(name, ownIndexes(ref), ownIndexes(cur), elevated, Phase.INDEXES);
        triggers(name, ref.path("triggers"), cur.path("triggers"), elevated);
        ownerOf("TABLE", name, ref, cur, elevated);
        grants("TABLE", q(name), name, ref.path("grants"), cur.path("grants"), elevated);
        comments("TABLE", name, ref, cur, elevated);
        if (!ref.path("options").equals(cur.path("options"))) {
            plan.difference("table " + name + ": storage options " + cur.path("options") + " → " + ref.path("options"));
            plan.todo("table " + name + ": storage options differ (" + cur.path("options") + " → " + ref.path("options")
                    + "); not generated");
        }
    }

    private void columns(String table, JsonNode ref, JsonNode cur, boolean elevated) {
        Map<String, JsonNode> refColumns = byName(ref.path("columns"));
        Map<String, JsonNode> curColumns = byName(cur.path("columns"));
        List<String> added = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : refColumns.entrySet()) {
            String column = entry.getKey();
            JsonNode want = entry.getValue();
            JsonNode have = curColumns.get(column);
            String where = "column " + table + "." + column;
            if (have == null) {
                added.add(column);
                plan.difference(where + ": missing");
                if (want.path("not_null").asBoolean() && want.path("default").isNull() && !want.has("identity")
                        && live.hasRows(table)) {
                    plan.todo(where + " is NOT NULL without a default and " + table + " has rows: fill it (a data "
                            + "migration) before the constraint, or give it a default");
                }
                plan.step(Phase.COLUMNS, 0, elevated, "add " + where,
                        List.of(Sql.of("ALTER TABLE " + q(table) + " ADD COLUMN IF NOT EXISTS " + columnSql(want) + ";")),
                        List.of(Sql.of("ALTER TABLE " + q(table) + " DROP COLUMN IF EXISTS " + id(column) + ";")));
                continue;
            }
            if (!want.path("type").equals(have.path("type"))) {
                String from = have.path("type").asText();
                String to = want.path("type").asText();
                plan.difference(where + ": type " + from + " → " + to);
                if (live.hasRows(table)) {
                    plan.todo(where + ": type " + from + " → " + to + " converts the existing rows (check that none is "
                            + "truncated or refused; a narrowing change may need a data migration)");
                }
                plan.step(Phase.COLUMNS, 1, elevated, "change the type of " + where,
                        List.of(Sql.of(alterColumn(table, column, "TYPE " + to + " USING " + id(column) + "::" + to))),
                        List.of(Sql.of(alterColumn(table, column, "TYPE " + from + " USING " + id(column) + "::" + from))));
            }
            if (!want.path("default").equals(have.path("default"))) {
                plan.difference(where + ": default " + text(have.path("default")) + " → " + text(want.path("default")));
                plan.step(Phase.COLUMNS, 2, elevated, "change the default of " + where,
                        List.of(Sql.of(alterColumn(table, column, defaultClause(want)))),
                        List.of(Sql.of(alterColumn(table, column, defaultClause(have)))));
            }
            if (want.path("not_null").asBoolean() != have.path("not_null").asBoolean()) {
                boolean notNull = want.path("not_null").asBoolean();
                plan.difference(where + ": " + (notNull ? "NOT NULL" : "nullable") + " in the model");
                if (notNull && live.hasRows(table)) {
                    plan.todo(where + ": SET NOT NULL fails if a row holds NULL: check the live data (and fill it in "
                            + "a data migration) first");
                }
                plan.step(Phase.COLUMNS, 3, elevated, (notNull ? "set NOT NULL on " : "drop NOT NULL on ") + where,
                        List.of(Sql.of(alterColumn(table, column, notNull ? "SET NOT NULL" : "DROP NOT NULL"))),
                        List.of(Sql.of(alterColumn(table, column, notNull ? "DROP NOT NULL" : "SET NOT NULL"))));
            }
            String wantIdentity = want.path("identity").asText("");
            String haveIdentity = have.path("identity").asText("");
            if (!wantIdentity.equals(haveIdentity)) {
                plan.difference(where + ": identity " + (haveIdentity.isEmpty() ? "none" : haveIdentity) + " → "
                        + (wantIdentity.isEmpty() ? "none" : wantIdentity));
                if (!wantIdentity.isEmpty() && live.hasRows(table)) {
                    plan.todo(where + ": the new identity starts at 1 while " + table + " has rows: set it past the "
                            + "largest value (ALTER TABLE … ALTER COLUMN … RESTART WITH …)");
                }
                plan.step(Phase.COLUMNS, 4, elevated, "change the identity of " + where,
                        List.of(Sql.of(identityChange(table, column, haveIdentity, wantIdentity))),
                        List.of(Sql.of(identityChange(table, column, wantIdentity, haveIdentity))));
            }
            if (!Objects.equals(want.path("comment").asText(null), have.path("comment").asText(null))) {
                plan.difference(where + ": comment differs");
                plan.step(Phase.COMMENTS, 0, elevated, "comment on " + where,
                        List.of(Sql.of(commentOn("COLUMN " + q(table) + "." + id(column), want.path("comment")))),
                        List.of(Sql.of(commentOn("COLUMN " + q(table) + "." + id(column), have.path("comment")))));
            }
        }
        for (Map.Entry<String, JsonNode> entry : curColumns.entrySet()) {
            if (refColumns.containsKey(entry.getKey())) {
                continue;
            }
            String column = entry.getKey();
            dropped.add(column);
            plan.difference("column " + table + "." + column + ": not in the model");
            plan.step(Phase.DROP_COLUMNS, 0, elevated, "drop column " + table + "." + column,
                    List.of(Sql.of("ALTER TABLE " + q(table) + " DROP COLUMN IF EXISTS " + id(column) + ";")),
                    List.of(Sql.of("ALTER TABLE " + q(table) + " ADD COLUMN IF NOT EXISTS " + columnSql(entry.getValue())
                            + ";")));
            plan.todo("column " + table + "." + column + " is dropped: its values are lost");
        }
        for (String add : added) {
            for (String drop : dropped) {
                if (refColumns.get(add).path("type").equals(curColumns.get(drop).path("type"))) {
                    plan.todo("column " + table + "." + drop + " → " + add + " looks like a rename (same type): if it is "
                            + "one, replace the drop and the add by ALTER TABLE … RENAME COLUMN " + drop + " TO " + add);
                }
            }
        }
        List<String> expected = new ArrayList<>();
        curColumns.keySet().stream().filter(refColumns::containsKey).forEach(expected::add);
        expected.addAll(added);
        List<String> wanted = new ArrayList<>(refColumns.keySet());
        if (!expected.equals(wanted)) {
            plan.difference("table " + table + ": column order " + expected + " → " + wanted);
            plan.todo("table " + table + ": the model orders the columns " + wanted + ", ADD COLUMN gives " + expected
                    + "; PostgreSQL cannot reorder columns in place (re-create the table if the order matters)");
        }
    }

    private void primaryKey(String table, JsonNode ref, JsonNode cur, boolean elevated) {
        JsonNode want = ref.path("primary_key");
        JsonNode have = cur.path("primary_key");
        if (want.equals(have)) {
            return;
        }
        plan.difference("table " + table + ": primary key " + have + " → " + want);
        if (!have.isNull() && !have.isMissingNode()) {
            String name = have.path("name").asText();
            plan.step(Phase.DROP_CONSTRAINTS, 0, elevated, "drop primary key " + name,
                    List.of(Sql.of(dropConstraint(table, name))),
                    List.of(Sql.of(addConstraint(table, name, primaryKeyDefinition(have)))));
        }
        if (!want.isNull() && !want.isMissingNode()) {
            String name = want.path("name").asText();
            plan.step(Phase.CONSTRAINTS, 0, elevated, "add primary key " + name,
                    List.of(Sql.of(addConstraint(table, name, primaryKeyDefinition(want)))),
                    List.of(Sql.of(dropConstraint(table, name))));
        }
    }

    private void namedConstraints(String table, String what, JsonNode refList, JsonNode curList, boolean elevated,
                                  Phase addPhase) {
        Map<String, JsonNode> want = byName(refList);
        Map<String, JsonNode> have = byName(curList);
        for (String name : union(want.keySet(), have.keySet())) {
            JsonNode w = want.get(name);
            JsonNode h = have.get(name);
            if (w != null && h != null && w.path("definition").equals(h.path("definition"))) {
                continue;
            }
            plan.difference(what + " " + table + "." + name + ": " + (h == null ? "missing"
                    : w == null ? "not in the model" : h.path("definition").asText() + " → " + w.path("definition").asText()));
            if (h != null) {
                plan.step(Phase.DROP_CONSTRAINTS, 0, elevated, "drop " + what + " " + name,
                        List.of(Sql.of(dropConstraint(table, name))),
                        List.of(Sql.of(addConstraint(table, name, h.path("definition").asText()))));
            }
            if (w != null) {
                if (what.equals("foreign key")) {
                    addForeignKey(table, w, elevated);
                } else {
                    plan.step(addPhase, 1, elevated, "add " + what + " " + name,
                            List.of(Sql.of(addConstraint(table, name, w.path("definition").asText()))),
                            List.of(Sql.of(dropConstraint(table, name))));
                }
                if (what.equals("check constraint") && live.hasRows(table)) {
                    plan.todo("check constraint " + table + "." + name + " fails if existing rows break it: check the "
                            + "live data first");
                }
            }
        }
    }

    private void addForeignKey(String table, JsonNode fk, boolean elevated) {
        String name = fk.path("name").asText();
        plan.step(Phase.FOREIGN_KEYS, 0, elevated, "add foreign key " + name,
                List.of(Sql.of(addConstraint(table, name, fk.path("definition").asText()))),
                List.of(Sql.of(dropConstraint(table, name))));
    }

    private void indexes(String relation, List<JsonNode> refList, List<JsonNode> curList, boolean elevated,
                         Phase phase) {
        Map<String, JsonNode> want = byName(refList);
        Map<String, JsonNode> have = byName(curList);
        for (String name : union(want.keySet(), have.keySet())) {
            JsonNode w = want.get(name);
            JsonNode h = have.get(name);
            if (w != null && h != null && w.path("definition").equals(h.path("definition"))) {
                continue;
            }
            plan.difference("index " + name + " on " + relation + ": " + (h == null ? "missing"
                    : w == null ? "not in the model" : "definition differs"));
            if (h != null) {
                plan.step(Phase.DROP_INDEXES, 0, elevated, "drop index " + name,
                        List.of(Sql.of("DROP INDEX IF EXISTS " + q(name) + ";")), List.of(Sql.of(createIndex(h))));
            }
            if (w != null) {
                addIndex(relation, w, elevated, phase);
            }
        }
    }

    private void addIndex(String relation, JsonNode index, boolean elevated, Phase phase) {
        String name = index.path("name").asText();
        plan.step(phase, 0, elevated, "create index " + name + " on " + relation,
                List.of(Sql.of(createIndex(index))), List.of(Sql.of("DROP INDEX IF EXISTS " + q(name) + ";")));
    }

    private void triggers(String table, JsonNode refList, JsonNode curList, boolean elevated) {
        Map<String, JsonNode> want = byName(refList);
        Map<String, JsonNode> have = byName(curList);
        for (String name : union(want.keySet(), have.keySet())) {
            JsonNode w = want.get(name);
            JsonNode h = have.get(name);
            if (w != null && h != null && w.path("definition").equals(h.path("definition"))
                    && w.path("enabled").equals(h.path("enabled"))) {
                continue;
            }
            plan.difference("trigger " + name + " on " + table + ": " + (h == null ? "missing"
                    : w == null ? "not in the model" : "definition differs"));
            if (w == null) {
                plan.step(Phase.DROP_TRIGGERS, 0, elevated, "drop trigger " + name,
                        List.of(Sql.of(dropTrigger(table, h))), List.of(Sql.of(createTrigger(h))));
            } else {
                plan.step(Phase.TRIGGERS, 0, elevated, (h == null ? "create" : "replace") + " trigger " + name,
                        List.of(Sql.of(createTrigger(w))),
                        List.of(Sql.of(h == null ? dropTrigger(table, w) : createTrigger(h))));
            }
        }
    }

    // ----------------------------------------------------------------------------- views, materialized views

    private record Relation(String name, boolean materialized, JsonNode node) {
        String keyword() {
            return materialized ? "MATERIALIZED VIEW" : "VIEW";
        }

        Kind kind() {
            return materialized ? Kind.MATVIEW : Kind.VIEW;
        }

        String what() {
            return materialized ? "materialized view" : "view";
        }
    }

    private static Map<String, Relation> relations(SchemaSnapshot snapshot) {
        Map<String, Relation> out = new TreeMap<>();
        snapshot.views().fields().forEachRemaining(e -> out.put(e.getKey(), new Relation(e.getKey(), false, e.getValue())));
        snapshot.matviews().fields().forEachRemaining(e -> out.put(e.getKey(), new Relation(e.getKey(), true, e.getValue())));
        return out;
    }

    private void replaceables() {
        Map<String, Relation> want = relations(reference);
        Map<String, Relation> have = relations(live);
        Set<String> replaced = new TreeSet<>();
        for (String name : union(want.keySet(), have.keySet())) {
            Relation w = want.get(name);
            Relation h = have.get(name);
            if (w == null || h == null) {
                continue;
            }
            if (w.materialized() != h.materialized()) {
                plan.difference(h.what() + " " + name + ": a " + w.what() + " in the model");
                replaced.add(name);
            } else if (!Objects.equals(reference.viewDefinition(name), live.viewDefinition(name))
                    || !w.node().path("columns").equals(h.node().path("columns"))) {
                plan.difference(h.what() + " " + name + ": definition differs");
                replaced.add(name);
            }
        }
        // Relations that read a replaced or dropped one, or a table that loses columns or changes types, are dropped
        // and re-created with it (PostgreSQL refuses to drop what a view reads).
        Set<String> dropped = new TreeSet<>(replaced);
        have.keySet().stream().filter(n -> !want.containsKey(n)).forEach(dropped::add);
        Deque<String> queue = new ArrayDeque<>(dropped);
        for (String table : changedTables()) {
            queue.addAll(live.readers(table));
        }
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (!have.containsKey(next)) {
                continue;
            }
            if (dropped.add(next) && want.containsKey(next) && replaced.add(next)) {
                plan.difference(have.get(next).what() + " " + next + ": re-created, it reads what changes");
            }
            for (String reader : live.readers(next)) {
                if (!dropped.contains(reader)) {
                    queue.add(reader);
                }
            }
        }
        List<String> dropOrder = topological(dropped, live);
        java.util.Collections.reverse(dropOrder);
        int order = 0;
        for (String name : dropOrder) {
            Relation h = have.get(name);
            if (!want.containsKey(name)) {
                plan.difference(h.what() + " " + name + ": not in the model");
            }
            plan.step(Phase.DROP_VIEWS, order++, isSu(h.node()), "drop " + h.what() + " " + name,
                    List.of(Sql.of("DROP " + h.keyword() + " IF EXISTS " + q(name) + ";")), recreate(h, live, false));
        }
        Set<String> created = new TreeSet<>(replaced);
        want.keySet().stream().filter(n -> !have.containsKey(n)).forEach(n -> {
            created.add(n);
            plan.difference(want.get(n).what() + " " + n + ": missing");
        });
        order = 0;
        for (String name : topological(created, reference)) {
            Relation w = want.get(name);
            plan.step(Phase.VIEWS, order++, isSu(w.node()), "create " + w.what() + " " + name, recreate(w, reference, true),
                    List.of(Sql.of("DROP " + w.keyword() + " IF EXISTS " + q(name) + ";")));
        }
        for (String name : want.keySet()) {
            Relation w = want.get(name);
            Relation h = have.get(name);
            if (h == null || created.contains(name)) {
                continue;
            }
            boolean elevated = isSu(w.node()) || isSu(h.node());
            if (w.materialized()) {
                indexes(name, list(w.node().path("indexes")), list(h.node().path("indexes")), elevated,
                        Phase.VIEW_INDEXES);
                if (w.node().path("populated").asBoolean() != h.node().path("populated").asBoolean()) {
                    plan.difference("materialized view " + name + ": populated " + h.node().path("populated") + " → "
                            + w.node().path("populated"));
                    plan.todo("materialized view " + name + ": refresh it (or not) as the model says populated = "
                            + w.node().path("populated"));
                }
            }
            ownerOf(w.keyword(), name, w.node(), h.node(), elevated);
            grants("TABLE", q(name), name, w.node().path("grants"), h.node().path("grants"), elevated);
            comments(w.keyword(), name, w.node(), h.node(), elevated);
        }
    }

    /** Tables whose columns the plan drops or retypes: what reads them must be re-created. */
    private Set<String> changedTables() {
        Set<String> out = new TreeSet<>();
        for (String table : union(reference.tables(), live.tables())) {
            JsonNode ref = reference.tables().get(table);
            JsonNode cur = live.tables().get(table);
            if (cur == null) {
                continue;
            }
            if (ref == null) {
                out.add(table);
                continue;
            }
            Map<String, JsonNode> refColumns = byName(ref.path("columns"));
            for (JsonNode column : cur.path("columns")) {
                JsonNode want = refColumns.get(column.path("name").asText());
                if (want == null || !want.path("type").equals(column.path("type"))) {
                    out.add(table);
                }
            }
        }
        return out;
    }

    /** What creates a view or materialized view as a snapshot has it: its body file, indexes, grants, comment. */
    private List<Sql> recreate(Relation relation, SchemaSnapshot snapshot, boolean isReference) {
        List<Sql> out = new ArrayList<>();
        Optional<String> body = isReference ? bodies.reference(relation.kind(), relation.name())
                : bodies.live(relation.kind(), relation.name());
        if (body.isPresent()) {
            out.add(Sql.file(body.get()));
        } else if (isReference) {
            plan.todo(relation.what() + " " + relation.name() + ": the model names no body file; write "
                    + "changelog/objects/" + relation.kind().directory() + "/" + relation.name() + "/" + revision
                    + ".sql");
            out.add(Sql.of("-- TODO: create " + relation.what() + " " + relation.name()));
        } else {
            String definition = snapshot.viewDefinition(relation.name());
            out.add(Sql.of(relation.materialized()
                    ? "CREATE MATERIALIZED VIEW IF NOT EXISTS " + q(relation.name()) + " AS\n" + stripSemicolon(definition)
                            + "\nWITH " + (relation.node().path("populated").asBoolean() ? "" : "NO ") + "DATA;"
                    : "CREATE OR REPLACE VIEW " + q(relation.name()) + " AS\n" + definition));
        }
        if (relation.materialized()) {
            for (JsonNode index : relation.node().path("indexes")) {
                out.add(Sql.of(createIndex(index)));
            }
        }
        out.addAll(grantStatements("TABLE", q(relation.name()), relation.node().path("grants"), null));
        if (relation.node().hasNonNull("comment")) {
            out.add(Sql.of(commentOn(relation.keyword() + " " + q(relation.name()), relation.node().path("comment"))));
        }
        return out;
    }

    /** The relations of {@code names}, each after what it reads. */
    private static List<String> topological(Set<String> names, SchemaSnapshot snapshot) {
        List<String> out = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String name : names) {
            visit(name, names, snapshot, out, visiting);
        }
        return out;
    }

    private static void visit(String name, Set<String> names, SchemaSnapshot snapshot, List<String> out,
                              Set<String> visiting) {
        if (out.contains(name) || !visiting.add(name)) {
            return;
        }
        for (String read : snapshot.reads(name)) {
            if (names.contains(read)) {
                visit(read, names, snapshot, out, visiting);
            }
        }
        out.add(name);
    }

    // ------------------------------------------------------------------------------------------------ functions

    private void functions() {
        JsonNode want = reference.functions();
        JsonNode have = live.functions();
        for (String key : union(want, have)) {
            JsonNode w = want.get(key);
            JsonNode h = have.get(key);
            String name = key.substring(0, key.indexOf('('));
            String signature = q(name) + key.substring(key.indexOf('('));
            if (h == null) {
                plan.difference("function " + key + ": missing");
                plan.step(Phase.FUNCTIONS, 0, isSu(w), "create function " + key, List.of(functionBody(name, true)),
                        List.of(Sql.of("DROP FUNCTION IF EXISTS " + signature + ";")));
                grants("FUNCTION", signature, key, w.path("grants"), null, isSu(w));
                comments("FUNCTION", signature, w, null, isSu(w));
                continue;
            }
            if (w == null) {
                plan.difference("function " + key + ": not in the model");
                List<Sql> recreate = new ArrayList<>(List.of(functionBody(name, false)));
                recreate.addAll(grantStatements("FUNCTION", signature, h.path("grants"), null));
                plan.step(Phase.DROP_FUNCTIONS, 0, isSu(h), "drop function " + key,
                        List.of(Sql.of("DROP FUNCTION IF EXISTS " + signature + ";")), recreate);
                continue;
            }
            boolean elevated = isSu(w) || isSu(h);
            boolean bodyDiffers = !Objects.equals(reference.functionDefinition(key), live.functionDefinition(key));
            boolean attributesDiffer = !attributes(w).equals(attributes(h));
            if (bodyDiffers || attributesDiffer) {
                plan.difference("function " + key + ": " + (attributesDiffer ? "attributes differ "
                        + differingFields(attributes(h), attributes(w)) : "body differs"));
                if (!w.path("result").equals(h.path("result")) || !w.path("arguments").equals(h.path("arguments"))) {
                    plan.step(Phase.DROP_FUNCTIONS, 0, isSu(h), "drop function " + key + " (its result or arguments "
                                    + "change)", List.of(Sql.of("DROP FUNCTION IF EXISTS " + signature + ";")),
                            List.of(functionBody(name, false)));
                }
                plan.step(Phase.FUNCTIONS, 0, elevated, "replace function " + key, List.of(functionBody(name, true)),
                        List.of(functionBody(name, false)));
            }
            ownerOf("FUNCTION", signature, w, h, elevated);
            grants("FUNCTION", signature, key, w.path("grants"), h.path("grants"), elevated);
            comments("FUNCTION", signature, w, h, elevated);
        }
    }

    private Sql functionBody(String name, boolean isReference) {
        Optional<String> body = isReference ? bodies.reference(Kind.FUNCTION, name) : bodies.live(Kind.FUNCTION, name);
        if (body.isPresent()) {
            return Sql.file(body.get());
        }
        plan.todo("function " + name + ": no body file for the " + (isReference ? "model's" : "live") + " version; "
                + (isReference ? "write changelog/objects/functions/" + name + "/" + revision + ".sql"
                        : "write the rollback's statement by hand"));
        return Sql.of("-- TODO: the " + (isReference ? "model's" : "live") + " version of function " + name);
    }

    private static ObjectNode attributes(JsonNode function) {
        ObjectNode copy = ((ObjectNode) function).deepCopy();
        copy.remove(List.of("owner", "grants", "comment"));
        return copy;
    }

    // ------------------------------------------------------------------------------------------------ sequences

    private void sequences() {
        Set<String> identities = identitySequences(reference);
        identities.addAll(identitySequences(live));
        for (String name : union(reference.sequences(), live.sequences())) {
            if (identities.contains(name)) {
                continue; // comes and goes with its identity column
            }
            JsonNode w = reference.sequences().get(name);
            JsonNode h = live.sequences().get(name);
            if (h == null) {
                plan.difference("sequence " + name + ": missing");
                plan.step(Phase.SEQUENCES, 0, isSu(w), "create sequence " + name,
                        List.of(Sql.of(createSequence(name, w))), List.of(Sql.of("DROP SEQUENCE IF EXISTS " + q(name)
                                + ";")));
                ownedBy(name, w, null, isSu(w));
                grants("SEQUENCE", q(name), name, w.path("grants"), null, isSu(w));
                continue;
            }
            if (w == null) {
                plan.difference("sequence " + name + ": not in the model");
                plan.todo("sequence " + name + " is dropped: its current value is lost");
                plan.step(Phase.DROP_SEQUENCES, 0, isSu(h), "drop sequence " + name,
                        List.of(Sql.of("DROP SEQUENCE IF EXISTS " + q(name) + ";")), List.of(Sql.of(createSequence(name, h))));
                continue;
            }
            boolean elevated = isSu(w) || isSu(h);
            ObjectNode wa = sequenceAttributes(w);
            ObjectNode ha = sequenceAttributes(h);
            if (!wa.equals(ha)) {
                plan.difference("sequence " + name + ": " + differingFields(ha, wa));
                plan.step(Phase.SEQUENCES, 1, elevated, "alter sequence " + name,
                        List.of(Sql.of("ALTER SEQUENCE " + q(name) + sequenceOptions(w) + ";")),
                        List.of(Sql.of("ALTER SEQUENCE " + q(name) + sequenceOptions(h) + ";")));
            }
            ownedBy(name, w, h, elevated);
            ownerOf("SEQUENCE", name, w, h, elevated);
            grants("SEQUENCE", q(name), name, w.path("grants"), h.path("grants"), elevated);
        }
    }

    private void ownedBy(String name, JsonNode w, JsonNode h, boolean elevated) {
        String want = w.path("owned_by").asText(null);
        String have = h == null ? null : h.path("owned_by").asText(null);
        if (Objects.equals(want, have)) {
            return;
        }
        if (h != null) {
            plan.difference("sequence " + name + ": owned by " + have + " → " + want);
        }
        plan.step(Phase.COLUMNS, 5, elevated, "sequence " + name + " owned by " + want,
                List.of(Sql.of("ALTER SEQUENCE " + q(name) + " OWNED BY " + (want == null ? "NONE" : want) + ";")),
                List.of(Sql.of("ALTER SEQUENCE " + q(name) + " OWNED BY " + (have == null ? "NONE" : have) + ";")));
    }

    private static Set<String> identitySequences(SchemaSnapshot snapshot) {
        Set<String> out = new TreeSet<>();
        Set<String> identityColumns = new TreeSet<>();
        snapshot.tables().fields().forEachRemaining(t -> {
            for (JsonNode column : t.getValue().path("columns")) {
                if (column.has("identity")) {
                    identityColumns.add(SCHEMA + "." + t.getKey() + "." + column.path("name").asText());
                }
            }
        });
        snapshot.sequences().fields().forEachRemaining(s -> {
            if (identityColumns.contains(s.getValue().path("owned_by").asText())) {
                out.add(s.getKey());
            }
        });
        return out;
    }

    private static ObjectNode sequenceAttributes(JsonNode sequence) {
        ObjectNode copy = ((ObjectNode) sequence).deepCopy();
        copy.remove(List.of("owner", "grants", "comment", "owned_by"));
        return copy;
    }



    // ------------------------------------------------------------------------------ owners, grants, comments

    private void ownerOf(String keyword, String name, JsonNode want, JsonNode have, boolean elevated) {
        String w = want.path("owner").asText();
        String h = have == null ? (w.equals(SU_ROLE) || w.equals(LOGIN_ROLE) ? w : LOGIN_ROLE)
                : have.path("owner").asText();
        if (w.equals(h)) {
            return;
        }
        String object = keyword + " " + (keyword.equals("FUNCTION") ? name : q(name));
        if (have != null) {
            plan.difference(keyword.toLowerCase() + " " + name + ": owner " + h + " → " + w);
        }
        plan.step(Phase.OWNERS, 0, true, "owner of " + keyword.toLowerCase() + " " + name,
                List.of(Sql.of("ALTER " + object + " OWNER TO " + role(w) + ";")),
                List.of(Sql.of("ALTER " + object + " OWNER TO " + role(h) + ";")));
    }

    private static String role(String owner) {
        return owner.equals(SU_ROLE) ? SU_ROLE : owner.equals(LOGIN_ROLE) ? "SESSION_USER" : id(owner);
    }

    private void grants(String keyword, String object, String name, JsonNode want, JsonNode have, boolean elevated) {
        Map<String, String> w = grantMap(want);
        Map<String, String> h = grantMap(have);
        if (w.equals(h)) {
            return;
        }
        if (have != null) {
            plan.difference(keyword.toLowerCase() + " " + name + ": grants " + h + " → " + w);
        }
        List<Sql> up = new ArrayList<>();
        List<Sql> down = new ArrayList<>();
        for (String grantee : union(w.keySet(), h.keySet())) {
            String wp = w.getOrDefault(grantee, "");
            String hp = h.getOrDefault(grantee, "");
            up.addAll(grantChanges(keyword, object, grantee, hp, wp));
            down.addAll(grantChanges(keyword, object, grantee, wp, hp));
        }
        plan.step(Phase.GRANTS, 0, elevated, "grants on " + keyword.toLowerCase() + " " + name, up, down);
    }

    private static List<Sql> grantChanges(String keyword, String object, String grantee, String from, String to) {
        List<Sql> out = new ArrayList<>();
        String add = privileges(to, from);
        String remove = privileges(from, to);
        if (!remove.isEmpty()) {
            out.add(Sql.of("REVOKE " + remove + " ON " + keyword + " " + object + " FROM " + grantee(grantee) + ";"));
        }
        if (!add.isEmpty()) {
            out.add(Sql.of("GRANT " + add + " ON " + keyword + " " + object + " TO " + grantee(grantee) + ";"));
        }
        return out;
    }

    private static List<Sql> grantStatements(String keyword, String object, JsonNode grants, JsonNode ignored) {
        List<Sql> out = new ArrayList<>();
        grantMap(grants).forEach((grantee, privileges) -> out.addAll(grantChanges(keyword, object, grantee, "", privileges)));
        return out;
    }

    /** The privileges (aclitem letters) of {@code letters} that {@code except} lacks, as SQL. */
    private static String privileges(String letters, String except) {
        List<String> out = new ArrayList<>();
        PRIVILEGES.forEach((letter, privilege) -> {
            if (letters.indexOf(letter) >= 0 && except.indexOf(letter) < 0) {
                out.add(privilege);
            }
        });
        return String.join(", ", out);
    }

    private static Map<String, String> grantMap(JsonNode grants) {
        Map<String, String> out = new TreeMap<>();
        if (grants != null) {
            for (JsonNode g : grants) {
                out.put(g.path("grantee").asText(), g.path("privileges").asText());
            }
        }
        return out;
    }

    private static String grantee(String grantee) {
        return grantee.equals(SU_ROLE) ? SU_ROLE : grantee.equals("PUBLIC") ? "PUBLIC" : id(grantee);
    }

    private void comments(String keyword, String name, JsonNode want, JsonNode have, boolean elevated) {
        JsonNode w = want.path("comment");
        JsonNode h = have == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : have.path("comment");
        if (Objects.equals(w.asText(null), h.asText(null))) {
            return;
        }
        String object = keyword + " " + (keyword.equals("FUNCTION") ? name : q(name));
        if (have != null) {
            plan.difference(keyword.toLowerCase() + " " + name + ": comment differs");
        }
        plan.step(Phase.COMMENTS, 0, elevated, "comment on " + keyword.toLowerCase() + " " + name,
                List.of(Sql.of(commentOn(object, w))), List.of(Sql.of(commentOn(object, h))));
    }


    // ----------------------------------------------------------------------------------------------- helpers

    /** A table's indexes other than those behind its primary key and unique constraints. */
    private static List<JsonNode> ownIndexes(JsonNode table) {
        Set<String> constraintIndexes = new TreeSet<>();
        if (table.path("primary_key").has("name")) {
            constraintIndexes.add(table.path("primary_key").path("name").asText());
        }
        table.path("unique_constraints").forEach(u -> constraintIndexes.add(u.path("name").asText()));
        List<JsonNode> out = new ArrayList<>();
        table.path("indexes").forEach(i -> {
            if (!constraintIndexes.contains(i.path("name").asText())) {
                out.add(i);
            }
        });
        return out;
    }

    private static boolean isSu(JsonNode node) {
        return node != null && SU_ROLE.equals(node.path("owner").asText());
    }

    private static Map<String, JsonNode> byName(Iterable<JsonNode> list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode node : list) {
            out.put(node.path("name").asText(), node);
        }
        return out;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static Set<String> union(JsonNode a, JsonNode b) {
        Set<String> out = new TreeSet<>();
        a.fieldNames().forEachRemaining(out::add);
        b.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? "none" : node.asText();
    }

    private static String differingFields(ObjectNode from, ObjectNode to) {
        List<String> out = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        from.fieldNames().forEachRemaining(names::add);
        to.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!Objects.equals(from.get(name), to.get(name))) {
                out.add(name + " " + from.get(name) + " → " + to.get(name));
            }
        }
        return String.join(", ", out);
    }
}
