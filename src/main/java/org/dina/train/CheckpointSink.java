package org.dina.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.dina.data.ResponseNormalizer;
import org.dina.model.DinaModel;

/**
 * Where the trainer puts what it has after every epoch: a run folder's best and last checkpoints and its history, or
 * nowhere (training in memory). The trainer calls {@link #save} for the best checkpoint before the last one, then
 * {@link #history}; a sink must not keep the model's tensors, which change with the next step.
 */
public interface CheckpointSink {
    /** Which checkpoint is being saved: the best by validation loss so far, or the latest epoch's. */
    enum Slot { BEST, LAST }

    void save(Slot slot, DinaModel model, ResponseNormalizer normalizer, Checkpoint.Optimisation optimisation, TrainingState state)
            throws IOException;

    void history(History history) throws IOException;

    /** The file that holds the last good epoch, for the message when training diverges; empty when nothing is kept. */
    Optional<Path> lastCheckpoint();

    /** Keeps nothing. */
    CheckpointSink NONE = new CheckpointSink() {
        @Override public void save(Slot slot, DinaModel model, ResponseNormalizer normalizer, Checkpoint.Optimisation o, TrainingState s) {}
        @Override public void history(History history) {}
        @Override public Optional<Path> lastCheckpoint() { return Optional.empty(); }
    };

    /** Writes {@code checkpoints/best.safetensors}, {@code checkpoints/last.safetensors} and {@code history.json} of a run folder. */
    static CheckpointSink into(RunFolder folder) {
        return new CheckpointSink() {
            @Override
            public void save(Slot slot, DinaModel model, ResponseNormalizer normalizer, Checkpoint.Optimisation o, TrainingState s)
                    throws IOException {
                Checkpoint.save(slot == Slot.BEST ? folder.bestCheckpoint() : folder.lastCheckpoint(), model, normalizer, o, s);
            }

            @Override public void history(History history) throws IOException { folder.writeHistory(history); }

            @Override public Optional<Path> lastCheckpoint() { return Optional.of(folder.lastCheckpoint()); }
        };
    }
}
