package org.dina.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Claim 2's coarse-versus-fine test in analysis.json: rank scores under low- and high-pass filtering at the split
 * frequency, the effect with its interval and p-value, and the same for each pixel control and each other DINA run
 * scored beside this one.
 *
 * @param controls         absent for a control itself (and when no control was fitted)
 * @param dinaRunsBeside   by series name (e.g. "DINA joint"); absent without {@code analyze --beside}
 */
public record CoarseVsFineJson(double splitCyclesPerImageWidth, double rankScoreUnmanipulated, double rankScoreLowPass,
                               double rankScoreHighPass, double effect, double[] ci95, double p,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, CoarseVsFineJson> controls,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, CoarseVsFineJson> dinaRunsBeside) {
    static CoarseVsFineJson of(CoarseVsFine.Result r) {
        return new CoarseVsFineJson(r.split(), r.unmanipulatedRankScore(), r.lowPassRankScore(), r.highPassRankScore(), r.effect(),
                new double[] {r.ciLow(), r.ciHigh()}, r.p(), each(r.controls()), each(r.beside()));
    }

    /** Each result's record by name, or null (left out of the file) when there are none. */
    private static Map<String, CoarseVsFineJson> each(Map<String, CoarseVsFine.Result> results) {
        if (results.isEmpty()) return null;
        Map<String, CoarseVsFineJson> out = new LinkedHashMap<>();
        results.forEach((name, r) -> out.put(name, of(r)));
        return out;
    }
}
