package org.dina.eval.baselines;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dina.data.Tier;
import org.ejml.data.DMatrixRMaj;

/**
 * Nearest-template decoding: each image's template is its mean normalised training response, and a query is scored
 * against every template by Pearson correlation. Only defined when the test images were shown in training (REPEATS
 * protocol); it has no hyper-parameters and never looks at the validation side.
 */
public final class TemplateMatching implements Baseline {
    public static final String NAME = "template-matching";

    @Override
    public String name() { return NAME; }

    @Override
    public Optional<String> whyNotApplicable(BaselineInput in) {
        if (!in.imagesSeenInTraining(Tier.TEST)) {
            return Optional.of("template matching needs every test image among the training images (a REPEATS split); under the "
                    + in.split().protocol() + " protocol the test images are unseen, so there is no template to match");
        }
        if (in.split().trialCount(Tier.TEST) == 0) return Optional.of("the split has no test trials");
        return Optional.empty();
    }

    @Override
    public BaselineResult fitAndEvaluate(BaselineInput in) {
        Optional<String> why = whyNotApplicable(in);
        if (why.isPresent()) return BaselineResult.notApplicable(NAME, in.mode(), why.get());
        long t0 = System.nanoTime();
        DMatrixRMaj templates = Correlation.standardisedRows(in.trainingTemplates()); // rows = training images = candidates
        double fit = (System.nanoTime() - t0) / 1e9;
        RetrievalTask test = in.task(Tier.TEST);
        float[][] sim = Correlation.pearsonWithStandardised(test.queries(), templates);
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("score", "pearson");
        hp.put("templates", Integer.toString(templates.numRows));
        return new BaselineResult(NAME, in.mode(), null, test.neuralToImage(sim), test.imageToNeural(sim), null, hp, fit);
    }
}
