package org.dina.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dina.eval.RetrievalResult;
import org.dina.eval.baselines.AreaDownsample;
import org.dina.eval.baselines.BaselineInput;
import org.dina.eval.baselines.EvaluationMode;
import org.dina.eval.baselines.FittedImageModel;
import org.dina.eval.baselines.ImageModelBaseline;
import org.dina.eval.baselines.ImageRepresentation;
import org.dina.eval.baselines.LinearTwoTower;
import org.dina.eval.baselines.RidgeEncoder;
import org.dina.progress.Progress;
import org.dina.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * The matched controls of the manipulation analyses: the image-computable baselines of {@code dina compare} on
 * pixels (the ridge encoder and the linear two-tower model), fitted once on the run's own split exactly as compare
 * fits them (single trials, the config's seed). They score the same manipulated candidate images against the same
 * test trials as DINA. A model without DINA's architecture (no random backbone, no per-map normalisation) shows how
 * much of a curve's shape comes from the images and the recording rather than from the model.
 *
 * <p>The candidates reach a control as DINA sees them, at the model's input size, and are area-averaged to the
 * baseline's pixel size from there; when the recording's images have another size this differs slightly from
 * compare's path (which averages the original images), so the unmanipulated score is computed on the same path.
 */
public final class PixelControls {
    /** A control that could not be fitted, and why. */
    public record Skipped(String name, String reason) {}

    private final List<FittedImageModel> models;
    private final List<Skipped> skipped;
    private final DMatrixRMaj queries;
    private final int[] pixelSize, correct;

    private PixelControls(List<FittedImageModel> models, List<Skipped> skipped, DMatrixRMaj queries, int[] pixelSize, int[] correct) {
        this.models = models;
        this.skipped = skipped;
        this.queries = queries;
        this.pixelSize = pixelSize;
        this.correct = correct;
    }

    /** Fits both pixel baselines on the probe's training split; one that does not apply is listed as skipped. */
    public static PixelControls fit(RetrievalProbe probe) {
        return fit(probe, Map.of());
    }

    /**
     * As {@link #fit(RetrievalProbe)}, taking a control from {@code fitted} (by name) instead of fitting it when it is
     * there: a model {@code compare}'s baselines already fitted on the same split (single trials, the config's seed),
     * as the demo does for its best-baseline line. Fitting is deterministic, so the control is the same either way.
     */
    public static PixelControls fit(RetrievalProbe probe, Map<String, FittedImageModel> fitted) {
        BaselineInput in = BaselineInput.of(probe.dataset(), probe.data().split(), EvaluationMode.SINGLE_TRIALS);
        long seed = probe.model().config().seed();
        RidgeEncoder ridge = new RidgeEncoder(ImageRepresentation.PIXELS);
        LinearTwoTower twoTower = new LinearTwoTower(ImageRepresentation.PIXELS, LinearTwoTower.Config.defaults(seed));
        List<FittedImageModel> models = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int[] size = in.pixelSize();
        if (size[0] > probe.imageHeight() || size[1] > probe.imageWidth()) {
            String why = "the baselines' " + size[0] + "x" + size[1] + " pixels cannot be averaged from the model's "
                    + probe.imageHeight() + "x" + probe.imageWidth() + " input";
            skipped.add(new Skipped(ridge.name(), why));
            skipped.add(new Skipped(twoTower.name(), why));
            return new PixelControls(models, skipped, in.trialResponses(probe.trials()), size, probe.correct());
        }
        try (Progress.Task bar = Progress.start("controls", 2)) {
            for (ImageModelBaseline control : List.<ImageModelBaseline>of(ridge, twoTower)) {
                var why = control.whyNotApplicable(in);
                if (why.isPresent()) skipped.add(new Skipped(control.name(), why.get()));
                else models.add(fitted.containsKey(control.name()) ? fitted.get(control.name()) : control.fit(in));
                bar.step(1, control.name());
            }
        }
        return new PixelControls(models, skipped, in.trialResponses(probe.trials()), size, probe.correct());
    }

    public List<FittedImageModel> models() { return models; }

    public List<Skipped> skipped() { return skipped; }

    /** The pixel size {height, width} the candidates are averaged down to. */
    public int[] pixelSize() { return pixelSize.clone(); }

    /** Index into {@link #models()} of the control with the highest validation top-1 (ties: the first), or -1 with none. */
    public int best() {
        int best = -1;
        for (int i = 0; i < models.size(); i++) {
            if (best < 0 || models.get(i).validationTop1() > models.get(best).validationTop1()) best = i;
        }
        return best;
    }

    /** Each control's identification of the probe's queries among {@code candidates} [C, 1, H, W] at the model's input size. */
    public List<RetrievalResult> score(Tensor candidates) {
        int c = candidates.dim(0);
        DMatrixRMaj pixels = AreaDownsample.images(candidates.contiguous().reshape(c, candidates.dim(2), candidates.dim(3)),
                pixelSize[0], pixelSize[1]);
        List<RetrievalResult> out = new ArrayList<>(models.size());
        for (FittedImageModel m : models) out.add(RetrievalResult.fromSimilarities(m.similarities(queries, pixels), correct));
        return out;
    }
}
