package org.dina.data;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SplitsFromTrialsTest {
    /** 5 images shown twice each: trial t shows image t % 5. */
    private static Dataset tenTrials() {
        int[] ids = new int[10];
        for (int t = 0; t < 10; t++) ids[t] = t % 5;
        return Dataset.of("ten", Tensor.zeros(5, 2, 2), Tensor.zeros(10, 3), ids);
    }

    @Test
    void keepsTheGivenTrialsSortedWithTheirImages() {
        Split s = Splits.fromTrials(tenTrials(), SplitProtocol.REPEATS, new int[] {9, 0, 1, 2, 3, 4}, new int[] {5, 6}, new int[] {8, 7});
        assertEquals(SplitProtocol.REPEATS, s.protocol());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 9}, s.trainTrials());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, s.trainImages());
        assertArrayEquals(new int[] {0, 1}, s.validationImages());
        assertArrayEquals(new int[] {7, 8}, s.testTrials());
        assertArrayEquals(new int[] {2, 3}, s.testImages());
    }

    @Test
    void rejectsTrialsOutOfRangeOrNamedTwice() {
        Dataset d = tenTrials();
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Splits.fromTrials(d, SplitProtocol.IMAGES, new int[] {0, 1}, new int[] {1}, new int[] {2}));
        assertTrue(twice.getMessage().contains("trial 1 is named twice"), twice.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Splits.fromTrials(d, SplitProtocol.IMAGES, new int[] {0}, new int[] {}, new int[] {10}));
        assertTrue(range.getMessage().contains("trial 10"), range.getMessage());
    }
}
