package org.pacificclimate.crmp.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** New revision ids: twelve hexadecimal digits that no prefix of the chain's ids and no YAML number can shadow. */
@Tag("fast")
class NewRevisionIdTest {

    @Test
    void anIdYamlWouldReadAsANumberIsNeverChosen() {
        assertEquals("aa00aa00aa00", NewRevision.newId(RevisionChain.standard(),
                draws("51e769351470", "123456789012", "aa00aa00aa00")));
    }

    @Test
    void anIdSharingItsFirstFourCharactersWithARevisionIsNeverChosen() {
        assertEquals("bbbbbbbbbbbb", NewRevision.newId(RevisionChain.standard(), draws("0d99ffffffff", "bbbbbbbbbbbb")));
    }

    /** A random source that yields the given ids' bytes, in order. */
    private static RandomGenerator draws(String... ids) {
        Deque<byte[]> queue = new ArrayDeque<>();
        List.of(ids).forEach(id -> queue.add(HexFormat.of().parseHex(id)));
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void nextBytes(byte[] bytes) {
                byte[] next = queue.remove();
                System.arraycopy(next, 0, bytes, 0, bytes.length);
            }
        };
    }
}
