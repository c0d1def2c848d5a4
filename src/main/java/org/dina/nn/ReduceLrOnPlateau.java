package org.dina.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lowers one optimizer's learning rate when a monitored metric stops improving, exactly like PyTorch 1.13's
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}: after more than {@code patience} steps without an improvement
 * beyond {@code threshold}, lr becomes {@code max(lr * factor, minLr)} (unless that changes it by {@code eps} or
 * less), then {@code cooldown} steps pass in which bad steps are not counted.
 */
public final class ReduceLrOnPlateau {
    /** Whether a smaller ({@code MIN}) or larger ({@code MAX}) metric is better. */
    public enum Mode { MIN, MAX }

    /** Whether {@code threshold} is relative to the best value so far or an absolute margin. */
    public enum ThresholdMode { REL, ABS }

    /** Settings; PyTorch's defaults are {@link #DEFAULTS}. */
    public record Config(Mode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode,
                         int cooldown, double minLr, double eps) {
        public static final Config DEFAULTS = new Config(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);

        public Config {
            if (mode == null || thresholdMode == null) throw new IllegalArgumentException("ReduceLrOnPlateau: null mode");
            if (!(factor < 1.0)) throw new IllegalArgumentException("ReduceLrOnPlateau: factor should be < 1.0, got " + factor);
            if (patience < 0) throw new IllegalArgumentException("ReduceLrOnPlateau: negative patience " + patience);
            if (cooldown < 0) throw new IllegalArgumentException("ReduceLrOnPlateau: negative cooldown " + cooldown);
        }

        public Config withMode(Mode v) { return new Config(v, factor, patience, threshold, thresholdMode, cooldown, minLr, eps); }
        public Config withFactor(double v) { return new Config(mode, v, patience, threshold, thresholdMode, cooldown, minLr, eps); }
        public Config withPatience(int v) { return new Config(mode, factor, v, threshold, thresholdMode, cooldown, minLr, eps); }
        public Config withThreshold(double v, ThresholdMode m) { return new Config(mode, factor, patience, v, m, cooldown, minLr, eps); }
        public Config withCooldown(int v) { return new Config(mode, factor, patience, threshold, thresholdMode, v, minLr, eps); }
        public Config withMinLr(double v) { return new Config(mode, factor, patience, threshold, thresholdMode, cooldown, v, eps); }
        public Config withEps(double v) { return new Config(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, v); }
    }

    /** Everything that changes between steps (the learning rate itself lives in the optimizer's state). */
    public record State(double best, int numBadEpochs, int cooldownCounter, long lastEpoch) {
        /** As text that round-trips exactly (infinite {@code best} included), for a checkpoint's metadata. */
        public Map<String, String> toStrings() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("best", Double.toString(best));
            m.put("num_bad_epochs", Integer.toString(numBadEpochs));
            m.put("cooldown_counter", Integer.toString(cooldownCounter));
            m.put("last_epoch", Long.toString(lastEpoch));
            return m;
        }

        /** Parses what {@link #toStrings()} wrote. */
        public static State fromStrings(Map<String, String> m) {
            for (String k : new String[] {"best", "num_bad_epochs", "cooldown_counter", "last_epoch"}) {
                if (!m.containsKey(k)) throw new IllegalArgumentException("ReduceLrOnPlateau state: missing '" + k + "' in " + m.keySet());
            }
            return new State(Double.parseDouble(m.get("best")), Integer.parseInt(m.get("num_bad_epochs")),
                    Integer.parseInt(m.get("cooldown_counter")), Long.parseLong(m.get("last_epoch")));
        }
    }

    private final Optimizer optimizer;
    private final Config config;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private long lastEpoch;

    public ReduceLrOnPlateau(Optimizer optimizer, Config config) {
        this.optimizer = optimizer;
        this.config = config;
        this.best = worst();
    }

    public Config config() { return config; }

    /** Records one value of the metric (e.g. the epoch's test loss) and lowers the learning rate if it has plateaued. */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric, best)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0; // bad epochs in cooldown do not count
        }
        if (numBadEpochs > config.patience()) {
            reduceLr();
            cooldownCounter = config.cooldown();
            numBadEpochs = 0;
        }
    }

    private void reduceLr() {
        double old = optimizer.lr();
        double lowered = old * config.factor();
        // Python's max(a, b) keeps a unless b is larger
        double next = config.minLr() > lowered ? config.minLr() : lowered;
        if (old - next > config.eps()) optimizer.setLr(next);
    }

    private boolean isBetter(double a, double best) {
        if (config.mode() == Mode.MIN) {
            return config.thresholdMode() == ThresholdMode.REL ? a < best * (1. - config.threshold()) : a < best - config.threshold();
        }
        return config.thresholdMode() == ThresholdMode.REL ? a > best * (config.threshold() + 1.) : a > best + config.threshold();
    }

    private double worst() {
        return config.mode() == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    public double best() { return best; }

    public int numBadEpochs() { return numBadEpochs; }

    public boolean inCooldown() { return cooldownCounter > 0; }

    public State state() { return new State(best, numBadEpochs, cooldownCounter, lastEpoch); }

    public void loadState(State s) {
        if (s.numBadEpochs() < 0 || s.cooldownCounter() < 0 || s.lastEpoch() < 0) {
            throw new IllegalArgumentException("ReduceLrOnPlateau.loadState: negative counter in " + s);
        }
        best = s.best();
        numBadEpochs = s.numBadEpochs();
        cooldownCounter = s.cooldownCounter();
        lastEpoch = s.lastEpoch();
    }
}
