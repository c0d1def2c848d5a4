package org.dina.eval.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.data.Tier;
import org.dina.eval.NoiseCeiling;
import org.dina.tensor.Tensor;

/**
 * Single-trial top-1 against the number of neurons, as Stringer et al. (2019) report decoding: on each fold's split,
 * random subsets of each size are drawn (seeded by the run seed, fold, size and draw, so the same config draws the
 * same subsets whatever the thread count), DINA is retrained on each subset and the baselines refitted, and every
 * method is scored on the subset's test trials. The full population is the comparison's own real-data score.
 */
public final class NeuronCurve {
    private static final long SUBSET_STREAM = 0x5A1F_0003L;

    /** One method's top-1 on one subset of one fold. */
    record Point(String method, int neurons, long seed, int fold, int draw, double top1) {}

    private final List<Point> points = new ArrayList<>();
    private final List<String> methods = new ArrayList<>();

    void add(String method, int neurons, long seed, int fold, int draw, double top1) {
        if (!methods.contains(method)) methods.add(method);
        points.add(new Point(method, neurons, seed, fold, draw, top1));
    }

    /**
     * The neurons of one subset: {@code size} of {@code neurons}, drawn without replacement, in increasing order. Also
     * what {@code analyze --retrain-subsets} draws its random subsets with (as fold 0, which no comparison has).
     */
    public static int[] draw(int neurons, int size, long seed, int fold, int draw) {
        long stream = ControlData.mix(ControlData.mix(seed, SUBSET_STREAM + fold), (long) size * 1_000_003L + draw);
        return NoiseCeiling.subset(neurons, size, new SplittableRandom(stream));
    }

    /** The dataset restricted to {@code neurons} (columns of the responses), its tiers (the fold's split) kept. */
    public static Dataset subset(Dataset d, int[] neurons) {
        int n = d.neuronCount(), t = d.trialCount();
        float[] all = d.responses().toArray();
        float[] out = new float[t * neurons.length];
        for (int i = 0; i < t; i++) for (int j = 0; j < neurons.length; j++) out[i * neurons.length + j] = all[i * n + neurons[j]];
        Dataset.Builder b = Dataset.builder(d.name() + " [" + neurons.length + " of " + n + " neurons]", d.images(),
                Tensor.of(out, t, neurons.length), d.imageIds());
        if (d.hasTiers()) {
            Tier[] tiers = new Tier[t];
            for (int i = 0; i < t; i++) tiers[i] = d.tier(i);
            b.tiers(tiers);
        }
        return b.build();
    }

    /** Methods in the order they were first scored (DINA first). */
    List<String> methods() { return List.copyOf(methods); }

    /** Subset sizes scored, increasing. */
    int[] sizes() { return points.stream().mapToInt(Point::neurons).distinct().sorted().toArray(); }

    /** Top-1 of {@code method} at {@code neurons} over every draw, fold and seed; null when it never ran there. */
    Stats top1(String method, int neurons) {
        double[] v = points.stream().filter(p -> p.method().equals(method) && p.neurons() == neurons).mapToDouble(Point::top1).toArray();
        return v.length == 0 ? null : Stats.of(v);
    }

    /** {@code neuron_curve} of compare.json. */
    NeuronCurveJson json(int draws) {
        List<NeuronCurveJson.Method> byMethod = new ArrayList<>();
        for (String method : methods) {
            List<NeuronCurveJson.Point> curve = new ArrayList<>();
            for (int size : sizes()) {
                Stats s = top1(method, size);
                if (s != null) curve.add(new NeuronCurveJson.Point(size, s.mean(), s.sd(), s.values()));
            }
            byMethod.add(new NeuronCurveJson.Method(method, curve));
        }
        return new NeuronCurveJson("single-trial test top-1 on random neuron subsets of each size (drawn per seed and fold; DINA "
                + "retrained and the baselines refitted on every subset, on the same split); the largest size is all neurons,"
                + " the comparison's own real-data score", draws, sizes(), byMethod);
    }

    /** The table block: a row per method, a column per size. */
    String table(int draws) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%nsingle-trial top-1 against the number of neurons (%d random subset(s) per size and fold; DINA retrained on each)%n", draws));
        sb.append(String.format(Locale.ROOT, "%-28s", "neurons"));
        for (int size : sizes()) sb.append(String.format(Locale.ROOT, " %15d", size));
        sb.append('\n');
        for (String method : methods) {
            sb.append(String.format(Locale.ROOT, "%-28s", method));
            for (int size : sizes()) {
                Stats s = top1(method, size);
                String cell = s == null ? "n/a" : s.hasSd() ? String.format(Locale.ROOT, "%.1f ± %.1f%%", 100 * s.mean(), 100 * s.sd())
                        : String.format(Locale.ROOT, "%.1f%%", 100 * s.mean());
                sb.append(String.format(Locale.ROOT, " %15s", cell));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
