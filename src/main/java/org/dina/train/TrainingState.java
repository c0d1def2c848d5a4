package org.dina.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run stands after an epoch: enough, with the model and optimiser state, to resume it exactly.
 *
 * @param epochsDone    completed epochs
 * @param bestValLoss   lowest validation loss so far (+inf before the first epoch)
 * @param bestEpoch     epoch (0-based) that reached it, -1 before
 * @param badEpochs     epochs since the last improvement (early stopping counts these)
 * @param trainSeconds  wall-clock seconds spent training so far (not part of the model's bits)
 */
public record TrainingState(int epochsDone, double bestValLoss, int bestEpoch, int badEpochs, double trainSeconds) {
    public static TrainingState start() {
        return new TrainingState(0, Double.POSITIVE_INFINITY, -1, 0, 0);
    }

    Map<String, String> toStrings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epochs_done", Integer.toString(epochsDone));
        m.put("best_val_loss", Double.toString(bestValLoss));
        m.put("best_epoch", Integer.toString(bestEpoch));
        m.put("bad_epochs", Integer.toString(badEpochs));
        return m;
    }

    static TrainingState fromStrings(Map<String, String> m, double trainSeconds) {
        return new TrainingState(Integer.parseInt(m.get("epochs_done")), Double.parseDouble(m.get("best_val_loss")),
                Integer.parseInt(m.get("best_epoch")), Integer.parseInt(m.get("bad_epochs")), trainSeconds);
    }
}
