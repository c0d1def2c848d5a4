package org.dina.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dina.nn.BatchNorm2d;
import org.dina.nn.Init;
import org.dina.nn.Parameter;
import org.dina.nn.ParameterSet;
import org.dina.tensor.Tensor;

/**
 * Both towers and the loss that aligns them. The temperature is fixed (the reference's 0.01) unless the config asks
 * for it to be learnt, in which case log(tau) is one more parameter.
 */
public final class DinaModel {
    private final DinaConfig config;
    private final ImageTower image;
    private final NeuralTower neural;
    private final InfoNceLoss loss = new InfoNceLoss();
    private final MapMatchLoss mapMatch;
    private final ParameterSet temperature = new ParameterSet();
    private final Parameter logTau;

    public DinaModel(DinaConfig config, int neurons) {
        this.config = config;
        this.mapMatch = new MapMatchLoss(config.loss().rmseWeight(), config.loss().ssimWeight(), config.loss().ssimPadding());
        this.image = new ImageTower(config.model(), config.seed() * 31 + 1);
        this.neural = new NeuralTower(neurons, config.model(), config.seed() * 31 + 2);
        this.logTau = temperature.add("loss.log_tau", Init.constant((float) Math.log(config.loss().temperature())), 1);
        temperature.allocate(0);
    }

    public DinaConfig config() { return config; }
    public ImageTower image() { return image; }
    public NeuralTower neural() { return neural; }
    public InfoNceLoss loss() { return loss; }
    /** The optional RMSE and SSIM terms ({@link MapMatchLoss#active()} is false when both weights are 0). */
    public MapMatchLoss mapMatch() { return mapMatch; }
    /** One-element set holding log(tau) (trained only when {@code loss.learnTemperature}). */
    public ParameterSet temperature() { return temperature; }

    public double tau() { return Math.exp(logTau.value().getFlat(0)); }

    /**
     * Forward and backward for one batch: image-tower inputs [B, ...] and normalised responses [B, N].
     * Gradients are accumulated into both towers' (and the temperature's) gradient buffers; returns the loss.
     */
    public double trainStep(Tensor imageInputs, Tensor responses) {
        double l = evaluate(imageInputs, responses);
        loss.backward();
        Tensor dImageMaps = null, dNeuralMaps = null;
        if (mapMatch.active()) {
            mapMatch.backward();
            dImageMaps = mapMatch.gradImage();
            dNeuralMaps = mapMatch.gradNeural();
        }
        image.backward(loss.gradA(), dImageMaps);
        neural.backward(loss.gradB(), dNeuralMaps);
        Tensor g = logTau.grad();
        g.setFlat(0, (float) (g.getFlat(0) + loss.gradLogTau()));
        return l;
    }

    /** The loss of one batch (InfoNCE plus any weighted map-matching terms) without touching any gradient. */
    public double evaluate(Tensor imageInputs, Tensor responses) {
        double l = loss.forward(image.forward(imageInputs), neural.forward(responses), tau());
        return mapMatch.active() ? l + mapMatch.forward(image.maps(), neural.maps()) : l;
    }

    public void zeroGrad() {
        image.parameters().zeroGrad();
        neural.parameters().zeroGrad();
        temperature.zeroGrad();
    }

    /** Training mode switches BatchNorm to batch statistics (joint image tower only). */
    public void setTraining(boolean training) { image.setTraining(training); }

    /** Every tensor that defines the model's behaviour, by stable name: parameters and BatchNorm running statistics. */
    public Map<String, Tensor> stateTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSet ps : List.of(image.parameters(), neural.parameters(), temperature)) {
            for (Parameter p : ps.list()) out.put(p.name(), p.value());
        }
        List<BatchNorm2d> bns = image.backbone().batchNorms();
        for (int i = 0; i < bns.size(); i++) {
            out.put("image.bn." + i + ".running_mean", bns.get(i).runningMean());
            out.put("image.bn." + i + ".running_var", bns.get(i).runningVar());
        }
        return out;
    }

    /** Overwrites the model's state from tensors saved by {@link #stateTensors()}; shapes must match. */
    public void loadState(Map<String, Tensor> saved, String where) {
        for (Map.Entry<String, Tensor> e : stateTensors().entrySet()) {
            Tensor src = saved.get(e.getKey());
            if (src == null) throw new IllegalArgumentException(where + ": checkpoint lacks tensor " + e.getKey());
            if (!src.hasShape(e.getValue().shape())) {
                throw new IllegalArgumentException(where + ": tensor " + e.getKey() + " has shape " + src.shapeString()
                        + " but the model needs " + e.getValue().shapeString());
            }
            src.copyTo(e.getValue());
        }
        neural.weightsChanged();
    }
}
