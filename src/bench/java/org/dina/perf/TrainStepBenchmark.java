package org.dina.perf;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.dina.kernels.Parallel;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;
import org.dina.model.InfoNceLoss;
import org.dina.model.image.ImageBackbone;
import org.dina.model.neural.ShortcutNeuralAttention;
import org.dina.nn.AdamW;
import org.dina.nn.Linear;
import org.dina.nn.Optimizer;
import org.dina.nn.ParameterSet;
import org.dina.nn.RmsProp;
import org.dina.progress.Progress;
import org.dina.tensor.Tensor;

/**
 * Times DINA training steps without data or epochs: builds a {@link DinaModel} and the optimisers exactly as
 * {@link org.dina.train.Trainer} does, feeds one random batch of the right shapes (cached backbone features
 * [B, 128, 8, 33] for the frozen image tower, images for the joint one; responses [B, N] uniform in [0, 1]) and
 * times what the trainer does per batch: zero the gradients, forward and backward through both towers and the
 * loss, step both optimisers, tell the neural tower its weights changed (so the next forward rebuilds the
 * attention shortcut's tables, which is part of every real step).
 *
 * <p>Reported: the median over the timed steps, after a warm-up, and the median of each phase. Phases inside the
 * step come from timers around the step's calls and from the attention shortcut's own phase clocks; the image
 * tower, the loss and the neural MLP are timed again on their own after the timed steps ({@code image_tower},
 * {@code loss}, {@code neural_mlp}, and {@code map_terms} when the RMSE or SSIM term is on), and
 * {@code mlp_heads_and_rest} is what remains of each step's
 * forward/backward time after the attention, image tower and loss (so it includes the MLP).
 */
public final class TrainStepBenchmark {
    /** Backbone feature map size at the stage-2 tap for 68 x 270 inputs. */
    public static final int FEATURE_H = 8, FEATURE_W = 33;
    private static final int ISOLATED_REPEATS = 3;
    /** Warm-up goes on past its minimum only while steps keep getting clearly faster, up to these limits. */
    private static final double MAX_WARMUP_SECONDS = 30;
    private static final int MAX_WARMUP_STEPS = 40;

    private TrainStepBenchmark() {}

    /** Units of progress {@link #measure} reports: one for the whole warm-up, one per timed step. */
    public static int progressUnits(TrainBenchCase c) {
        return 1 + c.steps();
    }

    /** The model, its optimisers and one batch of inputs: everything a step touches. */
    private record Setup(DinaModel model, Optimizer imageOpt, Optimizer neuralOpt, Optimizer tauOpt, Tensor inputs,
                         Tensor responses) {
        /** Zeroes the gradients; forward and backward; returns the loss. */
        double forwardBackward() {
            model.zeroGrad();
            return model.trainStep(inputs, responses);
        }

        /** Both optimiser steps (and the temperature's when it is learnt), as the trainer takes them. */
        void optimizerSteps() {
            imageOpt.step();
            neuralOpt.step();
            if (model.config().loss().learnTemperature()) tauOpt.step();
            model.neural().weightsChanged();
        }
    }

    private static Setup setup(TrainBenchCase c) {
        DinaConfig cfg = c.config();
        DinaModel model = new DinaModel(cfg, c.neurons());
        DinaConfig.Train t = cfg.train();
        Optimizer imageOpt = new AdamW(model.image().trainableValues(), model.image().trainableGrads(),
                AdamW.Config.DEFAULTS.withLr(t.imageLr()).withWeightDecay(t.imageWeightDecay()));
        Optimizer neuralOpt = new RmsProp(model.neural().parameters().values(), model.neural().parameters().grads(),
                RmsProp.Config.DEFAULTS.withLr(t.neuralLr()).withAlpha(t.neuralAlpha()));
        Optimizer tauOpt = new AdamW(model.temperature().values(), model.temperature().grads(),
                AdamW.Config.DEFAULTS.withLr(t.imageLr()).withWeightDecay(0));
        SplittableRandom rnd = new SplittableRandom(cfg.seed());
        Tensor inputs = imageInputs(cfg, c.batch(), rnd);
        Tensor responses = Tensor.zeros(c.batch(), c.neurons());
        for (long i = 0; i < responses.numel(); i++) responses.setFlat(i, (float) rnd.nextDouble());
        model.setTraining(true);
        return new Setup(model, imageOpt, neuralOpt, tauOpt, inputs, responses);
    }

    /** Runs one case; progress goes to {@code progress} (null: none). */
    public static TrainBenchResult measure(TrainBenchCase c, Progress.Task progress) {
        System.gc();  // earlier cases' off-heap tensors are freed by the GC: drop them before measuring this one
        MemoryProbe memory = new MemoryProbe();
        memory.reset();
        Setup s = setup(c);
        DinaModel model = s.model();
        ShortcutNeuralAttention shortcut = model.neural().attention() instanceof ShortcutNeuralAttention a ? a : null;

        int warm = warmUp(c, s, memory, progress);
        int n = c.steps();
        double[] step = new double[n], zero = new double[n], fwdBwd = new double[n], opt = new double[n],
                tables = new double[n], attnFwd = new double[n], attnBwd = new double[n], attnGemm = new double[n];
        double loss = Double.NaN;
        long allocatedBefore = allocatedBytes(), cpuBefore = processCpuNanos(), faultsBefore = MemoryProbe.minorFaults();
        long tensorsBefore = Tensor.allocations(), tensorBytesBefore = Tensor.allocatedBytes();
        for (int k = 0; k < n; k++) {
            long t0 = System.nanoTime();
            model.zeroGrad();
            long t1 = System.nanoTime();
            loss = model.trainStep(s.inputs(), s.responses());
            long t2 = System.nanoTime();
            s.optimizerSteps();
            long t3 = System.nanoTime();
            memory.sample();
            step[k] = (t3 - t0) * 1e-9;
            zero[k] = (t1 - t0) * 1e-9;
            fwdBwd[k] = (t2 - t1) * 1e-9;
            opt[k] = (t3 - t2) * 1e-9;
            if (shortcut != null) {
                ShortcutNeuralAttention.PhaseTimes p = shortcut.lastPhaseTimes();
                tables[k] = p.tableNanos() * 1e-9;
                attnFwd[k] = p.rowForwardNanos() * 1e-9;
                attnBwd[k] = p.rowBackwardNanos() * 1e-9;
                attnGemm[k] = p.gradientGemmNanos() * 1e-9;
            }
            if (progress != null) progress.step(String.format(Locale.ROOT, "%s %.3f s/step", c.name(), step[k]));
        }
        long allocatedPerStep = (allocatedBytes() - allocatedBefore) / n;
        long tensorsPerStep = (Tensor.allocations() - tensorsBefore) / n, tensorBytesPerStep = (Tensor.allocatedBytes() - tensorBytesBefore) / n;
        long faultsPerStep = faultsBefore < 0 ? -1 : (MemoryProbe.minorFaults() - faultsBefore) / n;
        double cpuPerStep = (processCpuNanos() - cpuBefore) * 1e-9 / n;
        double imageSeconds = isolatedImageTower(model, s.inputs());
        double lossSeconds = isolatedLoss(model, c.batch());
        double mlpSeconds = isolatedMlp(c);
        double mapSeconds = isolatedMapTerms(model);
        memory.sample();
        double[] rest = new double[n];
        for (int k = 0; k < n; k++) {
            rest[k] = fwdBwd[k] - imageSeconds - lossSeconds - mapSeconds - tables[k] - attnFwd[k] - attnBwd[k] - attnGemm[k];
        }

        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("zero_grad", median(zero));
        phases.put("image_tower", imageSeconds);
        if (shortcut != null) {
            phases.put("attention_tables", median(tables));
            phases.put("attention_forward", median(attnFwd));
            phases.put("attention_backward", median(attnBwd));
            phases.put("attention_table_gradients", median(attnGemm));
        }
        phases.put("neural_mlp", mlpSeconds);
        // what the step spent outside the phases above: the MLP again (it is timed on its own above), the map
        // heads, the per-neuron glue; with the direct attention, the whole attention too
        phases.put(shortcut != null ? "mlp_heads_and_rest" : "neural_tower", Math.max(0, median(rest)));
        phases.put("loss", lossSeconds);
        if (model.mapMatch().active()) phases.put("map_terms", mapSeconds);
        phases.put("optimizers", median(opt));
        double[] sorted = step.clone();
        Arrays.sort(sorted);
        DinaConfig cfg = c.config();
        long peakRss = memory.peakRssBytes(), peakHeap = memory.peakHeapBytes(), peakDirect = memory.peakDirectBytes();
        System.gc();
        long liveHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new TrainBenchResult(c.name(), c.neurons(), c.dim(), cfg.model().heads(), cfg.model().neuralMlp(), c.batch(),
                imageTowerLabel(cfg), cfg.model().neuralAttention().key(), warm, n, median(step), sorted[0],
                sorted[n - 1], phases, peakRss, memory.rssPeakReset(), peakHeap, liveHeap, peakDirect,
                MemoryProbe.maxDirectBytes(), allocatedPerStep, tensorsPerStep, tensorBytesPerStep, faultsPerStep, cpuPerStep,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Parallel.threads(), loss, cfg.model());
    }

    /**
     * Untimed steps: at least the case's count and time, then more while steps still get clearly faster (the JIT
     * compiles the vector kernels late, and until it does they box every vector), within fixed limits. Returns
     * the number of warm-up steps taken.
     */
    private static int warmUp(TrainBenchCase c, Setup s, MemoryProbe memory, Progress.Task progress) {
        long start = System.nanoTime();
        double best = Double.MAX_VALUE;
        int warm = 0;
        while (true) {
            long t0 = System.nanoTime();
            s.forwardBackward();
            s.optimizerSteps();
            double seconds = (System.nanoTime() - t0) * 1e-9;
            memory.sample();
            warm++;
            boolean improving = seconds < 0.95 * best;
            best = Math.min(best, seconds);
            if (progress != null) {
                progress.step(0, String.format(Locale.ROOT, "%s %.3f s/step (warm-up %d)", c.name(), seconds, warm));
            }
            double elapsed = (System.nanoTime() - start) * 1e-9;
            boolean minimumDone = warm >= c.warmupSteps() && elapsed >= c.minWarmupSeconds();
            boolean limit = elapsed >= MAX_WARMUP_SECONDS || warm >= MAX_WARMUP_STEPS;
            if (minimumDone && (!improving || limit)) break;
        }
        if (progress != null) progress.step(1, null);
        return warm;
    }

    /** Bytes of heap all threads allocated so far (-1 where the JVM cannot tell). */
    static long allocatedBytes() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled() ? t.getTotalThreadAllocatedBytes() : -1;
    }

    /** CPU time this process used so far, all threads (-1 where the JVM cannot tell). */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o
                ? o.getProcessCpuTime() : -1;
    }

    /** Cached backbone features [B, 128, 8, 33] (frozen tower) or images [B, 1, H, W] (joint), standard normal. */
    static Tensor imageInputs(DinaConfig cfg, int batch, SplittableRandom rnd) {
        Tensor x = cfg.model().jointImageTower()
                ? Tensor.zeros(batch, 1, cfg.data().imageHeight(), cfg.data().imageWidth())
                : Tensor.zeros(batch, ImageBackbone.CHANNELS, FEATURE_H, FEATURE_W);
        for (long i = 0; i < x.numel(); i++) x.setFlat(i, (float) gaussian(rnd));
        return x;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /** Median seconds of the image tower's forward and backward alone (the gradient is the last step's). */
    private static double isolatedImageTower(DinaModel model, Tensor inputs) {
        Tensor dEmbedding = model.loss().gradA().copy();
        double[] s = new double[ISOLATED_REPEATS];
        for (int k = 0; k < s.length; k++) {
            long t0 = System.nanoTime();
            model.image().forward(inputs);
            model.image().backward(dEmbedding);
            s[k] = (System.nanoTime() - t0) * 1e-9;
        }
        return median(s);
    }

    /**
     * Median seconds of the neural tower's MLP (N -> ... -> 256, as configured) forward and backward alone, on
     * layers of the same shapes with their own parameters and a random input.
     */
    private static double isolatedMlp(TrainBenchCase c) {
        ParameterSet ps = new ParameterSet();
        List<Linear> layers = new ArrayList<>();
        int in = c.neurons();
        for (int out : c.config().model().neuralMlp()) {
            layers.add(new Linear(ps, "mlp." + layers.size(), in, out, true));
            in = out;
        }
        ps.allocate(11);
        SplittableRandom rnd = new SplittableRandom(13);
        Tensor x = Tensor.zeros(c.batch(), c.neurons()), dy = Tensor.zeros(c.batch(), in);
        for (long i = 0; i < x.numel(); i++) x.setFlat(i, (float) rnd.nextDouble());
        for (long i = 0; i < dy.numel(); i++) dy.setFlat(i, (float) (rnd.nextDouble() - 0.5));
        double[] s = new double[ISOLATED_REPEATS];
        for (int k = 0; k < s.length; k++) {
            long t0 = System.nanoTime();
            Tensor y = x;
            for (Linear l : layers) y = l.forward(y);
            Tensor d = dy;
            for (int i = layers.size() - 1; i >= 0; i--) d = layers.get(i).backward(d);
            s[k] = (System.nanoTime() - t0) * 1e-9;
        }
        return median(s);
    }

    /** Median seconds of the InfoNCE forward and backward alone, on a batch of unit vectors. */
    private static double isolatedLoss(DinaModel model, int batch) {
        int dim = model.loss().gradA().dim(1);
        SplittableRandom rnd = new SplittableRandom(7);
        Tensor a = Tensor.zeros(batch, dim), b = Tensor.zeros(batch, dim);
        float unit = (float) (1 / Math.sqrt(dim));
        for (long i = 0; i < a.numel(); i++) {
            a.setFlat(i, rnd.nextBoolean() ? unit : -unit);
            b.setFlat(i, rnd.nextBoolean() ? unit : -unit);
        }
        InfoNceLoss loss = new InfoNceLoss();
        double[] s = new double[ISOLATED_REPEATS];
        for (int k = 0; k < s.length; k++) {
            long t0 = System.nanoTime();
            loss.forward(a, b, model.tau());
            loss.backward();
            s[k] = (System.nanoTime() - t0) * 1e-9;
        }
        return median(s);
    }

    /** Median seconds of the RMSE and SSIM terms' forward and backward on the last step's maps (0 when both weights are 0). */
    private static double isolatedMapTerms(DinaModel model) {
        if (!model.mapMatch().active()) return 0;
        Tensor imageMaps = model.image().maps().copy(), neuralMaps = model.neural().maps().copy();
        double[] s = new double[ISOLATED_REPEATS];
        for (int k = 0; k < s.length; k++) {
            long t0 = System.nanoTime();
            model.mapMatch().forward(imageMaps, neuralMaps);
            model.mapMatch().backward();
            s[k] = (System.nanoTime() - t0) * 1e-9;
        }
        return median(s);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** The image tower's mode, with "+recompute" when a learning backbone recomputes its activations in backward. */
    private static String imageTowerLabel(DinaConfig cfg) {
        boolean recompute = cfg.model().jointImageTower() && ImageBackbone.recomputeByDefault();
        return cfg.model().imageTower().key() + (recompute ? "+recompute" : "");
    }
}
