package org.pacificclimate.crmp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The compiled upgrade's resource and the SQL it writes, without a database. */
@Tag("fast")
class CompiledUpgradeFormatTest {

    private final CompiledUpgrade packaged = CompiledUpgrade.packaged().orElseThrow();

    @Test
    void thePackagedCompiledUpgradeHasEveryRevisionOfTheChainAndItsTag() {
        assertTrue(packaged.covers(RevisionChain.standard().revisions()));
    }

    @Test
    void itsPlaceholdersAreTheOnlyNamesOfTheSchemaAndTheRole() {
        String bound = packaged.bind("s_x", "r_x").toString();
        assertTrue(!bound.contains(CompiledUpgrade.SCHEMA_PLACEHOLDER), "schema placeholder left");
        assertTrue(!bound.contains(CompiledUpgrade.ROLE_PLACEHOLDER), "role placeholder left");
        assertTrue(bound.contains("s_x.databasechangelog") && bound.contains("SET LOCAL ROLE r_x"), "names bound");
    }

    @Test
    void aSchemaNamedLikeTheRolePlaceholderIsBoundAsGiven() {
        String bound = packaged.bind(CompiledUpgrade.ROLE_PLACEHOLDER, "r_x").toString();
        assertTrue(bound.contains(CompiledUpgrade.ROLE_PLACEHOLDER + ".databasechangelog"), "schema kept");
        assertTrue(bound.contains("SET LOCAL ROLE r_x"), "role bound");
    }

    @Test
    void fieldsWithTabsLineBreaksBackslashesAndNullsSurviveTheFormat() {
        String text = CompiledUpgrade.HEADER + "\nliquibase\t4.33.0\n"
                + CompiledUpgrade.statement("table", "CREATE TABLE t (a int)")
                + String.join("\t", "changeset", "abc", "pcic", "revisions/x.yaml", "9:00",
                        CompiledUpgrade.field("a\tb\nc\\d"), CompiledUpgrade.field(""), CompiledUpgrade.field(null),
                        CompiledUpgrade.field(null), CompiledUpgrade.field(null)) + "\n"
                + CompiledUpgrade.statement("statement", "SELECT 1;\nSELECT '\t';")
                + String.join("\t", "changeset", "abc-tag", "pcic", "revisions/x.yaml", "9:01", "tagDatabase", "",
                        "abc", "\\N", "\\N") + "\n";
        CompiledUpgrade parsed = CompiledUpgrade.parse(text);
        CompiledUpgrade.Changeset first = parsed.changeset("abc");
        assertEquals("a\tb\nc\\d", first.description());
        assertEquals("", first.comments());
        assertEquals(null, first.tag());
        assertEquals(List.of("SELECT 1;\nSELECT '\t';"), first.statements());
        assertEquals("abc", parsed.changeset("abc-tag").tag());
    }

    @Test
    void aLiteralIsAnEscapeStringWhateverStandardConformingStringsSays() {
        assertEquals("E'the station\\'s'", CompiledUpgrade.literal("the station's"));
        assertEquals("E'a\\\\b'", CompiledUpgrade.literal("a\\b"));
        assertEquals("NULL", CompiledUpgrade.literal(null));
    }
}
