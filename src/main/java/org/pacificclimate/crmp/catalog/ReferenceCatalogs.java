package org.pacificclimate.crmp.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pacificclimate.crmp.migration.Revision;

/**
 * The catalog each revision of the chain leaves, as PyCDS's own migrations build it (on the classpath under
 * {@code reference/catalog/}; {@code src/main/resources/reference/README.md} says how they were made and what the
 * format holds), and a comparison that names every difference by its path. The conformance tests prove that this
 * project's changelogs build exactly these catalogs, up and down; adopting a database that Alembic built checks its
 * catalog against them.
 */
public final class ReferenceCatalogs {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReferenceCatalogs() {
    }

    /** "NN_id": the reference catalog after revision number NN. */
    public static String name(Revision revision) {
        return String.format("%02d_%s", revision.number(), revision.id());
    }

    public static JsonNode after(Revision revision) {
        return after(revision, "crmp");
    }

    /**
     * The reference catalog as PyCDS builds it in {@code schema}. Schema names are normalized to SCHEMA in the
     * catalogs, except inside the names PyCDS derives from the schema name: indexes {@code ix_<schema>_...}.
     */
    public static JsonNode after(Revision revision, String schema) {
        String resource = "/reference/catalog/" + name(revision) + ".json";
        if (revision.number() > 99 || ReferenceCatalogs.class.getResource(resource) == null) {
            throw new IllegalArgumentException("No reference catalog for revision " + revision + " (there is one for each "
                    + "of PyCDS's 29 revisions).");
        }
        try (InputStream in = ReferenceCatalogs.class.getResourceAsStream(resource)) {
            String text = new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
            return MAPPER.readTree(text.replace("ix_crmp_", "ix_" + schema + "_"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode after(String revisionId) {
        return after(Revision.byId(revisionId));
    }

    /** @return one line per difference ("- path: expected" / "+ path: actual"); empty when equal */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("", expected, actual, out);
        return out;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected == null || actual == null) {
            if (expected != null) {
                out.add("- " + path + ": " + expected);
            } else if (actual != null) {
                out.add("+ " + path + ": " + actual);
            }
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            expected.fieldNames().forEachRemaining(keys::add);
            actual.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                compare(path.isEmpty() ? key : path + "." + key, expected.get(key), actual.get(key), out);
            }
        } else if (expected.isArray() && actual.isArray()) {
            int size = Math.max(expected.size(), actual.size());
            for (int i = 0; i < size; i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
        } else if (!sameValue(expected, actual)) {
            out.add("- " + path + ": " + expected);
            out.add("+ " + path + ": " + actual);
        }
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
