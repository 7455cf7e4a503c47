package org.pacificclimate.crmp.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.pacificclimate.crmp.catalog.ReferenceCatalogs;
import org.pacificclimate.crmp.migration.Revision;

public final class CatalogAssertions {

    private CatalogAssertions() {
    }

    /** The schema's catalog equals PyCDS's catalog after {@code revision}, attribute for attribute. */
    public static void assertCatalogMatches(Revision revision, JsonNode actual, String context) {
        assertCatalogMatches(revision, "crmp", actual, context);
    }

    /**
     * The catalog of schema {@code schema} equals PyCDS's catalog after {@code revision} as PyCDS builds it in that
     * schema: the reference was dumped from {@code crmp}, and PyCDS names some indexes after the schema
     * ({@code ix_crmp_...} becomes {@code ix_other_...}).
     */
    public static void assertCatalogMatches(Revision revision, String schema, JsonNode actual, String context) {
        List<String> differences = ReferenceCatalogs.differences(ReferenceCatalogs.after(revision, schema), actual);
        if (!differences.isEmpty()) {
            fail(context + ": schema differs from reference catalog " + ReferenceCatalogs.name(revision) + " ("
                    + differences.size() + " lines, '-' = PyCDS, '+' = ours):\n  "
                    + String.join("\n  ", differences.subList(0, Math.min(80, differences.size()))));
        }
    }
}
