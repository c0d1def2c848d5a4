package org.dina.data;

import java.util.ArrayList;
import java.util.List;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;

/**
 * The built-in simulated mouse-V1 recording: natural-like images ({@link SyntheticImages}) shown to a population of
 * Gabor-tuned simple and complex cells with retinotopic receptive fields, a share of undriven neurons, a sparse
 * subset of strongly responsive ones, and Poisson-like trial-to-trial noise with a shared gain fluctuation.
 *
 * <p>Deterministic: every random draw comes from a stream keyed by (seed, purpose, index), and parallel work is
 * split by output, so the result is bit-identical for any thread count.
 */
public final class SimulatedV1 {
    private static final long ROLES = 21, NEURON = 22, NOISE = 23, SHARED = 24, REPEATS = 25, ORDER = 26, POSITION = 27;
    /** Noise variance floor: even a silent neuron fluctuates a little. */
    private static final double NOISE_FLOOR = 0.1;
    /** Scatter of the reported retinotopic positions around the true RF centres (pixels). */
    private static final double POSITION_SCATTER = 3.0;

    private SimulatedV1() {}

    /** A simulated recording and the ground truth it was made from. */
    public record Result(Dataset dataset, SimulationTruth truth, SimulationConfig config) {}

    /** Generates images, neurons and trial responses for {@code config}. */
    public static Result generate(SimulationConfig config) {
        int k = config.images(), n = config.neurons(), h = config.height(), w = config.width();
        SyntheticImages.Result imgs = SyntheticImages.generate(config.seed(), k, h, w, config.spectrumExponent());

        List<NeuronTruth> neurons = drawNeurons(config);
        float[] drive = GaborBank.build(neurons, h, w).drives(imgs.images());
        neurons = standardiseDrives(neurons, drive, k);
        float[] mean = meanResponses(neurons, drive, k);

        int[] imageIds = trialOrder(config);
        Tensor responses = noisyResponses(config, mean, imageIds);

        Tensor positions = Tensor.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            SplitMix rng = SplitMix.stream(config.seed(), POSITION, i);
            positions.set((float) (neurons.get(i).rfX() + POSITION_SCATTER * rng.nextGaussian()), i, 0);
            positions.set((float) (neurons.get(i).rfY() + POSITION_SCATTER * rng.nextGaussian()), i, 1);
        }
        String name = "simulated-v1(seed=" + config.seed() + ", " + k + " images " + h + "x" + w + ", " + n
                + " neurons, repeats " + config.repeats() + ".." + config.maxRepeats() + ")";
        Dataset ds = Dataset.builder(name, imgs.images(), responses, imageIds)
                .neuronPositions(positions, Dataset.PositionKind.RETINOTOPIC)
                .categories(imgs.categories(), SyntheticImages.CATEGORY_NAMES)
                .build();
        return new Result(ds, new SimulationTruth(h, w, neurons), config);
    }

    /**
     * Noise-free mean responses [K, N] of the simulated neurons to any images of the truth's size (gratings for
     * tuning curves, manipulated images for analyses), using the drive standardisation of the simulation.
     */
    public static Tensor meanResponses(SimulationTruth truth, Tensor images) {
        images.requireShape("SimulatedV1.meanResponses (images)", images.dim(0), truth.imageHeight(), truth.imageWidth());
        int k = images.dim(0), n = truth.neuronCount();
        float[] drive = GaborBank.build(truth.neurons(), truth.imageHeight(), truth.imageWidth()).drives(images);
        float[] mean = meanResponses(truth.neurons(), drive, k);
        Tensor out = Tensor.zeros(k, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < k; i++) out.setFlat((long) i * n + j, mean[j * k + i]);
        }
        return out;
    }

    /** Roles (undriven, sparse, complex) by seeded permutations, so their counts are exact; tuning per neuron. */
    private static List<NeuronTruth> drawNeurons(SimulationConfig c) {
        int n = c.neurons();
        int undriven = (int) Math.round(n * c.undrivenFraction());
        int sparse = Math.min(n - undriven, (int) Math.round(n * c.sparseFraction()));
        int complexCount = (int) Math.round(n * c.complexFraction());
        SplitMix roles = SplitMix.stream(c.seed(), ROLES, 0);
        int[] byRole = roles.permutation(n), byType = roles.permutation(n);
        boolean[] driven = new boolean[n], isSparse = new boolean[n], isComplex = new boolean[n];
        for (int i = 0; i < n; i++) {
            driven[byRole[i]] = i >= undriven;
            isSparse[byRole[i]] = i >= undriven && i < undriven + sparse;
            isComplex[byType[i]] = i < complexCount;
        }
        double maxSigma = Math.max(1.5, Math.min(16.0, c.height() / 4.0));
        List<NeuronTruth> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SplitMix rng = SplitMix.stream(c.seed(), NEURON, i);
            double x = rng.uniform(0.05 * c.width(), 0.95 * c.width());
            double y = rng.uniform(0.10 * c.height(), 0.90 * c.height());
            double sf = rng.logUniform(c.sfMin(), c.sfMax());
            double ori = rng.uniform(0, Math.PI), phase = rng.uniform(0, 2 * Math.PI);
            // about half a carrier cycle per envelope sigma: the ~1.5-octave bandwidth of mouse V1 cells
            double sigma = Math.max(1.5, Math.min(maxSigma, rng.uniform(0.35, 0.6) / sf));
            double gain = StrictMath.exp(0.35 * rng.nextGaussian()) * (isSparse[i] ? c.sparseGain() : 1.0);
            double baseline = rng.uniform(0.05, 0.3);
            double threshold = isSparse[i] ? 1.5 : 0.5;
            out.add(new NeuronTruth(x, y, sigma, sf, sf * c.width(), ori, phase, driven[i], isComplex[i], isSparse[i],
                    gain, baseline, threshold, 0.0, 1.0));
        }
        return out;
    }

    /** Sets each driven neuron's drive centre and scale to the mean and standard deviation over the image set. */
    private static List<NeuronTruth> standardiseDrives(List<NeuronTruth> neurons, float[] drive, int k) {
        List<NeuronTruth> out = new ArrayList<>(neurons.size());
        for (int j = 0; j < neurons.size(); j++) {
            NeuronTruth t = neurons.get(j);
            if (!t.driven()) {
                out.add(t);
                continue;
            }
            double s = 0;
            for (int i = 0; i < k; i++) s += drive[j * k + i];
            double m = s / k, ss = 0;
            for (int i = 0; i < k; i++) ss += (drive[j * k + i] - m) * (drive[j * k + i] - m);
            double sd = Math.sqrt(ss / k);
            out.add(t.withDriveStats(m, sd > 1e-12 ? sd : 1.0));
        }
        return out;
    }

    private static float[] meanResponses(List<NeuronTruth> neurons, float[] drive, int k) {
        float[] mean = new float[drive.length];
        for (int j = 0; j < neurons.size(); j++) {
            NeuronTruth t = neurons.get(j);
            for (int i = 0; i < k; i++) mean[j * k + i] = (float) t.meanResponse(drive[j * k + i]);
        }
        return mean;
    }

    /**
     * Which image each trial shows. Each image gets its repeat count; presentation r of all images that have one
     * forms block r, shuffled, as in sessions that cycle through the stimulus set.
     */
    private static int[] trialOrder(SimulationConfig c) {
        int k = c.images();
        int[] repeats = new int[k];
        SplitMix rr = SplitMix.stream(c.seed(), REPEATS, 0);
        int total = 0;
        for (int i = 0; i < k; i++) {
            repeats[i] = c.repeats() + (c.maxRepeats() > c.repeats() ? rr.nextInt(c.maxRepeats() - c.repeats() + 1) : 0);
            total += repeats[i];
        }
        int[] ids = new int[total];
        int t = 0;
        for (int r = 0; r < c.maxRepeats(); r++) {
            int[] block = SplitMix.stream(c.seed(), ORDER, r).permutation(k);
            for (int img : block) if (repeats[img] > r) ids[t++] = img;
        }
        return ids;
    }

    /**
     * Trial responses: mean × shared trial gain, plus Gaussian noise whose variance grows with the mean, clipped at
     * zero like deconvolved activity. Parallel over neurons; each neuron draws its own noise stream in trial order.
     */
    private static Tensor noisyResponses(SimulationConfig c, float[] mean, int[] imageIds) {
        int n = c.neurons(), k = c.images(), trials = imageIds.length;
        double[] trialGain = new double[trials];
        SplitMix shared = SplitMix.stream(c.seed(), SHARED, 0);
        for (int t = 0; t < trials; t++) trialGain[t] = Math.max(0.0, 1.0 + c.sharedNoise() * shared.nextGaussian());
        Tensor out = Tensor.zeros(trials, n);
        Parallel.forRange(n, 16, (from, to) -> {
            for (int j = from; j < to; j++) {
                SplitMix rng = SplitMix.stream(c.seed(), NOISE, j);
                for (int t = 0; t < trials; t++) {
                    double m = mean[j * k + imageIds[t]] * trialGain[t];
                    double v = m + c.noise() * Math.sqrt(m + NOISE_FLOOR) * rng.nextGaussian();
                    out.setFlat((long) t * n + j, (float) Math.max(0.0, v));
                }
            }
        });
        return out;
    }
}
