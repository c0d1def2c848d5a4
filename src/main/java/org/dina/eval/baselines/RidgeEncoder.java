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
public final class RidgeEncoder implements ImageModelBaseline {
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
        String why = Checks.tunable(in, source);
        if (why == null && in.split().trainImages().length < 2) why = "fewer than 2 training images";
        return Optional.ofNullable(why);
    }

    @Override
    public BaselineResult evaluate(FittedImageModel fitted, BaselineInput in) {
        if (!(fitted instanceof Fitted f) || !f.name().equals(name())) {
            throw new IllegalArgumentException(name() + ": cannot evaluate a model fitted by " + fitted.name());
        }
        RetrievalTask test = in.task(Tier.TEST);
        float[][] sim = f.similarities(test.queries(), DenseOps.rows(in.imageVectors(source), test.candidates()));
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("lambda", Checks.number(f.choice.lambda()));
        hp.put("source", source.label());
        hp.put("source_dims", Integer.toString(f.path.inputs()));
        if (source == ImageRepresentation.PIXELS) hp.put("pixels", in.pixelSize()[0] + "x" + in.pixelSize()[1]);
        hp.put("solve", f.path.dual() ? "dual" : "primal");
        hp.put("validation_top1_by_lambda", Checks.curve(f.choice));
        return new BaselineResult(name(), in.mode(), null, test.neuralToImage(sim), test.imageToNeural(sim), f.choice.score(), hp, f.seconds);
    }

    /** Fits on the training images and picks the penalty on the validation side. */
    @Override
    public Fitted fit(BaselineInput in) {
        Optional<String> why = whyNotApplicable(in);
        int[] trainImages = in.split().trainImages();
        if (why.isPresent()) throw new IllegalArgumentException(name() + " does not apply: " + why.get());
        long t0 = System.nanoTime();
        DMatrixRMaj vectors = in.imageVectors(source);
        double rms = trainingRms(vectors, trainImages);
        DMatrixRMaj inputs = divided(vectors, rms);
        RidgePath path = RidgePath.fit(DenseOps.rows(inputs, trainImages), in.trainingTemplates());

        RetrievalTask val = in.task(Tier.VALIDATION);
        DMatrixRMaj valProjected = path.project(DenseOps.rows(inputs, val.candidates()));
        LambdaSearch.Outcome choice = LambdaSearch.choose(grid, lambda ->
                val.neuralToImage(Correlation.pearson(val.queries(), path.predict(valProjected, lambda))));
        return new Fitted(name(), path, choice, rms, (System.nanoTime() - t0) / 1e9);
    }

    /** The fitted encoder: predicts each candidate's response and ranks by Pearson correlation with the query. */
    public static final class Fitted implements FittedImageModel {
        private final String name;
        private final RidgePath path;
        private final LambdaSearch.Outcome choice;
        private final double rms, seconds;

        private Fitted(String name, RidgePath path, LambdaSearch.Outcome choice, double rms, double seconds) {
            this.name = name;
            this.path = path;
            this.choice = choice;
            this.rms = rms;
            this.seconds = seconds;
        }

        @Override public String name() { return name; }
        @Override public double validationTop1() { return choice.score().top1(); }
        @Override public double fitSeconds() { return seconds; }

        /**
         * Each output's linear filter over the input values at the chosen penalty, [outputs][inputs]: on pixels, the
         * receptive field of each neuron as the encoder estimates it (prediction = sum of weight x pixel + constant).
         */
        public double[][] inputWeights() {
            DMatrixRMaj w = path.weights(choice.lambda());
            double[][] out = new double[w.numCols][w.numRows];
            // the encoder was fitted on inputs divided by rms: a weight per raw input value is divided by it too
            double scale = rms > 0 ? 1 / rms : 1;
            for (int i = 0; i < w.numRows; i++) for (int j = 0; j < w.numCols; j++) out[j][i] = w.data[i * w.numCols + j] * scale;
            return out;
        }

        @Override
        public float[][] similarities(DMatrixRMaj queries, DMatrixRMaj candidates) {
            return Correlation.pearson(queries, path.predict(path.project(divided(candidates, rms)), choice.lambda()));
        }
    }

    /** The root-mean-square deviation of the rows {@code trainRows} of {@code v} from their mean (over all entries). */
    static double trainingRms(DMatrixRMaj v, int[] trainRows) {
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
        return Math.sqrt(ss / ((double) train.numRows * c));
    }

    /** A copy of {@code v} divided by {@code rms} (unchanged when it is 0: constant inputs). */
    static DMatrixRMaj divided(DMatrixRMaj v, double rms) {
        DMatrixRMaj out = v.copy();
        if (rms > 0) for (int i = 0; i < out.data.length; i++) out.data[i] /= rms;
        return out;
    }
}
