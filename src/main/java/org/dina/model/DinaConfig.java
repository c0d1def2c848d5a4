package org.dina.model;

import java.util.List;
import org.dina.data.SplitProtocol;
import org.dina.nn.SsimPadding;

/**
 * Everything that defines a run: data protocol, both towers, loss and training schedule. Read from YAML by
 * {@link ConfigFiles}; stored beside every checkpoint so that a run can be reproduced bit for bit.
 */
public record DinaConfig(String name, long seed, Data data, Model model, Loss loss, Train train) {

    /** Which trials go where and how responses are presented. */
    public record Data(Simulation simulation, SplitProtocol split, TrialMode trials, double validationFraction,
                       double testFraction, int imageHeight, int imageWidth) {
        public Data {
            require(split == SplitProtocol.IMAGES || split == SplitProtocol.REPEATS, "data.split must be one of "
                    + ConfigKeys.SPLITS + ", got " + (split == null ? null : ConfigKeys.key(split)));
            require(trials != null, "data.trials must be one of single, averaged");
            require(validationFraction > 0 && testFraction > 0 && validationFraction + testFraction < 1,
                    "data.validationFraction and data.testFraction must be > 0 and sum to < 1");
            require(imageHeight > 0 && imageWidth > 0, "data.imageHeight and data.imageWidth must be positive");
        }

        /** The protocol {@code data.split} spells {@code key} ({@code images} or {@code repeats}). */
        public static SplitProtocol split(String key) {
            return ConfigKeys.split(key);
        }
    }

    /** Size of the built-in simulated V1 population (used when no data path is given). */
    public record Simulation(int images, int neurons, int repeats, double undrivenFraction, double noise) {
        public Simulation {
            require(images >= 10 && neurons >= 1 && repeats >= 1, "data.simulation needs images >= 10, neurons >= 1, repeats >= 1");
        }
    }

    /**
     * Tower shapes. {@code imageTower} is {@code frozen} (as released: random backbone, only the head trains) or
     * {@code joint} ({@link ImageTowerMode}); {@code neuralAttention} picks one of two exact ways to compute the
     * neural attention ({@link NeuralAttentionMode}). {@code mapNormalisation} and {@code mapChannels} shape the alignment maps: the release has one
     * min-max scaled 16 x 64 map per tower ({@code minmax}, 1); see {@link MapNormalisation}. {@code neuralResidual}
     * adds each neuron's response to its attention output (false in the release, which has no residual anywhere in
     * the neural tower), so the MLP sees the population response itself beside what the attention mixes in.
     * {@code imageHeadHidden} > 0 puts a hidden 1x1 convolution of that width, with GELU, before the image head's
     * 1x1 convolution to the maps (0 in the release). {@code crossAttention} and {@code initialisation} choose between
     * the release's arithmetic ({@code reference}) and the variants this tool had before ({@code clean}, {@code xavier});
     * see {@link CrossAttention} and {@link Initialisation}.
     */
    public record Model(ImageTowerMode imageTower, int neuralDim, int heads, List<Integer> neuralMlp, NeuralAttentionMode neuralAttention,
                        MapNormalisation mapNormalisation, int mapChannels, boolean neuralResidual, int imageHeadHidden,
                        CrossAttention crossAttention, Initialisation initialisation) {
        /**
         * Keys added after the first release of this tool, with the value that a config or run folder written before
         * the key existed was made with: the release's maps, and this tool's earlier cross-attention and
         * initialisation, so that an older run folder evaluates exactly as it was trained.
         */
        public static final java.util.Map<String, Object> LATER_KEYS = java.util.Map.of("mapNormalisation", "minmax",
                "mapChannels", 1, "neuralResidual", false, "imageHeadHidden", 0, "crossAttention", "clean", "initialisation", "xavier");

        public Model {
            require(imageTower != null, "model.imageTower must be one of frozen, joint");
            require(neuralDim > 0 && heads > 0 && neuralDim % heads == 0, "model.neuralDim must be a positive multiple of model.heads");
            require(mapChannels >= 1 && mapChannels <= 64, "model.mapChannels must be between 1 and 64, got " + mapChannels);
            require(neuralMlp != null && !neuralMlp.isEmpty() && neuralMlp.get(neuralMlp.size() - 1) == 256 * mapChannels,
                    "model.neuralMlp must end in 256 x model.mapChannels = " + 256 * mapChannels + " (reshaped to "
                            + mapChannels + " map(s) of 8x32)");
            require(neuralAttention != null, "model.neuralAttention must be one of shortcut, direct");
            require(imageHeadHidden >= 0, "model.imageHeadHidden must be >= 0 (0 = the release's single 1x1 convolution), got " + imageHeadHidden);
            require(mapNormalisation != null, "model.mapNormalisation must be one of minmax, zscore, none");
            require(crossAttention != null, "model.crossAttention must be reference or clean");
            require(initialisation != null, "model.initialisation must be reference or xavier");
        }

        /** The release's maps (one channel, min-max scaled), cross-attention and initialisation. */
        public Model(ImageTowerMode imageTower, int neuralDim, int heads, List<Integer> neuralMlp, NeuralAttentionMode neuralAttention) {
            this(imageTower, neuralDim, heads, neuralMlp, neuralAttention, MapNormalisation.MINMAX, 1, false, 0);
        }

        /** The release's cross-attention and initialisation with these maps and neural tower options. */
        public Model(ImageTowerMode imageTower, int neuralDim, int heads, List<Integer> neuralMlp, NeuralAttentionMode neuralAttention,
                     MapNormalisation mapNormalisation, int mapChannels, boolean neuralResidual, int imageHeadHidden) {
            this(imageTower, neuralDim, heads, neuralMlp, neuralAttention, mapNormalisation, mapChannels, neuralResidual,
                    imageHeadHidden, CrossAttention.REFERENCE, Initialisation.REFERENCE);
        }

        public boolean jointImageTower() { return imageTower == ImageTowerMode.JOINT; }

        /** The same towers with other alignment maps. */
        public Model withMaps(MapNormalisation normalisation, int channels) {
            return new Model(imageTower, neuralDim, heads, neuralMlp, neuralAttention, normalisation, channels, neuralResidual,
                    imageHeadHidden, crossAttention, initialisation);
        }
    }

    /**
     * Symmetric InfoNCE plus optional map-matching terms, rmseWeight · RMSE + ssimWeight · (1 − SSIM) (0 in the
     * reference). {@code ssimPadding} is the border of SSIM's window, for this term and for the SSIM the evaluation
     * reports ({@code zero} as released; see {@link SsimPadding}).
     */
    public record Loss(double temperature, boolean learnTemperature, double rmseWeight, double ssimWeight, SsimPadding ssimPadding) {
        /** Keys added after the first release of this tool, with the value files written before them were made with. */
        public static final java.util.Map<String, Object> LATER_KEYS = java.util.Map.of("ssimPadding", "reflect");

        public Loss {
            require(temperature > 0, "loss.temperature must be > 0");
            require(rmseWeight >= 0 && ssimWeight >= 0, "loss.rmseWeight and loss.ssimWeight must be >= 0");
            require(ssimPadding != null, "loss.ssimPadding must be zero or reflect");
        }

        /** The release's SSIM window (zero padding). */
        public Loss(double temperature, boolean learnTemperature, double rmseWeight, double ssimWeight) {
            this(temperature, learnTemperature, rmseWeight, ssimWeight, SsimPadding.ZERO);
        }
    }

    public DinaConfig {
        require(loss.ssimWeight() == 0 || model.mapNormalisation() == MapNormalisation.MINMAX,
                "loss.ssimWeight needs model.mapNormalisation: minmax (SSIM compares maps scaled to [0, 1])");
    }

    /** Optimisers (AdamW for the image tower, RMSprop for the neural tower), plateau schedulers and stopping. */
    public record Train(int batch, int epochs, int earlyStopPatience, double imageLr, double imageWeightDecay,
                        double neuralLr, double neuralAlpha, double plateauFactor, int plateauPatience) {
        public Train {
            require(batch >= 2, "train.batch must be >= 2 (InfoNCE needs negatives)");
            require(epochs >= 1, "train.epochs must be >= 1");
            require(imageLr > 0 && neuralLr > 0, "learning rates must be > 0");
            require(plateauFactor > 0 && plateauFactor < 1, "train.plateauFactor must be in (0, 1)");
            require(earlyStopPatience >= 1 && plateauPatience >= 0, "train.earlyStopPatience must be >= 1 and train.plateauPatience >= 0");
        }

        /**
         * Why the learning-rate schedule can never act, or empty when it can: the plateau scheduler lowers a rate
         * after more than {@code plateauPatience} epochs without improvement, early stopping ends training after
         * {@code earlyStopPatience} such epochs, and the run ends after {@code epochs}.
         */
        public java.util.Optional<String> scheduleWarning() {
            if (plateauPatience < Math.min(earlyStopPatience, epochs)) return java.util.Optional.empty();
            String end = earlyStopPatience <= epochs ? "train.earlyStopPatience " + earlyStopPatience : "train.epochs " + epochs;
            return java.util.Optional.of("train.plateauPatience " + plateauPatience + " is not below " + end
                    + ": the learning rates are never reduced (lower train.plateauPatience for a schedule that acts)");
        }
    }

    /** The same config with another seed (the weights, the split, the batch order and, on the simulator, the recording). */
    public DinaConfig withSeed(long newSeed) {
        return new DinaConfig(name, newSeed, data, model, loss, train);
    }

    /** The simulated recording this config describes (its seed is the run's seed). */
    public org.dina.data.SimulationConfig simulationConfig() {
        Simulation s = data.simulation();
        org.dina.data.SimulationConfig d = org.dina.data.SimulationConfig.defaults();
        return org.dina.data.SimulationConfig.of(seed, s.images(), s.neurons(), s.repeats())
                .withPopulation(s.undrivenFraction(), d.sparseFraction(), d.complexFraction())
                .withNoise(s.noise(), d.sharedNoise())
                .withImageSize(data.imageHeight(), data.imageWidth());
    }

    static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
