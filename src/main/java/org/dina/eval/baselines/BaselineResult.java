package org.dina.eval.baselines;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dina.eval.RetrievalResult;

/**
 * What a baseline scored on the test side, or why it could not be run.
 *
 * @param baseline            the baseline's name
 * @param mode                single trials or repeat-averaged queries
 * @param notApplicableReason null when the baseline ran; otherwise why it did not (all results are then null)
 * @param neuralToImage       test responses identifying their image among the candidates
 * @param imageToNeural       test images identifying their response among the test queries; only for
 *                            repeat-averaged queries (one query per image), null otherwise
 * @param validation          the validation score at the chosen hyper-parameters (null when nothing was tuned)
 * @param hyperParameters     chosen hyper-parameters and fixed settings, as text, in a stable order
 * @param fitSeconds          wall-clock time of fitting and tuning (not part of any equality check)
 */
public record BaselineResult(String baseline, EvaluationMode mode, String notApplicableReason,
                             RetrievalResult neuralToImage, RetrievalResult imageToNeural, RetrievalResult validation,
                             Map<String, String> hyperParameters, double fitSeconds) {

    public BaselineResult {
        hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
    }

    /** A baseline that was not run, with the reason. */
    public static BaselineResult notApplicable(String baseline, EvaluationMode mode, String reason) {
        return new BaselineResult(baseline, mode, reason, null, null, null, Map.of(), 0.0);
    }

    public boolean applicable() { return notApplicableReason == null; }

    /** A chosen hyper-parameter, as text. */
    public String hyperParameter(String key) {
        String v = hyperParameters.get(key);
        if (v == null) throw new IllegalArgumentException(baseline + " has no hyper-parameter '" + key + "'; it has " + hyperParameters.keySet());
        return v;
    }

    /** One line for logs: name, top-1 / top-5 with chance, mean rank, hyper-parameters. */
    public String summary() {
        if (!applicable()) return String.format(Locale.ROOT, "%-28s not applicable: %s", baseline, notApplicableReason);
        RetrievalResult r = neuralToImage;
        String back = imageToNeural == null ? "" : String.format(Locale.ROOT, "  image->neural top-1 %5.1f%%", 100 * imageToNeural.top1());
        return String.format(Locale.ROOT,
                "%-28s top-1 %5.1f%% [%4.1f, %4.1f] (chance %.1f%%)  top-5 %5.1f%% (chance %.1f%%)  mean rank %6.1f of %d  %d queries%s  %s  fit %.2f s",
                baseline, 100 * r.top1(), 100 * r.top1Interval95()[0], 100 * r.top1Interval95()[1], 100 * r.chanceTop1(),
                100 * r.top5(), 100 * r.chanceTop5(), r.meanRank(), r.candidates(), r.queries(), back, hyperParameters, fitSeconds);
    }
}
