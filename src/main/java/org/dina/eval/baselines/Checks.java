package org.dina.eval.baselines;

import java.util.Locale;
import org.dina.data.Tier;

/** Applicability checks and number formatting shared by the baselines. */
final class Checks {
    private Checks() {}

    /** Why a baseline tuned on validation and built on representation {@code r} cannot run, or null. */
    static String tunable(BaselineInput in, ImageRepresentation r) {
        String missing = in.missing(r);
        if (missing != null) return missing;
        if (in.split().trialCount(Tier.TEST) == 0) return "the split has no test trials";
        if (in.split().trialCount(Tier.VALIDATION) == 0) return "the split has no validation trials to choose hyper-parameters on";
        if (in.split().trialCount(Tier.TRAIN) < 2) return "fewer than 2 training trials";
        return null;
    }

    /** Shortest round-tripping text of a double. */
    static String number(double v) { return Double.toString(v); }

    /** "lambda:top1" pairs of a penalty search, for reports. */
    static String curve(LambdaSearch.Outcome o) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < o.lambdas().length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(String.format(Locale.ROOT, "%.0e:%.3f", o.lambdas()[i], o.scores()[i].top1()));
        }
        return sb.toString();
    }
}
