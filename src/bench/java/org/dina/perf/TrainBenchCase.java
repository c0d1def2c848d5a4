package org.dina.perf;

import java.util.List;
import org.dina.model.ConfigFiles;
import org.dina.model.DinaConfig;
import org.dina.model.MapNormalisation;

/**
 * One shape of training step to time: a config (towers, optimisers, batch), a neuron count, how many steps to run
 * before timing (at least {@code warmupSteps} and at least {@code minWarmupSeconds}: JIT warm-up, first touch of
 * buffers) and how many to time.
 */
public record TrainBenchCase(String name, DinaConfig config, int neurons, int warmupSteps, double minWarmupSeconds, int steps) {
    /** Warm-up time of the named cases: the JIT compiles the vector kernels only after a few seconds of steps. */
    public static final double MIN_WARMUP_SECONDS = 8;
    /** Names accepted by {@link #named(String)}, in the order {@code all} runs them. */
    public static final List<String> NAMES = List.of("default", "default-maps", "paper-1k", "paper-10k", "joint");

    public TrainBenchCase {
        if (neurons < 1) throw new IllegalArgumentException("TrainBenchCase " + name + ": neurons must be >= 1, got " + neurons);
        if (warmupSteps < 0 || steps < 1 || !(minWarmupSeconds >= 0)) {
            throw new IllegalArgumentException("TrainBenchCase " + name + ": needs warmupSteps >= 0, minWarmupSeconds >= 0 and steps >= 1, got "
                    + warmupSteps + ", " + minWarmupSeconds + " and " + steps);
        }
    }

    /**
     * {@code default}: the built-in default config at its simulated population (500 neurons);
     * {@code default-maps}: the same with the optional RMSE and SSIM loss terms on (weight 1 each) and min-max maps
     * (which the SSIM term needs), to show their cost; {@code paper-1k}: the reference's dimensions (d 512) at 1,000
     * neurons; {@code paper-10k}: the same at 10,000 neurons, the size of a natimg2800 recording; {@code joint}:
     * configs/joint.yaml (the whole image tower trained on 68 x 270 images) at its 500 neurons, few steps because
     * each runs the backbone forward and backward.
     */
    public static TrainBenchCase named(String name) {
        return switch (name) {
            case "default" -> {
                DinaConfig c = ConfigFiles.builtIn("default");
                yield new TrainBenchCase(name, c, c.data().simulation().neurons(), 5, MIN_WARMUP_SECONDS, 10);
            }
            case "default-maps" -> {
                DinaConfig c = ConfigFiles.builtIn("default");
                // the SSIM term compares maps in [0, 1], so this case keeps the release's min-max maps
                DinaConfig maps = new DinaConfig(c.name() + "-maps", c.seed(), c.data(),
                        c.model().withMaps(MapNormalisation.MINMAX, c.model().mapChannels()),
                        new DinaConfig.Loss(c.loss().temperature(), c.loss().learnTemperature(), 1, 1), c.train());
                yield new TrainBenchCase(name, maps, c.data().simulation().neurons(), 5, MIN_WARMUP_SECONDS, 10);
            }
            case "paper-1k" -> new TrainBenchCase(name, ConfigFiles.builtIn("paper"), 1_000, 2, MIN_WARMUP_SECONDS, 5);
            case "paper-10k" -> new TrainBenchCase(name, ConfigFiles.builtIn("paper"), 10_000, 1, MIN_WARMUP_SECONDS, 3);
            case "joint" -> {
                DinaConfig c = ConfigFiles.builtIn("joint");
                yield new TrainBenchCase(name, c, c.data().simulation().neurons(), 1, MIN_WARMUP_SECONDS, 2);
            }
            default -> throw new IllegalArgumentException("unknown training benchmark case '" + name + "' (known: "
                    + String.join(", ", NAMES) + ", all)");
        };
    }

    /** The same case with other step counts. */
    public TrainBenchCase withSteps(int warmup, int timed) {
        return new TrainBenchCase(name, config, neurons, warmup, minWarmupSeconds, timed);
    }

    public int batch() { return config.train().batch(); }

    public int dim() { return config.model().neuralDim(); }
}
