package org.dina.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BatchesTest {
    @Property(tries = 100)
    void batchesNeverHoldAnImageTwiceAndDependOnlyOnSeedAndEpoch(@ForAll @IntRange(min = 2, max = 300) int rows,
                                                                  @ForAll @IntRange(min = 1, max = 4) int repeats,
                                                                  @ForAll @IntRange(min = 2, max = 64) int size,
                                                                  @ForAll @IntRange(min = 0, max = 5) int epoch) {
        int[] ids = new int[rows];
        for (int i = 0; i < rows; i++) ids[i] = i / repeats;
        List<int[]> a = Batches.shuffled(ids, size, 7, epoch), b = Batches.shuffled(ids, size, 7, epoch);
        assertEquals(a.size(), b.size());
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k), b.get(k));
            assertTrue(a.get(k).length >= 2 && a.get(k).length <= size);
            Set<Integer> imgs = new HashSet<>();
            for (int r : a.get(k)) {
                assertTrue(imgs.add(ids[r]), "image twice in one batch");
                assertTrue(seen.add(r), "row twice in one epoch");
            }
        }
        // everything but a few leftovers is used
        assertTrue(seen.size() >= rows - repeats, seen.size() + " of " + rows + " rows used");
    }
}
