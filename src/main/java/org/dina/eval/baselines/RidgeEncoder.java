package org.dina.eval.baselines;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dina.data.Tier;
import org.ejml.data.DMatrixRMaj;

/**
 * Linear encoding model: ridge regression from the image vector (downsampled pixels or frozen tower features) to
 * the mean normalised training response of each training image. Every candidate image's response is predicted and
 * a query is scored against each prediction by Pearson correlation, so it identifies images it never saw. The
 * penalty is picked on the validation side from a log grid; inputs are scaled to unit mean variance on the training
 * images so that the grid means the same for pixels and features.
 */
public final class RidgeEncoder implements Baseline {
    private final ImageRepresentation source;
    private final double[] grid;

    public RidgeEncoder(ImageRepresentation source) { this(source, LambdaSearch.DEFAULT_GRID); }

    /** With a given penalty grid (one value fixes the penalty). */
    public RidgeEncoder(ImageRepresentation source, double[] lambdaGrid) {
        if (lambdaGrid.length == 0) throw new IllegalArgumentException("RidgeEncoder: empty lambda grid");
        this.source = source;
        this.grid = lambdaGrid.clone();
    }

    @Override
    public String name() { return "ridge-encoder-" + source.label(); }

    @Override
    public Optional<String> whyNotApplicable(BaselineInput in) {
        return Optional.ofNullable(Checks.tunable(in, source));
    }

    @Override
    public BaselineResult fitAndEvaluate(BaselineInput in) {
        Optional<String> why = whyNotApplicable(in);
        if (why.isPresent()) return BaselineResult.notApplicable(name(), in.mode(), why.get());
        long t0 = System.nanoTime();
        int[] trainImages = in.split().trainImages();
        if (trainImages.length < 2) return BaselineResult.notApplicable(name(), in.mode(), "fewer than 2 training images");
        DMatrixRMaj inputs = scaledToTraining(in.imageVectors(source), trainImages);
        RidgePath path = RidgePath.fit(DenseOps.rows(inputs, trainImages), in.trainingTemplates());

        RetrievalTask val = in.task(Tier.VALIDATION);
        DMatrixRMaj valProjected = path.project(DenseOps.rows(inputs, val.candidates()));
        LambdaSearch.Outcome choice = LambdaSearch.choose(grid, lambda ->
                val.neuralToImage(Correlation.pearson(val.queries(), path.predict(valProjected, lambda))));
        double fit = (System.nanoTime() - t0) / 1e9;

        RetrievalTask test = in.task(Tier.TEST);
        DMatrixRMaj predicted = path.predict(path.project(DenseOps.rows(inputs, test.candidates())), choice.lambda());
        float[][] sim = Correlation.pearson(test.queries(), predicted);
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("lambda", Checks.number(choice.lambda()));
        hp.put("source", source.label());
        hp.put("source_dims", Integer.toString(inputs.numCols));
        if (source == ImageRepresentation.PIXELS) hp.put("pixels", in.pixelSize()[0] + "x" + in.pixelSize()[1]);
        hp.put("solve", path.dual() ? "dual" : "primal");
        hp.put("validation_top1_by_lambda", Checks.curve(choice));
        return new BaselineResult(name(), in.mode(), null, test.neuralToImage(sim), test.imageToNeural(sim), choice.score(), hp, fit);
    }

    /** A copy of {@code v} divided by the root-mean-square deviation of the training rows from their mean. */
    static DMatrixRMaj scaledToTraining(DMatrixRMaj v, int[] trainRows) {
        DMatrixRMaj train = DenseOps.rows(v, trainRows);
        double[] mean = DenseOps.columnMeans(train);
        double ss = 0;
        int c = v.numCols;
        for (int i = 0; i < train.numRows; i++) {
            for (int j = 0; j < c; j++) {
                double d = train.data[i * c + j] - mean[j];
                ss += d * d;
            }
        }
        double rms = Math.sqrt(ss / ((double) train.numRows * c));
        DMatrixRMaj out = v.copy();
        if (rms > 0) for (int i = 0; i < out.data.length; i++) out.data[i] /= rms;
        return out;
    }
}
