package org.dina.train;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;
import org.dina.tensor.Tensor;

/**
 * Stops training at the first non-finite loss, and before any checkpoint is written over a good one, with a
 * message that says where, which tower, and what to change.
 *
 * <p>The loss is checked after every step; gradients and parameters are scanned only when it is not finite (to
 * name the tower) and once per epoch before the checkpoints are written. A non-finite gradient with a finite loss
 * makes the parameters non-finite, so the next step's loss, or the epoch's scan, catches it; scanning every
 * gradient on every step would cost more than a small model's whole step.
 */
final class DivergenceGuard {
    private final DinaModel model;
    private final CheckpointSink sink;

    DivergenceGuard(DinaModel model, CheckpointSink sink) {
        this.model = model;
        this.sink = sink;
    }

    /** After training step {@code step} (0-based) of {@code steps} in {@code epoch} (0-based). */
    void checkStep(int epoch, int step, int steps, double loss, int epochsSaved) {
        if (Double.isFinite(loss)) return;
        throw diverged(String.format(Locale.ROOT, "at epoch %d, step %d of %d: the training loss is %s", epoch + 1, step + 1, steps,
                loss), epochsSaved, true);
    }

    /** At the end of {@code epoch}, before its checkpoints are written. */
    void checkEpoch(int epoch, double validationLoss, int epochsSaved) {
        List<String> bad = nonFinite(false);
        if (Double.isFinite(validationLoss) && bad.isEmpty()) return;
        throw diverged(String.format(Locale.ROOT, "at the end of epoch %d: the validation loss is %s", epoch + 1, validationLoss),
                epochsSaved, false);
    }

    private TrainingDiverged diverged(String where, int epochsSaved, boolean withGradients) {
        List<String> bad = nonFinite(withGradients);
        DinaConfig.Train t = model.config().train();
        boolean image = bad.stream().anyMatch(s -> s.startsWith("image")), neural = bad.stream().anyMatch(s -> s.startsWith("neural"));
        String towers = bad.isEmpty() ? "the parameters are still finite (the loss overflowed)" : "non-finite " + String.join(", ", bad);
        List<String> advice = new ArrayList<>();
        if (image || !neural) advice.add(String.format(Locale.ROOT, "--set train.imageLr=%s", lower(t.imageLr())));
        if (neural || !image) advice.add(String.format(Locale.ROOT, "--set train.neuralLr=%s", lower(t.neuralLr())));
        String kept = epochsSaved > 0 && sink.lastCheckpoint().isPresent()
                ? "the last good checkpoint (epoch " + epochsSaved + ") is kept in " + sink.lastCheckpoint().get() + "; continue from it with --resume "
                : epochsSaved > 0 ? "no checkpoint is kept (training in memory); train again with "
                : "no checkpoint was written yet; train again with ";
        return new TrainingDiverged("training diverged " + where + "; " + towers + "; " + kept + String.join(" ", advice)
                + " (a lower learning rate)");
    }

    /** Which of the towers' parameters (and gradients, when asked) hold a NaN or an infinity. */
    private List<String> nonFinite(boolean withGradients) {
        List<String> bad = new ArrayList<>();
        if (!allFinite(model.image().trainableValues())) bad.add("image tower parameters");
        if (!allFinite(model.neural().parameters().values())) bad.add("neural tower parameters");
        if (!allFinite(model.temperature().values())) bad.add("temperature");
        if (withGradients && bad.isEmpty()) {
            if (!allFinite(model.image().trainableGrads())) bad.add("image tower gradient");
            if (!allFinite(model.neural().parameters().grads())) bad.add("neural tower gradient");
        }
        return bad;
    }

    static boolean allFinite(Tensor t) {
        Tensor c = t.contiguous();
        MemorySegment s = c.segment();
        long off = c.offset(), n = c.numel();
        for (long i = 0; i < n; i++) if (!Float.isFinite(s.getAtIndex(Tensor.FLOAT, off + i))) return false;
        return true;
    }

    /** A learning rate ten times lower, written short. */
    private static String lower(double lr) {
        return new java.math.BigDecimal(lr / 10).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
