package org.dina.train;

import java.util.ArrayList;
import java.util.List;

/** Per-epoch losses and learning rates, for the loss-curve figure and {@code history.json}. */
public record History(List<Epoch> epochs) {
    /** One epoch's numbers. */
    public record Epoch(int epoch, double trainLoss, double valLoss, double imageLr, double neuralLr, double tau, double seconds) {}

    public History() {
        this(new ArrayList<>());
    }

    public History upTo(int epochsDone) {
        return new History(new ArrayList<>(epochs.subList(0, Math.min(epochs.size(), epochsDone))));
    }
}
