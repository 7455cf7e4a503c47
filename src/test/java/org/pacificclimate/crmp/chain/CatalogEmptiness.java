package org.pacificclimate.crmp.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

final class CatalogEmptiness {

    private CatalogEmptiness() {
    }

    /** Nothing of ours left in the schema (the changelog tables are not part of a catalog). */
    static void assertEmpty(JsonNode catalog) {
        for (String group : List.of("tables", "views", "materialized_views", "functions", "sequences", "types")) {
            assertEquals(0, catalog.get(group).size(), group + " left behind: " + catalog.get(group));
        }
    }
}
