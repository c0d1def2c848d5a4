package org.dina.eval.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dina.eval.RetrievalResult;

/**
 * One method's neural-to-image identification on one fold of one seed, under one condition and mode, or why it was
 * not run there.
 *
 * @param method       "dina" or the baseline's name
 * @param condition    real data or a control
 * @param mode         single-trial or repeat-averaged queries
 * @param seed         the seed of this repetition (config seed + index)
 * @param fold         1-based fold number
 * @param result       test neural-to-image retrieval; null when not applicable
 * @param notApplicable why it was not run; null when it was
 * @param details      hyper-parameters and settings, as text
 * @param seconds      wall-clock time of fitting (or training) and evaluating
 */
public record Score(String method, Condition condition, Mode mode, long seed, int fold, RetrievalResult result,
                    String notApplicable, Map<String, String> details, double seconds) {
    public Score {
        if ((result == null) == (notApplicable == null)) {
            throw new IllegalArgumentException("Score " + method + ": exactly one of result and notApplicable must be given");
        }
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static Score of(String method, Condition c, Mode m, long seed, int fold, RetrievalResult r, Map<String, String> details, double seconds) {
        return new Score(method, c, m, seed, fold, r, null, details, seconds);
    }

    public static Score notApplicable(String method, Condition c, Mode m, long seed, int fold, String reason) {
        return new Score(method, c, m, seed, fold, null, reason, Map.of(), 0.0);
    }

    public boolean applicable() { return result != null; }

    /** Queries whose correct image ranked first. */
    public int hits() {
        int h = 0;
        for (int r : result.ranks()) if (r == 1) h++;
        return h;
    }
}
