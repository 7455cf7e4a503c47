package org.pacificclimate.crmp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alembic's revision specs on the project's chain (29 revisions; position 0 is base). */
@Tag("fast")
class RevisionSpecTest {

    private static final RevisionChain CHAIN = RevisionChain.standard();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0d99ba90c229, 9", "0d99, 9", "0D99BA, 9", "4a2f, 2", "3d50ec832e4, 10", "head, 29", "heads, 29",
            "base, 0", "4a2f+2, 4", "0d99ba90c229-1, 8", "head-1, 28", "base+1, 1", "522e-1, 0"})
    void anAbsoluteSpecNamesOnePosition(String spec, int position) {
        assertEquals(position, RevisionSpec.resolve(spec, CHAIN, Optional.empty()));
    }

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource({"+1, 0, 1", "+2, 27, 29", "-1, 29, 28", "-29, 29, 0", "+0, 5, 5"})
    void aRelativeSpecCountsFromTheCurrentRevision(String spec, int current, int position) {
        assertEquals(position, RevisionSpec.resolve(spec, CHAIN, Optional.of(current)));
    }

    @Test
    void anUnknownIdIsRefused() {
        assertRefused("0d98", "Unknown revision '0d98': no revision id starts with '0d98' (revisions run 522eed334c85 "
                + "… f6d5a4c2e901). Nothing was changed.");
    }

    @Test
    void aTooLongIdIsUnknown() {
        assertRefused("0d99ba90c2299", "Unknown revision '0d99ba90c2299': no revision id is '0d99ba90c2299' "
                + "(revisions run 522eed334c85 … f6d5a4c2e901). Nothing was changed.");
    }

    @Test
    void anAmbiguousPrefixIsRefusedListingTheCandidates() {
        assertRefused("8", "Ambiguous revision '8': it could be 84b7fc2596d5, 8fd8f556c548, 879f0efa125f, 83896ee79b06, "
                + "8c05da87cb79. Nothing was changed.");
    }

    @Test
    void aUniquePrefixShorterThanFourCharactersIsRefused() {
        assertRefused("0d9", "Revision prefix '0d9' is too short: give at least 4 characters (it would be "
                + "0d99ba90c229). Nothing was changed.");
    }

    @Test
    void aSpecThatIsNotHexadecimalIsRefused() {
        assertRefused("latest", "'latest' is not a revision: use a revision id (12 hexadecimal digits) or a unique "
                + "prefix of one, head, base, +N or -N.");
    }

    @Test
    void aStepBeyondTheChainIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RevisionSpec.resolve("+2", CHAIN, Optional.of(28)));
        assertEquals("'+2' is outside the chain: from 33179b5ae85a there are 1 revisions up and 28 down.",
                e.getMessage());
    }

    @Test
    void aRelativeSpecNeedsTheCurrentRevision() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RevisionSpec.resolve("-1", CHAIN, Optional.empty()));
        assertEquals("'-1' is relative to the current revision, which is not known here.", e.getMessage());
    }

    @Test
    void baseIsNotARevision() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RevisionSpec.resolveRevision("base", CHAIN, Optional.empty()));
        assertEquals("'base' names base, before the first revision; a revision id is needed here.", e.getMessage());
    }

    private static void assertRefused(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RevisionSpec.resolve(spec, CHAIN, Optional.empty()));
        assertEquals(message, e.getMessage());
    }
}
