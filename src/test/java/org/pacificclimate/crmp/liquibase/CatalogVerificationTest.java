package org.pacificclimate.crmp.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.pacificclimate.crmp.catalog.CatalogObjects.Key;
import org.pacificclimate.crmp.liquibase.CatalogVerification.Outcome;
import org.pacificclimate.crmp.liquibase.CatalogVerification.Pattern;
import org.pacificclimate.crmp.liquibase.CatalogVerification.Result;
import org.pacificclimate.crmp.liquibase.CatalogVerification.Variant;
import org.pacificclimate.crmp.migration.Revision;
import org.pacificclimate.crmp.migration.RevisionChain;
import org.pacificclimate.crmp.testsupport.TestDatabases;

/**
 * The catalog verification on catalogs alone: the reference catalogs stand for live schemas, changed as a database
 * could be.
 */
@Tag("fast")
class CatalogVerificationTest {

    private static final RevisionChain CHAIN = RevisionChain.standard();
    private static final int DISPLAY_NAME = Revision.byId("33179b5ae85a").number();

    private static JsonNode at(int position) {
        return CatalogVerification.reference(CHAIN, position, "crmp").orElseThrow().deepCopy();
    }

    private static Result compare(JsonNode live, int recorded, int target) {
        return CatalogVerification.compare(live, CHAIN, recorded, target,
                p -> CatalogVerification.reference(CHAIN, p, "crmp"));
    }

    private static ObjectNode column(String name, String type) {
        ObjectNode column = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        column.put("name", name);
        column.put("type", type);
        column.put("not_null", false);
        column.putNull("default");
        return column;
    }

    private static void addColumn(JsonNode catalog, String table, ObjectNode column) {
        ((ArrayNode) catalog.path("tables").path(table).path("columns")).add(column);
    }

    @Test
    void aSchemaAsTheRecordedRevisionLeftItPasses() {
        for (int recorded : List.of(0, 1, 10, DISPLAY_NAME - 1)) {
            Result result = compare(at(recorded), recorded, CHAIN.size());
            assertEquals(Outcome.MATCHES, result.outcome(), "at " + recorded);
        }
    }

    @Test
    void aColumnOfTheSameNameAndAnotherTypeIsRefusedNamingTheColumnAndBothTypes() {
        JsonNode live = at(DISPLAY_NAME - 1);
        addColumn(live, "meta_network", column("network_display_name", "integer"));
        Result result = compare(live, DISPLAY_NAME - 1, CHAIN.size());
        assertEquals(Outcome.DIFFERS, result.outcome());
        assertEquals(1, result.differences().size(), result.differences().toString());
        String line = result.differences().get(0);
        assertTrue(line.startsWith("column meta_network.network_display_name: is there ("), line);
        assertTrue(line.contains("\"integer\""), line);
        assertTrue(line.contains("revision 33179b5ae85a makes it") && line.contains("\"character varying\""), line);
    }

    @Test
    void aViewOfTheNameOfATableARevisionCreatesIsRefused() {
        int history = Revision.byId("a59d64cf16ca").number();
        JsonNode live = at(history - 1);
        ObjectNode view = ((ObjectNode) live.path("views")).putObject("meta_station_hx");
        view.putArray("columns").addObject().put("name", "station_id").put("type", "integer");
        view.put("owner", "tester");
        Result result = compare(live, history - 1, history);
        assertEquals(Outcome.DIFFERS, result.outcome());
        assertTrue(result.differences().stream().anyMatch(l -> l.startsWith("view meta_station_hx: is there")),
                result.differences().toString());
    }

    @Test
    void whatTheNextRevisionMakesExactlyIsTakenForThatRevisionAppliedButNotRecorded() {
        Result result = compare(at(DISPLAY_NAME), DISPLAY_NAME - 1, CHAIN.size());
        assertEquals(Outcome.DONE_BUT_NOT_RECORDED, result.outcome());
        assertEquals("33179b5ae85a", result.next().orElseThrow().id());
    }

    @Test
    void aSchemaSeveralRevisionsAheadOfItsRecordIsTakenForThoseRevisionsAppliedButNotRecorded() {
        Result result = compare(at(5), 2, CHAIN.size()); // stamped down from 5 to 2
        assertEquals(Outcome.DONE_BUT_NOT_RECORDED, result.outcome());
        assertEquals(CHAIN.number(3), result.next().orElseThrow());
        assertEquals(CHAIN.number(5), result.through().orElseThrow());
        Result down = compare(at(2), 5, 1); // rolled back to 2, recorded at 5
        assertEquals(Outcome.DONE_BUT_NOT_RECORDED, down.outcome());
        assertEquals(CHAIN.number(5), down.next().orElseThrow());
        assertEquals(CHAIN.number(3), down.through().orElseThrow());
    }

    @Test
    void aSchemaAheadOfThePlansTargetIsRefused() {
        assertEquals(Outcome.DIFFERS, compare(at(12), 2, 5).outcome());
    }

    @Test
    void aRollbackDoneButNotRecordedIsTakenForThatRevisionRolledBack() {
        Result result = compare(at(DISPLAY_NAME - 1), DISPLAY_NAME, DISPLAY_NAME - 2);
        assertEquals(Outcome.DONE_BUT_NOT_RECORDED, result.outcome());
        assertEquals("33179b5ae85a", result.next().orElseThrow().id());
    }

    @Test
    void whatALaterRevisionOfThePlanMakesIsRefusedWhenTheRevisionsBeforeItAreNotDone() {
        // The column as 33179b5ae85a makes it, but the database is two revisions before: 8c05da87cb79 has not run.
        JsonNode live = at(DISPLAY_NAME - 2);
        addColumn(live, "meta_network", column("network_display_name", "character varying"));
        assertEquals(Outcome.DIFFERS, compare(live, DISPLAY_NAME - 2, CHAIN.size()).outcome());
    }

    @Test
    void aRollbackRefusesAnObjectItsRevisionDropsWhenItIsNotWhatTheRevisionMade() {
        JsonNode live = at(DISPLAY_NAME);
        ArrayNode columns = (ArrayNode) live.path("tables").path("meta_network").path("columns");
        for (JsonNode c : columns) {
            if (c.path("name").asText().equals("network_display_name")) {
                ((ObjectNode) c).put("type", "text");
            }
        }
        Result result = compare(live, DISPLAY_NAME, DISPLAY_NAME - 1);
        assertEquals(Outcome.DIFFERS, result.outcome());
        assertTrue(result.differences().get(0).contains("the rollback of revision 33179b5ae85a drops it"),
                result.differences().toString());
    }

    @Test
    void objectsNoPlannedRevisionTouchesAreNotCompared() {
        JsonNode live = at(DISPLAY_NAME - 1);
        ObjectNode index = ((ArrayNode) live.path("tables").path("obs_raw").path("indexes")).addObject();
        index.put("name", "obs_raw_dba_idx");
        index.put("definition", "CREATE INDEX obs_raw_dba_idx ON SCHEMA.obs_raw USING btree (datum)");
        ObjectNode table = (ObjectNode) live.path("tables").path("meta_contact");
        ((ArrayNode) table.path("grants")).addObject().put("grantee", "reporting").put("privileges", "r");
        Result result = compare(live, DISPLAY_NAME - 1, CHAIN.size());
        assertEquals(Outcome.MATCHES, result.outcome(), result.differences().toString());
        assertTrue(result.checked().stream().noneMatch(k -> k.name().equals("meta_contact")), "meta_contact");
    }

    @Test
    void anExtraGrantOnATableARollbackDropsIsNotComparedItGoesWithTheTable() {
        // Objects are compared one by one: a DBA's extra grant on obs_raw_hx is none of the reference catalogs'
        // objects, so no revision touches it; rolling back 8c05da87cb79 drops obs_raw_hx, and the grant with it.
        JsonNode live = at(DISPLAY_NAME - 1);
        ((ArrayNode) live.path("tables").path("obs_raw_hx").path("grants")).addObject()
                .put("grantee", "reporting").put("privileges", "r");
        assertEquals(Outcome.MATCHES, compare(live, DISPLAY_NAME - 1, DISPLAY_NAME - 2).outcome());
        // The standard grant of viewer on it is one of the table's objects, which the rollback drops.
        for (JsonNode grant : live.path("tables").path("obs_raw_hx").path("grants")) {
            if (grant.path("grantee").asText().equals("viewer")) {
                ((ObjectNode) grant).put("privileges", "arwd");
            }
        }
        Result down = compare(live, DISPLAY_NAME - 1, DISPLAY_NAME - 2);
        assertEquals(Outcome.DIFFERS, down.outcome());
        assertEquals(List.of("the grant to viewer on table obs_raw_hx: privileges \"arwd\" where revision 8c05da87cb79 "
                + "has \"r\"; the rollback of revision 8c05da87cb79 drops it"), down.differences());
    }

    @Test
    void aVariantTheRevisionAcceptsOnPurposeIsNotCompared() {
        int obsRawIndexes = Revision.byId("bdc28573df56").number();
        JsonNode live = at(obsRawIndexes - 1);
        ((ArrayNode) live.path("tables").path("obs_raw").path("indexes")).addObject()
                .put("name", "obs_raw_id_idx")
                .put("definition", "CREATE INDEX obs_raw_id_idx ON SCHEMA.obs_raw USING btree (obs_raw_id, history_id)");
        assertEquals(Outcome.MATCHES, compare(live, obsRawIndexes - 1, obsRawIndexes).outcome());
        ((ArrayNode) live.path("tables").path("obs_raw").path("indexes")).addObject()
                .put("name", "obs_raw_mod_time_idx")
                .put("definition", "CREATE INDEX obs_raw_mod_time_idx ON SCHEMA.obs_raw USING btree (mod_time)");
        assertEquals(Outcome.MATCHES, compare(live, obsRawIndexes - 1, obsRawIndexes).outcome(),
                "an index no revision makes is not compared either");
    }

    @Test
    void aMarkerCommentARevisionLeavesForItsRollbackIsNoDifferenceButAnotherCommentIs() {
        JsonNode live = at(DISPLAY_NAME - 1);
        ObjectNode history = (ObjectNode) live.path("tables").path("obs_raw_hx");
        history.put("comment", "Legacy trigger update_mod_time on obs_raw dropped by revision 8c05da87cb79");
        assertEquals(Outcome.MATCHES, compare(live, DISPLAY_NAME - 1, DISPLAY_NAME - 2).outcome());
        history.put("comment", "History of obs_raw");
        assertEquals(Outcome.DIFFERS, compare(live, DISPLAY_NAME - 1, DISPLAY_NAME - 2).outcome());
    }

    @Test
    void aVariantIsComparedBeforeTheRevisionThatFirstCreatesItsObjects() {
        int weatherAnomaly = Revision.byId("8fd8f556c548").number();
        JsonNode live = at(weatherAnomaly - 1);
        ObjectNode matview = ((ObjectNode) live.path("materialized_views")).putObject("monthly_total_precipitation_mv");
        matview.putArray("columns").addObject().put("name", "answer").put("type", "integer");
        matview.put("owner", "tester");
        assertEquals(Outcome.DIFFERS, compare(live, weatherAnomaly - 1, weatherAnomaly).outcome(),
                "a hand-made matview before the revision that creates the table is a conflict");
        JsonNode later = at(weatherAnomaly);
        ((ObjectNode) later.path("tables")).remove("monthly_total_precipitation_mv");
        ((ObjectNode) later.path("materialized_views")).set("monthly_total_precipitation_mv", matview);
        assertEquals(Outcome.MATCHES, compare(later, weatherAnomaly, CHAIN.size()).outcome(),
                "after it, the matview made by hand that 081f17262852 leaves alone");
    }

    @Test
    void aRecordedRevisionWithoutAReferenceCatalogIsNotChecked() {
        JsonNode live = at(DISPLAY_NAME - 1);
        addColumn(live, "meta_network", column("network_display_name", "integer"));
        Result result = CatalogVerification.compare(live, CHAIN, DISPLAY_NAME - 1, CHAIN.size(),
                p -> p >= DISPLAY_NAME - 1 ? Optional.empty() : CatalogVerification.reference(CHAIN, p, "crmp"));
        assertEquals(Outcome.NOT_CHECKED, result.outcome());
    }

    @Test
    void aPlanBeyondTheLastReferenceCatalogIsCheckedOnTheObjectsOfTheRevisionsThatHaveOne() {
        JsonNode live = at(DISPLAY_NAME - 1);
        addColumn(live, "meta_network", column("network_display_name", "integer"));
        Result withReference = CatalogVerification.compare(live, CHAIN, DISPLAY_NAME - 1, CHAIN.size(),
                p -> p > DISPLAY_NAME ? Optional.empty() : CatalogVerification.reference(CHAIN, p, "crmp"));
        assertEquals(Outcome.DIFFERS, withReference.outcome());
        Result withoutReference = CatalogVerification.compare(live, CHAIN, DISPLAY_NAME - 1, CHAIN.size(),
                p -> p >= DISPLAY_NAME ? Optional.empty() : CatalogVerification.reference(CHAIN, p, "crmp"));
        assertEquals(Outcome.MATCHES, withoutReference.outcome(), "the new revision's objects are not known");
    }

    @Test
    void theCatalogIsCutIntoObjectsThatNameThemselves() {
        List<String> names = new ArrayList<>();
        for (Key key : org.pacificclimate.crmp.catalog.CatalogObjects.of(at(DISPLAY_NAME)).keySet()) {
            if (key.name().equals("meta_network")) {
                names.add(key.toString());
            }
        }
        assertTrue(names.contains("table meta_network"), names.toString());
        assertTrue(names.contains("the column order of table meta_network"), names.toString());
        assertTrue(names.contains("column meta_network.network_display_name"), names.toString());
        assertTrue(names.contains("index uq_meta_network_network_display_name on table meta_network"), names.toString());
        assertTrue(names.contains("trigger t100_primary_ops_to_hx on table meta_network"), names.toString());
    }

    /** A hand list, tested against the changelog: each variant's revision names each of its objects in its SQL. */
    @Test
    void eachVariantIsHandledByTheSqlOfItsRevision() throws IOException {
        Path changelog = TestDatabases.projectFile("changelog");
        for (Variant variant : CatalogVerification.VARIANTS) {
            Revision revision = Revision.byId(variant.revision());
            assertTrue(Revision.byId(variant.since()).number() <= revision.number(), variant.toString());
            StringBuilder sql = new StringBuilder();
            for (boolean rollback : List.of(false, true)) {
                for (String file : RevisionNeeds.sqlFiles(revision, rollback,
                        path -> Files.readString(changelog.resolve(path)))) {
                    sql.append(Files.readString(changelog.resolve(file))).append('\n');
                }
            }
            for (Pattern pattern : variant.objects()) {
                String name = pattern.item() != null ? pattern.item() : pattern.name();
                assertTrue(sql.toString().contains(name), variant.revision() + " does not name " + name);
            }
        }
    }
}
