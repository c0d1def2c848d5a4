package org.dina.eval.compare;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.data.Split;
import org.dina.data.SplitProtocol;
import org.dina.data.Tier;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CrossValidationFoldsTest {
    /** {@code k} images with 2..5 repeats (plus one never-shown image), trials in shuffled order. */
    static Dataset recording(int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] reps = new int[k + 1];
        int t = 0;
        for (int i = 0; i < k; i++) { reps[i] = 2 + r.nextInt(4); t += reps[i]; }
        int[] ids = new int[t];
        for (int i = 0, p = 0; i < k; i++) for (int j = 0; j < reps[i]; j++) ids[p++] = i;
        ControlData.shuffle(ids, r);
        return Dataset.of("cv", Tensor.zeros(k + 1, 2, 2), Tensor.zeros(t, 3), ids);
    }

    @Test
    void imageFoldsPartitionTheShownImagesAndNeverLeak() {
        Dataset d = recording(103, 1);
        int k = 5;
        List<Split> folds = CrossValidationFolds.byImages(d, k, 0.1, 42);
        assertEquals(k, folds.size());
        int[] testedIn = new int[d.imageCount()];
        for (Split s : folds) {
            assertEquals(SplitProtocol.IMAGES, s.protocol());
            for (int img : s.testImages()) testedIn[img]++;
            assertDisjoint(s.trainImages(), s.testImages());
            assertDisjoint(s.trainImages(), s.validationImages());
            assertDisjoint(s.validationImages(), s.testImages());
            assertEquals(10, s.imageCount(Tier.VALIDATION), "round(103 * 0.1) validation images");
            assertTrue(s.imageCount(Tier.TEST) == 20 || s.imageCount(Tier.TEST) == 21, "balanced folds: " + s);
            assertEquals(d.trialCount(), s.trainTrials().length + s.validationTrials().length + s.testTrials().length, "every trial used once");
            for (int img : s.testImages()) assertEquals(d.repeatsOf(img), count(s.testTrials(), d, img), "all repeats of a test image are tested");
        }
        for (int img = 0; img < d.imageCount(); img++) assertEquals(d.repeatsOf(img) > 0 ? 1 : 0, testedIn[img], "image " + img);
    }

    @Test
    void validationRotatesWithTheTestFold() {
        List<Split> folds = CrossValidationFolds.byImages(recording(100, 2), 4, 0.1, 7);
        assertFalse(Arrays.equals(folds.get(0).validationImages(), folds.get(1).validationImages()));
    }

    @Test
    void repeatFoldsTestEveryTrialOnceAndKeepEveryImageInTraining() {
        Dataset d = recording(60, 3);
        int k = 3;
        List<Split> folds = CrossValidationFolds.byRepeats(d, k, 9);
        int[] testedIn = new int[d.trialCount()];
        for (Split s : folds) {
            assertEquals(SplitProtocol.REPEATS, s.protocol());
            for (int t : s.testTrials()) testedIn[t]++;
            assertDisjoint(s.trainTrials(), s.testTrials());
            assertDisjoint(s.trainTrials(), s.validationTrials());
            assertDisjoint(s.validationTrials(), s.testTrials());
            assertArrayEquals(d.shownImages(), s.trainImages(), "every shown image keeps a training trial");
            assertEquals(d.trialCount(), s.trainTrials().length + s.validationTrials().length + s.testTrials().length);
            assertTrue(s.trialCount(Tier.VALIDATION) > 0 && s.trialCount(Tier.TEST) > 0, s.toString());
        }
        for (int img : d.shownImages()) {
            for (int t : d.trialsOf(img)) {
                // with k = 3 every repeat index of an image with >= 3 repeats is tested exactly once
                assertEquals(d.repeatsOf(img) >= CrossValidationFolds.MIN_REPEATS ? 1 : 0, testedIn[t], "trial " + t + " of image " + img);
            }
        }
    }

    @Test
    void leaveOneRepeatOutWhenFoldsEqualRepeats() {
        int[] ids = new int[40];
        for (int t = 0; t < 40; t++) ids[t] = t % 10; // 10 images x 4 repeats in presentation order
        Dataset d = Dataset.of("four", Tensor.zeros(10, 2, 2), Tensor.zeros(40, 3), ids);
        for (Split s : CrossValidationFolds.byRepeats(d, 4, 1)) {
            assertEquals(10, s.trialCount(Tier.TEST));
            assertEquals(10, s.trialCount(Tier.VALIDATION));
            assertEquals(20, s.trialCount(Tier.TRAIN));
            assertEquals(10, s.imageCount(Tier.TEST));
        }
    }

    @Test
    void foldsAreDeterministicInTheSeed() {
        Dataset d = recording(50, 4);
        List<Split> a = CrossValidationFolds.byImages(d, 3, 0.1, 5), b = CrossValidationFolds.byImages(d, 3, 0.1, 5);
        List<Split> c = CrossValidationFolds.byImages(d, 3, 0.1, 6);
        for (int f = 0; f < 3; f++) assertArrayEquals(a.get(f).testTrials(), b.get(f).testTrials());
        assertFalse(Arrays.equals(a.get(0).testImages(), c.get(0).testImages()));
    }

    @Test
    void impossibleFoldsAreRefusedWithAReason() {
        Dataset d = recording(20, 5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossValidationFolds.byImages(d, 1, 0.1, 1))
                .getMessage().contains("at least 2 folds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossValidationFolds.byImages(d, 21, 0.1, 1))
                .getMessage().contains("use fewer folds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossValidationFolds.byImages(d, 2, 0.5, 1))
                .getMessage().contains("leave 0 training images"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossValidationFolds.byRepeats(d, 9, 1))
                .getMessage().contains("at most 5 repeats"));
        int[] ids = new int[20];
        for (int t = 0; t < 20; t++) ids[t] = t % 10;
        Dataset twice = Dataset.of("twice", Tensor.zeros(10, 2, 2), Tensor.zeros(20, 3), ids);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossValidationFolds.byRepeats(twice, 2, 1))
                .getMessage().contains("at least 3 repeats"));
    }

    private static int count(int[] trials, Dataset d, int img) {
        int c = 0;
        for (int t : trials) if (d.imageId(t) == img) c++;
        return c;
    }

    static void assertDisjoint(int[] a, int[] b) {
        for (int x : a) assertTrue(Arrays.binarySearch(b, x) < 0, "shared element " + x);
    }
}
