package org.pacificclimate.crmp.catalog;

import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A catalog ({@link CatalogDumper}'s format, that of the reference catalogs) cut into the objects a revision creates,
 * changes or drops one by one: a table's own attributes (kind, owner, options, primary key, comment), each of its
 * columns, the order of its columns, each index, trigger, constraint, and each grantee's grant; the same for views
 * and materialized views; functions, sequences and types whole. Two catalogs then compare object by object, and a
 * difference names the object ("column meta_network.network_display_name") instead of a position in a list.
 */
public final class CatalogObjects {

    /** The catalog's groups, with the word for one member. */
    private static final Map<String, String> GROUPS = Map.of("tables", "table", "views", "view",
            "materialized_views", "materialized view", "functions", "function", "sequences", "sequence",
            "types", "type");
    /** The lists of a relation whose members are objects of their own (named by "name", grants by "grantee"). */
    private static final Map<String, String> PARTS = Map.of("columns", "column", "indexes", "index",
            "triggers", "trigger", "foreign_keys", "foreign key", "unique_constraints", "unique constraint",
            "check_constraints", "check constraint", "grants", "grant");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CatalogObjects() {
    }

    /**
     * One object of a catalog.
     *
     * @param group a group of the catalog: tables, views, materialized_views, functions, sequences, types
     * @param name  the relation's name, or the function's "name(identity arguments)"
     * @param part  null for the relation's (or function's) own attributes; else one of its lists (columns,
     *              indexes, triggers, foreign_keys, unique_constraints, check_constraints, grants)
     * @param item  the member of that list (its name, or the grantee); null with part "columns" for the order of
     *              the columns
     */
    public record Key(String group, String name, String part, String item) implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::group).thenComparing(Key::name)
                .thenComparing(Key::part, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Key::item, Comparator.nullsFirst(Comparator.naturalOrder()));

        public Key {
            Objects.requireNonNull(group);
            Objects.requireNonNull(name);
        }

        /** The relation or function this object belongs to (itself when it is one). */
        public Key owner() {
            return part == null ? this : new Key(group, name, null, null);
        }

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }

        /** For people: "table obs_raw", "column meta_network.network_display_name", "index mod_time_idx on table obs_raw". */
        @Override
        public String toString() {
            String whole = GROUPS.getOrDefault(group, group) + " " + name;
            if (part == null) {
                return whole;
            }
            if (part.equals("columns")) {
                return item == null ? "the column order of " + whole : "column " + name + "." + item;
            }
            String word = PARTS.getOrDefault(part, part);
            return part.equals("grants") ? "the grant to " + item + " on " + whole : word + " " + item + " on " + whole;
        }
    }

    /** The objects of {@code catalog}, in a stable order. */
    public static SortedMap<Key, JsonNode> of(JsonNode catalog) {
        SortedMap<Key, JsonNode> objects = new TreeMap<>();
        if (catalog == null) {
            return objects;
        }
        for (String group : GROUPS.keySet()) {
            JsonNode members = catalog.get(group);
            if (members == null || !members.isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = members.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                split(group, member.getKey(), member.getValue(), objects);
            }
        }
        return Collections.unmodifiableSortedMap(objects);
    }

    private static void split(String group, String name, JsonNode object, Map<Key, JsonNode> objects) {
        ObjectNode own = JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String part = field.getKey();
            JsonNode value = field.getValue();
            if (!PARTS.containsKey(part) || !value.isArray()) {
                own.set(part, value);
                continue;
            }
            ArrayNode order = JSON.arrayNode();
            for (JsonNode member : value) {
                String item = member.has("name") ? member.get("name").asText() : member.path("grantee").asText();
                objects.put(new Key(group, name, part, item), member);
                order.add(item);
            }
            if (part.equals("columns")) {
                objects.put(new Key(group, name, part, null), order);
            }
        }
        objects.put(new Key(group, name, null, null), own);
    }

    /** The keys on which {@code a} and {@code b} differ (present in one only, or with different values). */
    public static Set<Key> differing(Map<Key, JsonNode> a, Map<Key, JsonNode> b) {
        Set<Key> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        keys.removeIf(k -> same(a.get(k), b.get(k)));
        return keys;
    }

    /** Equal values; numbers compare by value (1.0 = 1), as {@link ReferenceCatalogs#differences} does. */
    public static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(SAME_VALUE, b);
    }

    private static final Comparator<JsonNode> SAME_VALUE = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return x.equals(y) ? 0 : 1;
    };
}
