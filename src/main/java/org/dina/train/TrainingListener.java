package org.dina.train;

import java.util.Locale;
import org.dina.progress.Progress;

/**
 * What a caller hears from {@link Trainer} while it trains: the start, one call per finished epoch (after that
 * epoch's checkpoints are saved), the end, and notes about the configuration. Every method has an empty default.
 */
public interface TrainingListener {
    /** Before the first epoch of this call: the epochs already done (a resumed run) and the epoch limit. */
    default void started(int epochsDone, int epochLimit) {}

    /** After every epoch, with the state it left (best validation loss and its epoch, epochs done). */
    default void epochEnded(History.Epoch epoch, TrainingState state) {}

    /** After the last epoch of this call, also when early stopping or an error (divergence, a full disk) ended it. */
    default void finished(TrainingState state) {}

    /** A remark about the configuration a person should read (a schedule that can never act, say). */
    default void note(String text) {}

    /** Hears nothing. */
    TrainingListener SILENT = new TrainingListener() {};

    /** Reports epochs as a {@link Progress} task labelled {@code train}, and notes through {@link Progress#note}. */
    static TrainingListener progress() {
        return new TrainingListener() {
            private Progress.Task task;

            @Override
            public void started(int epochsDone, int epochLimit) {
                task = Progress.start("train", epochLimit);
                if (epochsDone > 0) task.step(epochsDone, "resumed at epoch " + epochsDone);
            }

            @Override
            public void epochEnded(History.Epoch e, TrainingState s) {
                task.step(String.format(Locale.ROOT, "loss %.3f  val %.3f  best %.3f@%d", e.trainLoss(), e.valLoss(),
                        s.bestValLoss(), s.bestEpoch() + 1));
            }

            @Override
            public void finished(TrainingState state) {
                task.close();
            }

            @Override public void note(String text) { Progress.note(text); }
        };
    }
}
