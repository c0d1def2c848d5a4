package org.dina.model;

import java.util.List;

/**
 * Everything that defines a run: data protocol, both towers, loss and training schedule. Read from YAML by
 * {@link ConfigFiles}; stored beside every checkpoint so that a run can be reproduced bit for bit.
 */
public record DinaConfig(String name, long seed, Data data, Model model, Loss loss, Train train) {

    /** Which trials go where and how responses are presented. */
    public record Data(Simulation simulation, String split, String trials, double validationFraction,
                       double testFraction, int imageHeight, int imageWidth) {
        public Data {
            require(List.of("images", "repeats").contains(split), "data.split must be 'images' or 'repeats', got " + split);
            require(List.of("single", "averaged").contains(trials), "data.trials must be 'single' or 'averaged', got " + trials);
            require(validationFraction > 0 && testFraction > 0 && validationFraction + testFraction < 1,
                    "data.validationFraction and data.testFraction must be > 0 and sum to < 1");
            require(imageHeight > 0 && imageWidth > 0, "data.imageHeight and data.imageWidth must be positive");
        }
    }

    /** Size of the built-in simulated V1 population (used when no data path is given). */
    public record Simulation(int images, int neurons, int repeats, double undrivenFraction, double noise) {
        public Simulation {
            require(images >= 10 && neurons >= 1 && repeats >= 1, "data.simulation needs images >= 10, neurons >= 1, repeats >= 1");
        }
    }

    /** Tower shapes. {@code imageTower} is {@code frozen} (as released: random backbone, only the head trains) or {@code joint}. */
    public record Model(String imageTower, int neuralDim, int heads, List<Integer> neuralMlp, String neuralAttention) {
        public Model {
            require(List.of("frozen", "joint").contains(imageTower), "model.imageTower must be 'frozen' or 'joint', got " + imageTower);
            require(neuralDim > 0 && heads > 0 && neuralDim % heads == 0, "model.neuralDim must be a positive multiple of model.heads");
            require(neuralMlp != null && !neuralMlp.isEmpty() && neuralMlp.get(neuralMlp.size() - 1) == 256,
                    "model.neuralMlp must end in 256 (reshaped to the 8x32 map)");
            require(List.of("shortcut", "direct").contains(neuralAttention),
                    "model.neuralAttention must be 'shortcut' or 'direct', got " + neuralAttention);
        }

        public boolean jointImageTower() { return imageTower.equals("joint"); }
    }

    /** Symmetric InfoNCE plus optional map-matching terms, rmseWeight · RMSE + ssimWeight · (1 − SSIM) (0 in the reference). */
    public record Loss(double temperature, boolean learnTemperature, double rmseWeight, double ssimWeight) {
        public Loss {
            require(temperature > 0, "loss.temperature must be > 0");
            require(rmseWeight >= 0 && ssimWeight >= 0, "loss.rmseWeight and loss.ssimWeight must be >= 0");
        }
    }

    /** Optimisers (AdamW for the image tower, RMSprop for the neural tower), plateau schedulers and stopping. */
    public record Train(int batch, int epochs, int earlyStopPatience, double imageLr, double imageWeightDecay,
                        double neuralLr, double neuralAlpha, double plateauFactor, int plateauPatience) {
        public Train {
            require(batch >= 2, "train.batch must be >= 2 (InfoNCE needs negatives)");
            require(epochs >= 1, "train.epochs must be >= 1");
            require(imageLr > 0 && neuralLr > 0, "learning rates must be > 0");
            require(plateauFactor > 0 && plateauFactor < 1, "train.plateauFactor must be in (0, 1)");
        }
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
