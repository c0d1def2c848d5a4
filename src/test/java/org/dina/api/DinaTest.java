package org.dina.api;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.dina.data.SplitProtocol;
import org.dina.eval.Evaluator;
import org.dina.model.DinaConfig;
import org.dina.tensor.Tensor;
import org.dina.train.TrainingData;
import org.dina.train.TrainingListener;
import org.dina.train.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DinaTest {
    @TempDir static Path dir;
    private static DinaConfig cfg;
    private static TrainingRun.Outcome onDisk;
    private static Evaluator.Result expected;

    @BeforeAll
    static void train() throws Exception {
        cfg = TinyRun.config(SplitProtocol.IMAGES);
        onDisk = TinyRun.trainInto(dir.resolve("run"), cfg);
        expected = Evaluator.evaluate(onDisk.model(), onDisk.data());
    }

    @Test
    void trainingInMemoryGivesTheRunFoldersModelBitForBit() throws Exception {
        int[] epochs = new int[1];
        Dina inMemory = Dina.train(TinyRun.data(cfg), cfg, new TrainingListener() {
            @Override public void epochEnded(org.dina.train.History.Epoch e, org.dina.train.TrainingState s) { epochs[0]++; }
        });
        assertEquals(onDisk.state().epochsDone(), epochs[0]);
        Evaluator.Result r = Evaluator.evaluate(inMemory);
        assertArrayEquals(expected.neuralToImage().ranks(), r.neuralToImage().ranks());
        for (int i = 0; i < expected.imageEmbeddings().vectors().length; i++) {
            assertArrayEquals(expected.imageEmbeddings().vectors()[i], r.imageEmbeddings().vectors()[i], "image " + i);
        }
        for (int i = 0; i < expected.trialEmbeddings().vectors().length; i++) {
            assertArrayEquals(expected.trialEmbeddings().vectors()[i], r.trialEmbeddings().vectors()[i], "trial " + i);
        }
    }

    @Test
    void aLoadedRunEvaluatesAsTheModelThatTrainingLeft() throws Exception {
        Dina loaded = Dina.load(dir.resolve("run"));
        Evaluator.Result r = Evaluator.evaluate(loaded);
        assertArrayEquals(expected.neuralToImage().ranks(), r.neuralToImage().ranks());
        assertEquals(expected.ssimMean(), r.ssimMean());
    }

    @Test
    void identifyingRawHeldOutTrialsFindsWhatTheEvaluatorFinds() throws Exception {
        Dina dina = Dina.load(dir.resolve("run"));
        Dina.HeldOut test = dina.heldOut();
        assertArrayEquals(expected.candidateImages(), test.candidates());
        assertArrayEquals(expected.testTrials(), test.trials());
        // from raw images the frozen backbone runs again in other batches than the feature cache was made in, so
        // similarities agree to float rounding and a choice may differ only where two candidates are that close
        float[][] sim = dina.similarity(dina.embedResponses(test.responses()), dina.embedImages(test.candidateImages()));
        float[][] cached = dina.similarity(expected.trialEmbeddings().vectors(), expected.imageEmbeddings().vectors());
        int[] guess = dina.identify(test.responses(), test.candidateImages());
        int clear = 0;
        for (int i = 0; i < guess.length; i++) {
            for (int c = 0; c < sim[i].length; c++) assertEquals(cached[i][c], sim[i][c], 1e-5f, "trial " + i + " candidate " + c);
            float[] row = cached[i].clone();
            java.util.Arrays.sort(row);
            if (row[row.length - 1] - row[row.length - 2] < 1e-4f) continue;
            clear++;
            assertEquals(expected.neuralToImage().ranks()[i] == 1, guess[i] == test.truth()[i], "trial " + test.trials()[i]);
        }
        assertTrue(clear > guess.length / 2, clear + " of " + guess.length + " trials have a clear best candidate");
    }

    @Test
    void rawResponsesAreScaledWithTheRunsNormaliser() throws Exception {
        Dina dina = Dina.load(dir.resolve("run"));
        int[] trials = dina.heldOut().trials();
        float[][] fromRaw = dina.embedResponses(dina.heldOut().responses());
        float[][] fromNormalised = dina.embedNormalisedResponses(dina.normalisedResponses(trials));
        for (int i = 0; i < trials.length; i++) assertArrayEquals(fromNormalised[i], fromRaw[i], "trial " + trials[i]);
        for (int i = 0; i < trials.length; i++) assertArrayEquals(expected.trialEmbeddings().vectors()[i], fromRaw[i], 1e-6f);
    }

    @Test
    void imagesOfAnotherSizeAreResizedToTheModelsInput() throws Exception {
        Dina dina = Dina.load(dir.resolve("run"));
        Tensor big = Tensor.zeros(3, 2 * dina.imageHeight(), dina.imageWidth() + 7);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (long i = 0; i < big.numel(); i++) big.setFlat(i, (float) r.nextDouble());
        float[][] e = dina.embedImages(big);
        float[][] byHand = dina.embedResizedImages(TrainingData.resized(big, dina.imageHeight(), dina.imageWidth()).contiguous());
        assertEquals(3, e.length);
        for (int i = 0; i < 3; i++) assertArrayEquals(byHand[i], e[i]);
        double norm = 0;
        for (float v : e[0]) norm += v * v;
        assertEquals(1.0, norm, 1e-5);
        float[][] same = dina.embedImages(new float[][][] {rows(big, 0), rows(big, 1), rows(big, 2)});
        for (int i = 0; i < 3; i++) assertArrayEquals(e[i], same[i]);
    }

    private static float[][] rows(Tensor images, int k) {
        float[][] out = new float[images.dim(1)][images.dim(2)];
        for (int y = 0; y < out.length; y++) for (int x = 0; x < out[y].length; x++) out[y][x] = images.get(k, y, x);
        return out;
    }

    @Test
    void raggedInputIsRefusedWithItsRow() throws Exception {
        Dina dina = Dina.load(dir.resolve("run"));
        int n = dina.dataset().neuronCount();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dina.embedResponses(new float[][] {new float[n], new float[n - 1]}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> dina.embedResponses(new float[][] {new float[n + 1]}));
        assertTrue(e.getMessage().contains(String.valueOf(n)), e.getMessage());
    }
}
