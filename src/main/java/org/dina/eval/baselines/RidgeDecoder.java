package org.dina.eval.baselines;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dina.data.Tier;
import org.ejml.data.DMatrixRMaj;

/**
 * Linear decoding of the image from the response: ridge regression from normalised single-trial responses to the
 * image vector (downsampled pixels or frozen tower features), candidates ranked by Pearson correlation between the
 * decoded vector and their own vector. The penalty is picked on the validation side from a log grid.
 */
public final class RidgeDecoder implements Baseline {
    private final ImageRepresentation target;
    private final double[] grid;

    /** With the default grid 1e-3 .. 1e5 (two steps per decade). */
    public RidgeDecoder(ImageRepresentation target) { this(target, LambdaSearch.DEFAULT_GRID); }

    /** With a given penalty grid (one value fixes the penalty). */
    public RidgeDecoder(ImageRepresentation target, double[] lambdaGrid) {
        if (lambdaGrid.length == 0) throw new IllegalArgumentException("RidgeDecoder: empty lambda grid");
        this.target = target;
        this.grid = lambdaGrid.clone();
    }

    @Override
    public String name() { return "ridge-decoder-" + target.label(); }

    @Override
    public Optional<String> whyNotApplicable(BaselineInput in) {
        return Optional.ofNullable(Checks.tunable(in, target));
    }

    @Override
    public BaselineResult fitAndEvaluate(BaselineInput in) {
        Optional<String> why = whyNotApplicable(in);
        if (why.isPresent()) return BaselineResult.notApplicable(name(), in.mode(), why.get());
        long t0 = System.nanoTime();
        DMatrixRMaj vectors = in.imageVectors(target);
        int[] train = in.split().trainTrials();
        int[] trainImages = new int[train.length];
        for (int i = 0; i < train.length; i++) trainImages[i] = in.dataset().imageId(train[i]);
        RidgePath path = RidgePath.fit(in.trialResponses(train), DenseOps.rows(vectors, trainImages));

        RetrievalTask val = in.task(Tier.VALIDATION);
        DMatrixRMaj valProjected = path.project(val.queries());
        DMatrixRMaj valCandidates = Correlation.standardisedRows(DenseOps.rows(vectors, val.candidates()));
        LambdaSearch.Outcome choice = LambdaSearch.choose(grid, lambda ->
                val.neuralToImage(Correlation.pearsonWithStandardised(path.predict(valProjected, lambda), valCandidates)));
        double fit = (System.nanoTime() - t0) / 1e9;

        RetrievalTask test = in.task(Tier.TEST);
        DMatrixRMaj decoded = path.predict(path.project(test.queries()), choice.lambda());
        float[][] sim = Correlation.pearson(decoded, DenseOps.rows(vectors, test.candidates()));
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("lambda", Checks.number(choice.lambda()));
        hp.put("target", target.label());
        hp.put("target_dims", Integer.toString(vectors.numCols));
        if (target == ImageRepresentation.PIXELS) hp.put("pixels", in.pixelSize()[0] + "x" + in.pixelSize()[1]);
        hp.put("solve", path.dual() ? "dual" : "primal");
        hp.put("validation_top1_by_lambda", Checks.curve(choice));
        return new BaselineResult(name(), in.mode(), null, test.neuralToImage(sim), test.imageToNeural(sim), choice.score(), hp, fit);
    }
}
