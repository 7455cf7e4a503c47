package org.pacificclimate.crmp.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/** The dumper sees the differences the conformance tests rely on, and names the schema by a token. */
class CatalogDumperTest {

    @Test
    void anEmptySchemaHasAnEmptyCatalog() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            JsonNode catalog = db.catalog("crmp");
            assertEquals("SCHEMA", catalog.get("schema").asText());
            for (String group : List.of("tables", "views", "materialized_views", "functions", "sequences", "types")) {
                assertEquals(0, catalog.get(group).size(), group);
            }
        }
    }

    @Test
    void aChangedDefaultOwnerGrantAndIndexAreEachReportedByPath() throws Exception {
        Revision base = RevisionChain.standard().base();
        try (TestDatabase db = TestDatabases.at(base.id())) {
            db.execute("ALTER TABLE crmp.meta_sensor ALTER COLUMN name SET DEFAULT 'x'");
            db.execute("GRANT SELECT ON crmp.meta_contact TO viewer");
            db.execute("CREATE INDEX sensor_name_idx ON crmp.meta_sensor (name)");
            db.execute("ALTER TABLE crmp.meta_pcic_flag OWNER TO pcicdba");
            List<String> differences = ReferenceCatalogs.differences(ReferenceCatalogs.after(base), db.catalog("crmp"));
            String all = String.join("\n", differences);
            assertTrue(all.contains("tables.meta_sensor.columns[1].default"), all);
            assertTrue(all.contains("tables.meta_contact.grants[0]"), all);
            assertTrue(all.contains("tables.meta_sensor.indexes[1]"), all);
            assertTrue(all.contains("tables.meta_pcic_flag.owner"), all);
        }
    }

    @Test
    void theSchemaNameIsReplacedOnlyWhereItQualifiesAName() throws Exception {
        try (TestDatabase db = TestDatabases.at(RevisionChain.standard().base().id())) {
            JsonNode crmp = db.catalog("crmp");
            db.migrations("other").updateTo(RevisionChain.standard().base().id());
            JsonNode other = db.catalog("other");
            assertEquals(List.of(), ReferenceCatalogs.differences(crmp, other));
            assertEquals("nextval('SCHEMA.meta_sensor_sensor_id_seq'::regclass)",
                    other.get("tables").get("meta_sensor").get("columns").get(0).get("default").asText());
        }
    }
}
