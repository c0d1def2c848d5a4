package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.eval.Evaluator;
import org.dina.model.ImageTowerMode;
import org.dina.tensor.Tensor;
import org.dina.train.Rows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RetrievalProbeTest {
    private static Untrained u;
    private static RetrievalProbe probe;

    @BeforeAll
    static void setUp() {
        u = Untrained.of(80, 16, ImageTowerMode.FROZEN);
        probe = RetrievalProbe.of(u.model(), u.data(), AnalysisOptions.defaults());
    }

    @Test
    void sameTaskAsTheEvaluator() {
        Evaluator.Result e = Evaluator.evaluate(u.model(), u.data());
        RetrievalProbe.Score s = probe.baseline();
        assertArrayEquals(e.candidateImages(), probe.candidates());
        assertArrayEquals(e.testTrials(), probe.trials());
        assertArrayEquals(e.neuralToImage().ranks(), s.retrieval().ranks());
        assertFalse(probe.subsampled());
    }

    @Test
    void reEmbeddingTheImagesReproducesTheCachedFeaturesPath() {
        float[][] again = probe.embedImages(probe.candidateImages());
        for (int i = 0; i < again.length; i++) assertArrayEquals(probe.imageVectors()[i], again[i], 1e-5f, "candidate " + i);
    }

    @Test
    void paddedChunksDoNotChangeAnyRow() {
        // 65 rows run as chunks of 33 and 32 (padded to 33); every row must equal its own single-row embedding
        int rows = Math.min(65, probe.trialCount());
        Tensor r = probe.responses().slice(0, 0, rows).contiguous();
        float[][] all = probe.embedResponses(r);
        for (int i = 0; i < rows; i += 7) {
            float[] one = probe.embedResponses(r.slice(0, i, i + 1).contiguous())[0];
            assertArrayEquals(one, all[i], 1e-6f, "row " + i);
        }
        Tensor img = Tensor.zeros(Rows.batchShape(probe.candidateImages(), 3));
        probe.candidateImages().slice(0, 0, 3).copyTo(img);
        float[][] three = probe.embedImages(img);
        for (int i = 0; i < 3; i++) assertArrayEquals(probe.imageVectors()[i], three[i], 1e-5f);
    }

    @Test
    void manyCandidatesAreSubsampledWithTheirTrials() {
        RetrievalProbe small = RetrievalProbe.of(u.model(), u.data(), AnalysisOptions.defaults().withMaxCandidates(5));
        assertEquals(5, small.candidateCount());
        assertTrue(small.subsampled());
        assertEquals(probe.candidateCount(), small.allCandidates());
        int[] cand = small.candidates(), correct = small.correct(), trials = small.trials();
        for (int i = 0; i < trials.length; i++) assertEquals(cand[correct[i]], u.data().dataset().imageId(trials[i]));
        assertEquals(0.2, small.baseline().retrieval().chanceTop1(), 1e-12);
    }
}
