package org.dina.eval;

import java.io.Serializable;

/**
 * One direction of identification as the result files report it (metrics.json's {@code neural_to_image}, the
 * analyses' scores): top-k with chance and 95% intervals, ranks, and how many queries and candidates were scored.
 * Serializable as part of {@link MetricsJson}.
 */
public record RetrievalJson(double top1, double top5, double chanceTop1, double chanceTop5, double[] top1Ci95,
                            double[] top5Ci95, double meanRank, double medianRank, int queries, int candidates) implements Serializable {
    public static RetrievalJson of(RetrievalResult r) {
        return new RetrievalJson(r.top1(), r.top5(), r.chanceTop1(), r.chanceTop5(), r.top1Interval95(), r.top5Interval95(),
                r.meanRank(), r.medianRank(), r.queries(), r.candidates());
    }
}
