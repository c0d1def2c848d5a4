package org.dina.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code neuron_subsets_retrained} of analysis.json ({@code analyze --retrain-subsets}): top-1 of models trained from
 * scratch on subsets of neurons, beside the keep curves' top-1 of the run's own model at the same shares.
 *
 * @param queries the keep curves' test queries every model is scored on
 * @param draws   random subsets per share
 */
public record RetrainedSubsetsJson(String method, int queries, int draws, double fullTop1, List<Share> shares) {

    /**
     * One share of neurons.
     *
     * @param randomTop1        each random subset's top-1
     * @param relianceTop1Top   the run's model keeping the same top neurons (no retraining); null when the keep curve
     *                          has no such share
     * @param trainingSeconds   the top subset's training, then each random one's
     */
    public record Share(double share, int neurons, double top1Top, double marginTop, double[] randomTop1, double[] randomMargin,
                        double randomTop1Mean, double randomTop1Sd, double relianceTop1Top, double relianceTop1Random,
                        double[] trainingSeconds) {}

    static RetrainedSubsetsJson of(SubsetRetraining.Result r) {
        int per = 1 + r.draws();
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < r.shares().length; i++) {
            shares.add(new Share(r.shares()[i], r.counts()[i], r.topTop1()[i], r.topMargin()[i], r.randomTop1()[i], r.randomMargin()[i],
                    r.randomTop1Mean(i), r.randomTop1Sd(i), r.relianceTop1Top()[i], r.relianceTop1Random()[i],
                    Arrays.copyOfRange(r.trainingSeconds(), i * per, (i + 1) * per)));
        }
        return new RetrainedSubsetsJson("the run's config trained from scratch (same seed and split) on the top share of neurons by "
                + "validation attribution and on random subsets of the same size (compare --neuron-counts' draws); each scored on the "
                + "keep curves' test queries and candidates", r.queries(), r.draws(), r.fullTop1(), shares);
    }
}
