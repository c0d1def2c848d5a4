package org.dina.model;

import java.util.List;
import org.dina.data.SplitProtocol;
import org.dina.nn.SsimPadding;

/**
 * Everything that defines a run: data protocol, both towers, loss and training schedule. Read from YAML by
 * {@link ConfigFiles}; stored beside every checkpoint so that a run can be reproduced bit for bit. Every record
 * checks its values when built and throws {@link IllegalArgumentException} with one line naming the key.
 *
 * @param name  the config's name; a run's folder is {@code runs/<name>} unless {@code --out} names another
 * @param seed  fixes the split, both towers' initial weights, the batch order and the simulated recording
 * @param data  which trials go where
 * @param model both towers' shapes
 * @param loss  the contrastive loss and the optional map-matching terms
 * @param train optimisers, schedule and stopping
 */
public record DinaConfig(String name, long seed, Data data, Model model, Loss loss, Train train) {

    /**
     * Which trials go where and how responses are presented.
     *
     * @param simulation         the built-in simulated recording, used when no data path is given
     * @param split              {@code images} (test images never seen in training) or {@code repeats} (held-out
     *                           repeats of every image); a dataset's own tiers win over either
     * @param trials             whether a training pair holds one trial or the mean of its image's trials
     * @param validationFraction {@code images}: the share of images that validate; {@code repeats}: with
     *                           {@code testFraction}, the share validation / (validation + test) of the images whose
     *                           held-out repeat validates rather than tests; with tiers that name no validation
     *                           trials, the share of training images moved to validation
     * @param testFraction       {@code images}: the share of images that test; the rest train
     * @param imageHeight        the image tower's input height; images are resized to it
     * @param imageWidth         the image tower's input width; images are resized to it
     */
    public record Data(Simulation simulation, SplitProtocol split, TrialMode trials, double validationFraction,
                       double testFraction, int imageHeight, int imageWidth) {
        /** Checks the values (both fractions positive, summing to less than 1; a positive image size). */
        public Data {
            require(split == SplitProtocol.IMAGES || split == SplitProtocol.REPEATS, "data.split must be one of "
                    + ConfigKeys.SPLITS + ", got " + (split == null ? null : ConfigKeys.key(split)));
            require(trials != null, "data.trials must be one of single, averaged");
            require(validationFraction > 0 && testFraction > 0 && validationFraction + testFraction < 1,
                    "data.validationFraction and data.testFraction must be > 0 and sum to < 1");
            require(imageHeight > 0 && imageWidth > 0, "data.imageHeight and data.imageWidth must be positive");
        }

        /**
         * The protocol {@code data.split} spells {@code key}.
         *
         * @param key {@code images} or {@code repeats}
         * @return the protocol
         * @throws IllegalArgumentException naming {@code data.split} when {@code key} is neither
         */
        public static SplitProtocol split(String key) {
            return ConfigKeys.split(key);
        }
    }

    /**
     * Size of the built-in simulated V1 population (used when no data path is given).
     *
     * @param images           images shown, at least 10
     * @param neurons          neurons recorded
     * @param repeats          trials per image
     * @param undrivenFraction the share of neurons whose response is noise only
     * @param noise            trial-to-trial noise level: the noise's standard deviation is
     *                         {@code noise * sqrt(mean + 0.1)} (see {@link org.dina.data.SimulationConfig})
     */
    public record Simulation(int images, int neurons, int repeats, double undrivenFraction, double noise) {
        /** Checks the sizes. */
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
     *
     * @param imageTower       {@code frozen} or {@code joint}
     * @param neuralDim        the size d of each neuron's token in the neural attention
     * @param heads            attention heads over neurons; {@code neuralDim} is a multiple of it
     * @param neuralMlp        widths of the linear MLP after the attention, its last 256 x {@code mapChannels}
     * @param neuralAttention  {@code shortcut} or {@code direct}, the same function computed two ways
     * @param mapNormalisation {@code minmax} (released), {@code zscore} or {@code none}
     * @param mapChannels      16 x 64 maps per tower, 1 to 64 (1 in the release)
     * @param neuralResidual   add each neuron's response to its attention output
     * @param imageHeadHidden  0, or the width of a hidden 1x1 convolution with GELU in the image head
     * @param crossAttention   {@code reference} or {@code clean}
     * @param initialisation   {@code reference} or {@code xavier}
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

        /** Checks the values; the MLP must end in 256 x {@code mapChannels} (reshaped to that many 8 x 32 maps). */
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

        /**
         * The release's maps (one channel, min-max scaled), cross-attention and initialisation.
         *
         * @param imageTower      {@code frozen} or {@code joint}
         * @param neuralDim       the size d of each neuron's token
         * @param heads           attention heads over neurons
         * @param neuralMlp       widths of the linear MLP after the attention, ending in 256
         * @param neuralAttention {@code shortcut} or {@code direct}
         */
        public Model(ImageTowerMode imageTower, int neuralDim, int heads, List<Integer> neuralMlp, NeuralAttentionMode neuralAttention) {
            this(imageTower, neuralDim, heads, neuralMlp, neuralAttention, MapNormalisation.MINMAX, 1, false, 0);
        }

        /**
         * The release's cross-attention and initialisation with these maps and neural tower options.
         *
         * @param imageTower       {@code frozen} or {@code joint}
         * @param neuralDim        the size d of each neuron's token
         * @param heads            attention heads over neurons
         * @param neuralMlp        widths of the linear MLP after the attention, ending in 256 x {@code mapChannels}
         * @param neuralAttention  {@code shortcut} or {@code direct}
         * @param mapNormalisation how each map is scaled
         * @param mapChannels      maps per tower
         * @param neuralResidual   add each neuron's response to its attention output
         * @param imageHeadHidden  0, or the width of a hidden 1x1 convolution in the image head
         */
        public Model(ImageTowerMode imageTower, int neuralDim, int heads, List<Integer> neuralMlp, NeuralAttentionMode neuralAttention,
                     MapNormalisation mapNormalisation, int mapChannels, boolean neuralResidual, int imageHeadHidden) {
            this(imageTower, neuralDim, heads, neuralMlp, neuralAttention, mapNormalisation, mapChannels, neuralResidual,
                    imageHeadHidden, CrossAttention.REFERENCE, Initialisation.REFERENCE);
        }

        /** {@return whether the whole image tower trains} */
        public boolean jointImageTower() { return imageTower == ImageTowerMode.JOINT; }

        /**
         * The same towers with other alignment maps. The MLP is kept, so it must already end in 256 x {@code channels}.
         *
         * @param normalisation how each map is scaled
         * @param channels      maps per tower
         * @return the changed model section
         */
        public Model withMaps(MapNormalisation normalisation, int channels) {
            return new Model(imageTower, neuralDim, heads, neuralMlp, neuralAttention, normalisation, channels, neuralResidual,
                    imageHeadHidden, crossAttention, initialisation);
        }
    }

    /**
     * Symmetric InfoNCE plus optional map-matching terms, rmseWeight · RMSE + ssimWeight · (1 − SSIM) (0 in the
     * reference). {@code ssimPadding} is the border of SSIM's window, for this term and for the SSIM the evaluation
     * reports ({@code zero} as released; see {@link SsimPadding}).
     *
     * @param temperature      InfoNCE's temperature tau (0.01 in the release); logits are similarities over tau
     * @param learnTemperature train log(tau) with the towers (AdamW at {@code train.imageLr}), from {@code temperature}
     * @param rmseWeight       weight of the RMSE between paired maps
     * @param ssimWeight       weight of 1 - SSIM between paired maps (needs {@code minmax} maps)
     * @param ssimPadding      {@code zero} (released) or {@code reflect}
     */
    public record Loss(double temperature, boolean learnTemperature, double rmseWeight, double ssimWeight, SsimPadding ssimPadding) {
        /** Keys added after the first release of this tool, with the value files written before them were made with. */
        public static final java.util.Map<String, Object> LATER_KEYS = java.util.Map.of("ssimPadding", "reflect");

        /** Checks the values. */
        public Loss {
            require(temperature > 0, "loss.temperature must be > 0");
            require(rmseWeight >= 0 && ssimWeight >= 0, "loss.rmseWeight and loss.ssimWeight must be >= 0");
            require(ssimPadding != null, "loss.ssimPadding must be zero or reflect");
        }

        /**
         * The release's SSIM window (zero padding).
         *
         * @param temperature      InfoNCE's temperature tau
         * @param learnTemperature train log(tau) with the towers
         * @param rmseWeight       weight of the RMSE between paired maps
         * @param ssimWeight       weight of 1 - SSIM between paired maps
         */
        public Loss(double temperature, boolean learnTemperature, double rmseWeight, double ssimWeight) {
            this(temperature, learnTemperature, rmseWeight, ssimWeight, SsimPadding.ZERO);
        }
    }

    /** Checks that an SSIM term has the [0, 1] maps SSIM compares. */
    public DinaConfig {
        require(loss.ssimWeight() == 0 || model.mapNormalisation() == MapNormalisation.MINMAX,
                "loss.ssimWeight needs model.mapNormalisation: minmax (SSIM compares maps scaled to [0, 1])");
    }

    /**
     * Optimisers (AdamW for the image tower, RMSprop for the neural tower), plateau schedulers and stopping, all on
     * the validation loss after each epoch.
     *
     * @param batch             image-response pairs per step, at least 2 (the other pairs are InfoNCE's negatives)
     * @param epochs            the most epochs to train
     * @param earlyStopPatience stop after this many epochs without a lower validation loss
     * @param imageLr           AdamW's learning rate for the image tower
     * @param imageWeightDecay  AdamW's weight decay
     * @param neuralLr          RMSprop's learning rate for the neural tower
     * @param neuralAlpha       RMSprop's smoothing constant of the squared-gradient average
     * @param plateauFactor     what each tower's scheduler multiplies its learning rate by on a plateau, in (0, 1)
     * @param plateauPatience   a learning rate drops after more than this many epochs without a lower validation loss
     */
    public record Train(int batch, int epochs, int earlyStopPatience, double imageLr, double imageWeightDecay,
                        double neuralLr, double neuralAlpha, double plateauFactor, int plateauPatience) {
        /** Checks the values. */
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
         *
         * @return a one-line warning naming the keys, or empty
         */
        public java.util.Optional<String> scheduleWarning() {
            if (plateauPatience < Math.min(earlyStopPatience, epochs)) return java.util.Optional.empty();
            String end = earlyStopPatience <= epochs ? "train.earlyStopPatience " + earlyStopPatience : "train.epochs " + epochs;
            return java.util.Optional.of("train.plateauPatience " + plateauPatience + " is not below " + end
                    + ": the learning rates are never reduced (lower train.plateauPatience for a schedule that acts)");
        }
    }

    /**
     * {@return the same config with another seed} The seed sets the weights, the split, the batch order and, on the
     * simulator, the recording.
     *
     * @param newSeed the seed of the returned config
     */
    public DinaConfig withSeed(long newSeed) {
        return new DinaConfig(name, newSeed, data, model, loss, train);
    }

    /** {@return the simulated recording this config describes} Its seed is the run's seed. */
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
