package org.dina.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dina.data.ResponseNormalizer;
import org.dina.model.DinaModel;
import org.dina.tensor.Tensor;
import org.dina.train.Checkpoint;
import org.dina.train.CheckpointSink;
import org.dina.train.History;
import org.dina.train.TrainingState;

/**
 * Keeps a copy of the model's state at its best epoch in memory, so that training without a run folder still ends
 * on the best model (as {@code dina train} does by reloading {@code best.safetensors}); passes everything on to
 * another sink. The copy is made once and overwritten at every improvement.
 */
final class BestState implements CheckpointSink {
    private final CheckpointSink next;
    private Map<String, Tensor> best;

    BestState(CheckpointSink next) {
        this.next = next;
    }

    @Override
    public void save(Slot slot, DinaModel model, ResponseNormalizer normalizer, Checkpoint.Optimisation optimisation, TrainingState state)
            throws IOException {
        if (slot == Slot.BEST) {
            if (best == null) {
                best = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> e : model.stateTensors().entrySet()) best.put(e.getKey(), e.getValue().copy());
            } else {
                for (Map.Entry<String, Tensor> e : model.stateTensors().entrySet()) e.getValue().copyTo(best.get(e.getKey()));
            }
        }
        next.save(slot, model, normalizer, optimisation, state);
    }

    @Override public void history(History history) throws IOException { next.history(history); }

    @Override public Optional<Path> lastCheckpoint() { return next.lastCheckpoint(); }

    /** Puts the best epoch's state back into {@code model} (a no-op when no epoch finished). */
    void restoreInto(DinaModel model) {
        if (best != null) model.loadState(best, "the best epoch kept in memory");
    }
}
