package org.dina.train;

/**
 * Training stopped because the loss or the parameters stopped being finite (usually a learning rate too high). The
 * message is one line: where it happened, which tower, which checkpoint was kept and what to change.
 */
public final class TrainingDiverged extends RuntimeException {
    public TrainingDiverged(String message) {
        super(message);
    }
}
