package org.dina.eval.compare;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.dina.data.Dataset;
import org.dina.data.Split;
import org.dina.data.Splits;
import org.dina.data.Tier;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ControlDataTest {
    /** 12 trials of 6 images, 5 neurons, every response value distinct. */
    private static Dataset small() {
        float[] r = new float[12 * 5];
        for (int i = 0; i < r.length; i++) r[i] = i;
        int[] ids = new int[12];
        for (int t = 0; t < 12; t++) ids[t] = t % 6;
        return Dataset.of("small", Tensor.zeros(6, 2, 2), Tensor.of(r, 12, 5), ids);
    }

    private static final int[] TRAIN = {0, 1, 2, 3, 6, 7, 8, 9};

    private static float[] row(Dataset d, int t) {
        return d.responsesOf(new int[] {t}).toArray();
    }

    @Test
    void shuffledPairsPermutesWholeRowsAmongTheGivenTrialsOnly() {
        Dataset d = small(), s = ControlData.shuffledPairs(d, TRAIN, 3);
        assertArrayEquals(d.imageIds(), s.imageIds());
        float[][] before = new float[TRAIN.length][], after = new float[TRAIN.length][];
        int moved = 0;
        for (int i = 0; i < TRAIN.length; i++) {
            before[i] = row(d, TRAIN[i]);
            after[i] = row(s, TRAIN[i]);
            if (!Arrays.equals(before[i], after[i])) moved++;
        }
        assertTrue(moved >= TRAIN.length / 2, "most training rows move: " + moved);
        Arrays.sort(before, Arrays::compare);
        Arrays.sort(after, Arrays::compare);
        assertArrayEquals(before, after, "the same rows, rearranged");
        for (int t : new int[] {4, 5, 10, 11}) assertArrayEquals(row(d, t), row(s, t), "trial " + t + " untouched");
    }

    @Test
    void shuffledNeuronsPermutesWithinEachGivenTrialIndependently() {
        Dataset d = small(), s = ControlData.shuffledNeurons(d, TRAIN, 3);
        int[][] perms = new int[TRAIN.length][];
        for (int i = 0; i < TRAIN.length; i++) {
            float[] a = row(d, TRAIN[i]), b = row(s, TRAIN[i]);
            float[] sa = a.clone(), sb = b.clone();
            Arrays.sort(sa);
            Arrays.sort(sb);
            assertArrayEquals(sa, sb, "trial " + TRAIN[i] + " keeps its values");
            perms[i] = new int[5];
            for (int j = 0; j < 5; j++) perms[i][j] = (int) (b[j] - a[0]);
        }
        assertFalse(Arrays.stream(perms).allMatch(p -> Arrays.equals(p, perms[0])), "each trial has its own permutation");
        for (int t : new int[] {4, 5, 10, 11}) assertArrayEquals(row(d, t), row(s, t), "trial " + t + " untouched");
    }

    @Test
    void shufflesAreDeterministicInTheSeedAndKeepTiers() {
        Split split = Splits.fromTrials(small(), org.dina.data.SplitProtocol.IMAGES, TRAIN, new int[] {4, 10}, new int[] {5, 11});
        Dataset tiered = ControlData.withTiers(small(), split);
        Dataset a = ControlData.shuffledPairs(tiered, TRAIN, 9), b = ControlData.shuffledPairs(tiered, TRAIN, 9);
        assertArrayEquals(a.responses().toArray(), b.responses().toArray());
        assertFalse(Arrays.equals(a.responses().toArray(), ControlData.shuffledPairs(tiered, TRAIN, 10).responses().toArray()));
        assertTrue(a.hasTiers());
        for (int t = 0; t < 12; t++) assertEquals(tiered.tier(t), a.tier(t));
    }

    @Test
    void tiersReproduceTheSplitExactly() {
        Dataset d = small();
        Split split = Splits.fromTrials(d, org.dina.data.SplitProtocol.IMAGES, TRAIN, new int[] {4, 10}, new int[] {5, 11});
        Split back = Splits.byTiers(ControlData.withTiers(d, split));
        for (Tier t : Tier.values()) assertArrayEquals(split.trials(t), back.trials(t), t.toString());
        Split partial = Splits.fromTrials(d, org.dina.data.SplitProtocol.IMAGES, TRAIN, new int[] {4, 10}, new int[] {5});
        assertThrows(IllegalArgumentException.class, () -> ControlData.withTiers(d, partial));
    }
}
