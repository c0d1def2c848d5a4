package org.dina.eval.compare;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dina.data.Dataset;
import org.dina.data.SimulatedV1;
import org.dina.data.SplitProtocol;
import org.dina.data.Tier;
import org.dina.eval.RetrievalResult;
import org.dina.eval.baselines.Baseline;
import org.dina.eval.baselines.BaselineInput;
import org.dina.eval.baselines.BaselineResult;
import org.dina.eval.baselines.Baselines;
import org.dina.eval.baselines.ImageRepresentation;
import org.dina.eval.baselines.LinearTwoTower;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTowerMode;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;

/** A small simulated recording, a DINA config that learns on it in seconds, quick baselines and a leaky impostor. */
final class CompareFixtures {
    private CompareFixtures() {}

    /** 200 images x 120 neurons x 3 repeats at 36x136; temperature 0.1 and fast learning rates so that DINA learns. */
    static DinaConfig tiny(int epochs, SplitProtocol split) {
        return new DinaConfig("tiny", 5,
                new DinaConfig.Data(new DinaConfig.Simulation(200, 120, 3, 0.3, 0.6), split, TrialMode.SINGLE, 0.1, 0.1, 36, 136),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 8, 1, List.of(32, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(16, epochs, 100, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 50));
    }

    static Dataset data(DinaConfig cfg) {
        return SimulatedV1.generate(cfg.simulationConfig()).dataset();
    }

    /** The standard baselines with a two-tower schedule short enough for tests. */
    static List<Baseline> quickBaselines(long seed) {
        LinearTwoTower.Config quick = new LinearTwoTower.Config(64, 0.07, 1e-2, 1e-2, 128, 40, 10, seed);
        List<Baseline> l = new ArrayList<>();
        for (Baseline b : Baselines.standard(seed)) {
            if (b instanceof LinearTwoTower) continue;
            l.add(b);
        }
        l.add(new LinearTwoTower(ImageRepresentation.PIXELS, quick));
        l.add(new LinearTwoTower(ImageRepresentation.TOWER_FEATURES, quick));
        return l;
    }

    /** The quick baselines plus {@link Leaky}. */
    static List<Baseline> withLeak(long seed) {
        List<Baseline> l = new ArrayList<>(quickBaselines(seed));
        l.add(new Leaky());
        return l;
    }

    static CompareOptions options(DinaConfig cfg, Path out, PrintStream log) {
        return CompareOptions.defaults(cfg, out).withBaselines(CompareFixtures::withLeak).withLog(log);
    }

    static PrintStream quietLog(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true);
    }

    /**
     * A "decoder" that reads the test labels: it ranks each test query's true image first, whatever the responses
     * are. It is the kind of bug the controls must expose.
     */
    static final class Leaky implements Baseline {
        static final String NAME = "leaky-test-double";

        @Override
        public String name() { return NAME; }

        @Override
        public BaselineResult fitAndEvaluate(BaselineInput in) {
            int[] trials = in.split().testTrials();
            int[] candidates = in.candidateImages(Tier.TEST);
            int queries = in.mode() == org.dina.eval.baselines.EvaluationMode.SINGLE_TRIALS ? trials.length : in.split().imageCount(Tier.TEST);
            int[] ranks = new int[queries];
            java.util.Arrays.fill(ranks, 1); // peeks: every query's own image is ranked first
            RetrievalResult r = RetrievalResult.fromRanks(ranks, candidates.length);
            return new BaselineResult(NAME, in.mode(), null, r, null, null, java.util.Map.of("peeks_at", "test labels"), 0.0);
        }
    }
}
