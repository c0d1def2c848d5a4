package org.dina.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SplitsTest {
    /** 100 images, repeats 2..4, trials in a shuffled order. */
    static Dataset withRepeats(long seed) {
        SplitMix r = new SplitMix(seed);
        int k = 100;
        int[] reps = new int[k];
        int t = 0;
        for (int i = 0; i < k; i++) { reps[i] = 2 + r.nextInt(3); t += reps[i]; }
        int[] ids = new int[t];
        for (int i = 0, p = 0; i < k; i++) for (int j = 0; j < reps[i]; j++) ids[p++] = i;
        r.shuffle(ids);
        return Dataset.of("repeats", Tensor.zeros(k, 2, 2), Tensor.zeros(t, 3), ids);
    }

    @Test
    void imageSplitKeepsEveryImageOnOneSide() {
        Dataset d = withRepeats(1);
        Split s = Splits.split(d, Splits.Config.images(42));
        assertEquals(SplitProtocol.IMAGES, s.protocol());
        assertEquals(80, s.imageCount(Tier.TRAIN));
        assertEquals(10, s.imageCount(Tier.VALIDATION));
        assertEquals(10, s.imageCount(Tier.TEST));
        assertDisjoint(s.trainImages(), s.validationImages());
        assertDisjoint(s.trainImages(), s.testImages());
        assertDisjoint(s.validationImages(), s.testImages());
        assertDisjoint(s.trainTrials(), s.validationTrials());
        assertDisjoint(s.trainTrials(), s.testTrials());
        assertDisjoint(s.validationTrials(), s.testTrials());
        assertEquals(d.trialCount(), s.trainTrials().length + s.validationTrials().length + s.testTrials().length);
        for (Tier tier : Tier.values()) {
            Set<Integer> imgs = set(s.images(tier));
            for (int t : s.trials(tier)) assertTrue(imgs.contains(d.imageId(t)));
            // every repeat of an image on this side is on this side
            int count = 0;
            for (int k : s.images(tier)) count += d.repeatsOf(k);
            assertEquals(count, s.trialCount(tier));
        }
    }

    @Test
    void splitsAreDeterministicInTheSeed() {
        Dataset d = withRepeats(2);
        assertArrayEquals(Splits.split(d, Splits.Config.images(5)).testImages(), Splits.split(d, Splits.Config.images(5)).testImages());
        assertFalse(Arrays.equals(Splits.split(d, Splits.Config.images(5)).testImages(), Splits.split(d, Splits.Config.images(6)).testImages()));
        assertArrayEquals(Splits.split(d, Splits.Config.repeats(5)).testTrials(), Splits.split(d, Splits.Config.repeats(5)).testTrials());
    }

    @Test
    void repeatSplitKeepsEveryImageInTraining() {
        Dataset d = withRepeats(3);
        Split s = Splits.split(d, Splits.Config.repeats(9));
        assertEquals(SplitProtocol.REPEATS, s.protocol());
        assertArrayEquals(d.shownImages(), s.trainImages());
        assertEquals(d.trialCount() - d.imageCount(), s.trainTrials().length, "one repeat per image held out");
        assertEquals(d.imageCount(), s.validationTrials().length + s.testTrials().length);
        assertEquals(50, s.imageCount(Tier.VALIDATION));
        assertEquals(50, s.imageCount(Tier.TEST));
        assertDisjoint(s.validationImages(), s.testImages());
        assertDisjoint(s.trainTrials(), s.testTrials());
        assertDisjoint(s.trainTrials(), s.validationTrials());

        Split two = Splits.byRepeats(d, 2, 0.0, 9);
        assertArrayEquals(d.shownImages(), two.trainImages());
        assertEquals(0, two.validationTrials().length);
        for (int k : d.shownImages()) {
            int train = 0;
            for (int t : two.trainTrials()) if (d.imageId(t) == k) train++;
            assertEquals(Math.max(1, d.repeatsOf(k) - 2), train, "image " + k + " keeps at least one repeat in training");
        }
    }

    @Test
    void datasetTiersAreHonoured() {
        Tier[] tiers = {Tier.TRAIN, Tier.TRAIN, Tier.TEST, Tier.VALIDATION, Tier.TEST};
        Dataset d = Dataset.builder("tiers", Tensor.zeros(3, 2, 2), Tensor.zeros(5, 1), new int[] {0, 1, 2, 1, 2})
                .tiers(tiers).build();
        Split s = Splits.split(d, Splits.Config.images(1));
        assertEquals(SplitProtocol.DATASET_TIERS, s.protocol());
        assertArrayEquals(new int[] {0, 1}, s.trainTrials());
        assertArrayEquals(new int[] {3}, s.validationTrials());
        assertArrayEquals(new int[] {2, 4}, s.testTrials());
        assertArrayEquals(new int[] {2}, s.testImages());
        Split own = Splits.split(d, new Splits.Config(SplitProtocol.IMAGES, 0.34, 0.33, 1, 1, false));
        assertEquals(SplitProtocol.IMAGES, own.protocol());
        assertThrows(IllegalArgumentException.class, () -> Splits.byTiers(withRepeats(1)));
    }

    @Test
    void tiersWithoutValidationLendTrainingImagesToValidation() {
        // 10 images, two trials each; images 0-7 train, 8-9 test, no validation tier (like the Allen arrays)
        int[] ids = new int[20];
        Tier[] tiers = new Tier[20];
        for (int t = 0; t < 20; t++) {
            ids[t] = t / 2;
            tiers[t] = ids[t] < 8 ? Tier.TRAIN : Tier.TEST;
        }
        Dataset d = Dataset.builder("tt", Tensor.zeros(10, 2, 2), Tensor.zeros(20, 1), ids).tiers(tiers).build();
        Split s = Splits.split(d, Splits.Config.images(3));
        assertEquals(1, s.imageCount(Tier.VALIDATION));
        assertEquals(7, s.imageCount(Tier.TRAIN));
        assertArrayEquals(new int[] {8, 9}, s.testImages());
        for (int img : s.validationImages()) assertTrue(img < 8, "validation comes from training images only");
        assertArrayEquals(s.validationTrials(), Splits.split(d, Splits.Config.images(3)).validationTrials());
    }

    @Test
    void badFractionsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Splits.Config(SplitProtocol.IMAGES, 0.9, 0.2, 1, 0, true));
        assertTrue(e.getMessage().contains("train + validation <= 1"), e.getMessage());
    }

    @Test
    void simulatedRecordingSplitsByImages() {
        Dataset d = SimulatedV1.generate(SimulationConfig.of(3, 50, 10, 2).withRepeats(2, 3)).dataset();
        Split s = Splits.split(d, Splits.Config.images(1234));
        assertDisjoint(s.trainImages(), s.testImages());
        assertEquals(40, s.imageCount(Tier.TRAIN));
    }

    private static void assertDisjoint(int[] a, int[] b) {
        Set<Integer> sa = set(a);
        for (int x : b) assertFalse(sa.contains(x), "index " + x + " on both sides");
    }

    private static Set<Integer> set(int[] a) {
        Set<Integer> s = new HashSet<>();
        for (int x : a) s.add(x);
        return s;
    }
}
