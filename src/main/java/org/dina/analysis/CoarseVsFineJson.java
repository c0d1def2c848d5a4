package org.dina.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Claim 2's coarse-versus-fine test in analysis.json: rank scores under low- and high-pass filtering at the split
 * frequency, the effect with its interval and p-value, and the same for each pixel control.
 *
 * @param controls absent for a control itself (and when no control was fitted)
 */
public record CoarseVsFineJson(double splitCyclesPerImageWidth, double rankScoreUnmanipulated, double rankScoreLowPass,
                               double rankScoreHighPass, double effect, double[] ci95, double p,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, CoarseVsFineJson> controls) {
    static CoarseVsFineJson of(CoarseVsFine.Result r) {
        Map<String, CoarseVsFineJson> controls = null;
        if (!r.controls().isEmpty()) {
            controls = new LinkedHashMap<>();
            for (Map.Entry<String, CoarseVsFine.Result> e : r.controls().entrySet()) controls.put(e.getKey(), of(e.getValue()));
        }
        return new CoarseVsFineJson(r.split(), r.unmanipulatedRankScore(), r.lowPassRankScore(), r.highPassRankScore(), r.effect(),
                new double[] {r.ciLow(), r.ciHigh()}, r.p(), controls);
    }
}
