package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import org.dina.data.SimulatedV1;
import org.dina.data.SplitProtocol;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTowerMode;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;
import org.dina.model.DinaModel;
import org.dina.train.TrainingData;
import org.junit.jupiter.api.Test;

/**
 * The retraining on subsets of neurons against the simulator's truth: in a population where 80% of the neurons are
 * driven by nothing, a model retrained on the driven ones identifies images far better than models retrained on random
 * subsets of the same size (which hold about one driven neuron in five), whatever the full model relied on.
 */
class SubsetRetrainingTest {
    @Test
    void retrainingOnTheInformativeNeuronsBeatsRandomSubsets() {
        DinaConfig cfg = new DinaConfig("retrain-test", 3,
                new DinaConfig.Data(new DinaConfig.Simulation(300, 100, 2, 0.8, 0.2), SplitProtocol.IMAGES, TrialMode.SINGLE, 0.2, 0.2, 36, 136),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 16, 1, List.of(64, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(64, 40, 100, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 50));
        SimulatedV1.Result sim = SimulatedV1.generate(cfg.simulationConfig());
        // the retraining needs the run's config, split and test task, not a trained model: an untrained one holds them
        DinaModel untrained = new DinaModel(cfg, sim.dataset().neuronCount());
        TrainingData data = TrainingData.prepare(cfg, sim.dataset(), untrained.image());
        boolean[] driven = sim.truth().drivenMask();
        int n = driven.length, drivenCount = 0;
        // the truth's ranking: driven neurons first
        int[] ranking = new int[n];
        for (int j = 0; j < n; j++) if (driven[j]) ranking[drivenCount++] = j;
        for (int j = 0, k = drivenCount; j < n; j++) if (!driven[j]) ranking[k++] = j;
        double share = (double) drivenCount / n;

        AnalysisOptions options = AnalysisOptions.defaults().quick().withRetraining(new double[] {share}, 2);
        RetrievalProbe probe = RetrievalProbe.of(untrained, data, options);
        SubsetRetraining.Result r = SubsetRetraining.of(probe, ranking, options);
        double chance = 1.0 / probe.candidateCount();
        System.out.println("SubsetRetrainingTest: " + drivenCount + " driven of " + n + "; retrained on them: top-1 " + r.topTop1()[0]
                + ", margin " + r.topMargin()[0] + "; on random subsets: top-1 " + Arrays.toString(r.randomTop1()[0]) + ", margin "
                + Arrays.toString(r.randomMargin()[0]) + "; chance " + chance + "; seconds " + Arrays.toString(r.trainingSeconds()));
        assertEquals(drivenCount, r.counts()[0]);
        assertEquals(Math.min(probe.trialCount(), options.maxNeuronTrials()), r.queries());
        assertTrue(r.topMargin()[0] > 0, "the driven neurons carry the image: margin " + r.topMargin()[0]);
        for (double random : r.randomMargin()[0]) {
            assertTrue(r.topMargin()[0] > 2 * random, "driven " + r.topMargin()[0] + " against a random subset's " + random);
        }
        assertTrue(Double.isNaN(r.relianceTop1Top()[0]), "no keep curve was given");
        assertTrue(r.summary().contains("top-1"));
    }
}
