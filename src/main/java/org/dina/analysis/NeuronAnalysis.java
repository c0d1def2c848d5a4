package org.dina.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.data.ResponseNormalizer;
import org.dina.model.DinaModel;
import org.dina.progress.Progress;
import org.dina.tensor.Tensor;
import org.dina.train.Rows;

/**
 * Claim 4 (sparse subsets of strongly responsive neurons): how much each neuron contributes to the neural-tower
 * map, and what identification keeps when only some neurons are left or some are removed.
 *
 * <p><b>Attribution</b> of neuron j on trial t is gradient x input relative to a baseline input, the neuron's
 * training mean: g_tj (r_tj - mean_j), where g is the gradient (through the whole neural tower) of the trial's
 * similarity margin z_neu . (z_img(true) - mean over candidates of z_img), the quantity identification depends on.
 * Its mean over trials is a first-order estimate of how much the neuron's deviations from its mean raise the
 * margin: near zero for a neuron whose response has nothing to do with the image. Plain gradient x input (zero
 * baseline, matched-pair similarity) is kept beside it; on sparse, rectified responses it mostly measures how
 * far a normalised response sits from zero, and ranks noise-only neurons above driven ones on the simulator.
 *
 * <p>Neurons are ordered for the keep/remove curves by attribution measured on validation trials (not the test
 * trials the curves are scored on), by their raw mean training response, or at random. A removed neuron's
 * normalised response is replaced by its training mean, so the tower sees an uninformative but typical value.
 */
public final class NeuronAnalysis {
    public static final String REPLACEMENT = "training mean of the neuron's normalised response";
    private static final int BATCH = 64;

    private NeuronAnalysis() {}

    /** The order neurons are ranked in before the top share is kept or removed. */
    public enum Order {
        ATTRIBUTION, MEAN_RESPONSE, RELIABILITY, RANDOM;

        /** The name in analysis.json and the figures ({@code mean_response}, ...). */
        public String key() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** Whether a curve keeps only the top neurons of an order or removes them. */
    public enum Selection {
        KEEP, REMOVE;

        /** The name in analysis.json and the figures ({@code keep}, {@code remove}). */
        public String key() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /**
     * One curve: identification after keeping only (or removing) the top share of neurons in one order, averaged
     * over the orders given (one, or the random orders). {@code marginByOrder[order][fraction]} keeps each order's
     * margin (the random orders' spread is the null of the claim tests) and {@code queryMargins[fraction][query]}
     * the per-query margin averaged over the orders (for intervals that resample images).
     */
    public record Curve(Order order, Selection mode, double[] fractions, int[] counts, double[] top1, double[] top5, double[] margin,
                        double[][] marginByOrder, double[][] queryMargins) {}

    /** Share of neurons holding 50/80/90% of the total attribution, and the Gini coefficient. */
    public record Sparsity(double share50, double share80, double share90, double gini) {}

    /**
     * {@code attribution}: mean g (r - training mean) of the margin over test trials (signed; positive = helps);
     * {@code attributionMagnitude}: mean of its magnitude; {@code gradientTimesInput}: mean |g r| of the matched-pair
     * similarity (zero baseline); {@code attributionValidation}: {@code attribution} on validation trials.
     * Sparsity is measured on the positive part of {@code attribution}.
     */
    public record Result(int neurons, int testTrials, int validationTrials, double[] attribution, double[] attributionMagnitude,
                         double[] gradientTimesInput, double[] attributionValidation, double[] attentionReceived, double[] meanResponse,
                         double[] meanNormalised, double[] reliability, Sparsity sparsity, Map<String, Double> correlations,
                         RetrievalProbe.Score baseline, List<Curve> curves, String replacement, int[] testCorrect,
                         SparsityNull.Result sparsityNull) {

        /** The curve of one order and mode, or null. */
        public Curve curve(Order order, Selection mode) {
            return curves.stream().filter(c -> c.order() == order && c.mode() == mode).findFirst().orElse(null);
        }
    }

    public static Result run(RetrievalProbe probe, AnalysisOptions options) {
        DinaModel model = probe.model();
        Dataset d = probe.dataset();
        int n = d.neuronCount();
        int[] testRows = evenlySpaced(probe.trialCount(), options.maxNeuronTrials());
        int[] allCorrect = probe.correct();
        int[] correct = new int[testRows.length];
        for (int i = 0; i < testRows.length; i++) correct[i] = allCorrect[testRows[i]];
        Tensor test = Tensor.zeros(testRows.length, n);
        Rows.gather(probe.responses(), testRows, test);
        float[][] matched = new float[testRows.length][];
        for (int i = 0; i < testRows.length; i++) matched[i] = probe.imageVectors()[correct[i]];
        float[][] testTargets = marginTargets(matched, probe.imageVectors());

        int[] valTrials = pick(probe.data().split().validationTrials(), options.maxNeuronTrials());
        Tensor val = probe.data().normalizer().apply(d, valTrials);
        float[][][] valImages = imageTargets(probe, valTrials);
        float[][] valTargets = marginTargets(valImages[0], valImages[1]);

        int fractions = options.fractions().length, orders = 3 + options.randomDraws();
        long work = (4L + options.responseShuffles()) * testRows.length + valTrials.length + (long) orders * 2 * fractions * testRows.length;
        double[][] attr, attrVal, plain;
        double[] received;
        List<Curve> curves = new ArrayList<>();
        TrainingStats stats = TrainingStats.of(d, probe.data().normalizer(), probe.data().split().trainTrials());
        double[] zero = new double[n];
        RetrievalProbe.Score base;
        SparsityNull.Result sparsityNull;
        try (Progress.Task bar = Progress.start("neurons", work)) {
            attr = gradientTimesInput(model, test, testTargets, stats.meanNormalised, bar);
            plain = gradientTimesInput(model, test, matched, zero, bar);
            attrVal = gradientTimesInput(model, val, valTargets, stats.meanNormalised, bar);
            received = attentionReceived(model, test, bar);
            sparsityNull = SparsityNull.run(model, test, testTargets, stats.meanNormalised, options.responseShuffles(), options.seed(), bar);
            base = RetrievalProbe.score(probe.embedResponses(test), probe.imageVectors(), correct);
            Map<Order, int[]> rankings = new LinkedHashMap<>();
            rankings.put(Order.ATTRIBUTION, Stats.descendingOrder(attrVal[0]));
            rankings.put(Order.MEAN_RESPONSE, Stats.descendingOrder(stats.meanRaw));
            // responsiveness by repeat reliability; neurons without a reliability (constant, too few repeats) go last
            rankings.put(Order.RELIABILITY, Stats.descendingOrder(finiteOr(stats.reliability, Double.NEGATIVE_INFINITY)));
            for (Selection mode : Selection.values()) {
                for (Map.Entry<Order, int[]> e : rankings.entrySet()) {
                    curves.add(curve(probe, test, correct, e.getKey(), mode, List.of(e.getValue()), options, stats.meanNormalised, bar));
                }
                List<int[]> random = new ArrayList<>();
                SplittableRandom rng = new SplittableRandom(options.seed() + 17);
                for (int k = 0; k < options.randomDraws(); k++) random.add(Manipulation.permutation(n, rng));
                curves.add(curve(probe, test, correct, Order.RANDOM, mode, random, options, stats.meanNormalised, bar));
            }
        }
        double[] a = attr[0];
        double[] positive = new double[n];
        for (int j = 0; j < n; j++) positive[j] = Math.max(0, a[j]);
        Sparsity sparsity = new Sparsity(Stats.shareHolding(positive, 0.5), Stats.shareHolding(positive, 0.8),
                Stats.shareHolding(positive, 0.9), Stats.gini(positive));
        Map<String, Double> corr = new LinkedHashMap<>();
        corr.put("attribution_vs_mean_response_spearman", Stats.spearman(a, stats.meanRaw));
        corr.put("attribution_vs_reliability_spearman", Stats.spearman(a, stats.reliability));
        corr.put("attribution_vs_attention_received_spearman", Stats.spearman(a, received));
        corr.put("attribution_test_vs_validation_spearman", Stats.spearman(a, attrVal[0]));
        corr.put("attribution_vs_gradient_x_input_spearman", Stats.spearman(a, plain[1]));
        return new Result(n, testRows.length, valTrials.length, a, attr[1], plain[1], attrVal[0], received, stats.meanRaw,
                stats.meanNormalised, stats.reliability, sparsity, corr, base, curves, REPLACEMENT, correct, sparsityNull);
    }

    /** {matched image vector per trial, vectors of the distinct images}: validation images are embedded here, once each. */
    private static float[][][] imageTargets(RetrievalProbe probe, int[] trials) {
        Dataset d = probe.dataset();
        int[] slot = new int[d.imageCount()];
        Arrays.fill(slot, -1);
        List<Integer> images = new ArrayList<>();
        for (int t : trials) {
            int id = d.imageId(t);
            if (slot[id] < 0) {
                slot[id] = images.size();
                images.add(id);
            }
        }
        int[] ids = images.stream().mapToInt(Integer::intValue).toArray();
        float[][] vec = probe.dina().embedDatasetImages(ids, RetrievalProbe.IMAGE_BATCH).vectors();
        float[][] out = new float[trials.length][];
        for (int i = 0; i < trials.length; i++) out[i] = vec[slot[d.imageId(trials[i])]];
        return new float[][][] {out, vec};
    }

    /** matched - mean of the candidates: the gradient of the similarity margin with respect to z_neu. */
    static float[][] marginTargets(float[][] matched, float[][] candidates) {
        int dim = matched.length == 0 ? 0 : matched[0].length;
        double[] mean = new double[dim];
        for (float[] c : candidates) for (int l = 0; l < dim; l++) mean[l] += c[l];
        float[][] out = new float[matched.length][dim];
        for (int i = 0; i < matched.length; i++) {
            for (int l = 0; l < dim; l++) out[i][l] = (float) (matched[i][l] - mean[l] / candidates.length);
        }
        return out;
    }

    /** Receives one trial's attribution to one neuron. */
    @FunctionalInterface
    interface AttributionSink {
        void accept(int trial, int neuron, double g);
    }

    /**
     * Hands {@code sink} every (trial, neuron) term g = (r - baseline) x d(target . z_neu(r))/dr, trials in order, in
     * batches of {@value #BATCH}; the one pass both the averaged attribution and the sparsity null's per-trial
     * attribution are built from. Leaves the neural tower's parameter gradients at zero.
     */
    static void attribute(DinaModel model, Tensor responses, float[][] targets, double[] baseline, Progress.Task bar, String label,
                          AttributionSink sink) {
        int t = responses.dim(0), n = responses.dim(1);
        model.neural().parameters().zeroGrad();
        for (int from = 0; from < t; from += BATCH) {
            int to = Math.min(t, from + BATCH), b = to - from, dim = targets[from].length;
            Tensor r = responses.slice(0, from, to).contiguous();
            model.neural().forward(r);
            float[] dz = new float[b * dim];
            for (int i = 0; i < b; i++) System.arraycopy(targets[from + i], 0, dz, i * dim, dim);
            Tensor dr = model.neural().backward(Tensor.of(dz, b, dim)).contiguous();
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < n; j++) {
                    sink.accept(from + i, j, (r.getFlat((long) i * n + j) - baseline[j]) * dr.getFlat((long) i * n + j));
                }
            }
            if (bar != null) bar.step(b, label);
        }
        model.neural().parameters().zeroGrad();
    }

    /**
     * Gradient x (input - baseline) of sum_i target_i . z_neu(r_i) with respect to r, averaged over trials:
     * {signed mean, mean of magnitudes}, each [N]. Leaves the neural tower's parameter gradients at zero.
     */
    public static double[][] gradientTimesInput(DinaModel model, Tensor responses, float[][] targets, double[] baseline, Progress.Task bar) {
        int t = responses.dim(0), n = responses.dim(1);
        if (targets.length != t || baseline.length != n) {
            throw new IllegalArgumentException("gradientTimesInput: " + t + " trials of " + n + " neurons but " + targets.length
                    + " targets and a baseline of " + baseline.length);
        }
        double[] signed = new double[n], magnitude = new double[n];
        attribute(model, responses, targets, baseline, bar, "attribution", (trial, j, g) -> {
            signed[j] += g;
            magnitude[j] += Math.abs(g);
        });
        for (int j = 0; j < n; j++) {
            signed[j] /= t;
            magnitude[j] /= t;
        }
        return new double[][] {signed, magnitude};
    }

    /** Attention each neuron receives (column means of the attention, averaged over heads and trials), [N]. */
    public static double[] attentionReceived(DinaModel model, Tensor responses, Progress.Task bar) {
        int t = responses.dim(0), n = responses.dim(1);
        double[] out = new double[n];
        for (int from = 0; from < t; from += BATCH) {
            int to = Math.min(t, from + BATCH), b = to - from;
            Tensor rec = model.neural().attention().attentionReceived(responses.slice(0, from, to).contiguous());
            int heads = rec.dim(0);
            for (int h = 0; h < heads; h++) {
                for (int j = 0; j < n; j++) out[j] += (double) rec.getFlat((long) h * n + j) * b / heads;
            }
            if (bar != null) bar.step(b, "attention");
        }
        for (int j = 0; j < n; j++) out[j] /= t;
        return out;
    }

    private static Curve curve(RetrievalProbe probe, Tensor test, int[] correct, Order order, Selection mode, List<int[]> rankings,
                               AnalysisOptions o, double[] fill, Progress.Task bar) {
        int n = test.dim(1);
        double[] f = o.fractions();
        int[] counts = new int[f.length];
        double[] top1 = new double[f.length], top5 = new double[f.length], margin = new double[f.length];
        double[][] byOrder = new double[rankings.size()][f.length], perQuery = new double[f.length][test.dim(0)];
        Tensor work = Tensor.zeros(test.dim(0), n);
        for (int k = 0; k < f.length; k++) {
            counts[k] = Math.max(1, (int) Math.round(f[k] * n));
            for (int r = 0; r < rankings.size(); r++) {
                int[] ranking = rankings.get(r);
                boolean[] replace = new boolean[n];
                for (int i = 0; i < n; i++) replace[ranking[i]] = mode == Selection.KEEP ? i >= counts[k] : i < counts[k];
                float[][] z = probe.embedResponses(replaced(test, replace, fill, work));
                RetrievalProbe.Score s = RetrievalProbe.score(z, probe.imageVectors(), correct);
                byOrder[r][k] = s.margin();
                double[] q = RetrievalProbe.queryMargins(z, probe.imageVectors(), correct);
                for (int i = 0; i < q.length; i++) perQuery[k][i] += q[i] / rankings.size();
                top1[k] += s.top1() / rankings.size();
                top5[k] += s.top5() / rankings.size();
                margin[k] += s.margin() / rankings.size();
                bar.step(test.dim(0), mode.key() + " " + order.key() + " " + counts[k]);
            }
        }
        return new Curve(order, mode, f.clone(), counts, top1, top5, margin, byOrder, perQuery);
    }

    /** {@code work} = responses with the flagged neurons' columns set to {@code fill}. */
    public static Tensor replaced(Tensor responses, boolean[] replace, double[] fill, Tensor work) {
        int t = responses.dim(0), n = responses.dim(1);
        responses.copyTo(work);
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < n; j++) if (replace[j]) work.setFlat((long) i * n + j, (float) fill[j]);
        }
        return work;
    }

    static double[] finiteOr(double[] x, double fallback) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) if (!Double.isFinite(out[i])) out[i] = fallback;
        return out;
    }

    /** At most {@code max} indices spread evenly over 0..count-1. */
    static int[] evenlySpaced(int count, int max) {
        int m = Math.min(count, max);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) out[i] = (int) ((long) i * count / m);
        return out;
    }

    static int[] pick(int[] values, int max) {
        int[] idx = evenlySpaced(values.length, max);
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = values[idx[i]];
        return out;
    }

    /** Per-neuron statistics over the training trials: raw and normalised means, split-half repeat reliability. */
    public record TrainingStats(double[] meanRaw, double[] meanNormalised, double[] reliability) {
        public static TrainingStats of(Dataset d, ResponseNormalizer norm, int[] trainTrials) {
            int n = d.neuronCount();
            Tensor resp = d.responses();
            double[] raw = new double[n], normed = new double[n];
            for (int t : trainTrials) {
                long o = (long) t * n;
                for (int j = 0; j < n; j++) {
                    float v = resp.getFlat(o + j);
                    raw[j] += v;
                    normed[j] += norm.apply(j, v);
                }
            }
            for (int j = 0; j < n; j++) {
                raw[j] /= trainTrials.length;
                normed[j] /= trainTrials.length;
            }
            return new TrainingStats(raw, normed, reliability(d, trainTrials));
        }

        /** Pearson correlation over images of the mean of odd and of even training repeats; NaN with < 3 images. */
        static double[] reliability(Dataset d, int[] trainTrials) {
            int n = d.neuronCount();
            boolean[] train = new boolean[d.trialCount()];
            for (int t : trainTrials) train[t] = true;
            Tensor resp = d.responses();
            double[] sa = new double[n], sb = new double[n], sab = new double[n], saa = new double[n], sbb = new double[n];
            double[] a = new double[n], b = new double[n];
            int images = 0;
            for (int k = 0; k < d.imageCount(); k++) {
                int[] trials = Arrays.stream(d.trialsOf(k)).filter(t -> train[t]).toArray();
                if (trials.length < 2) continue;
                images++;
                Arrays.fill(a, 0);
                Arrays.fill(b, 0);
                int na = 0, nb = 0;
                for (int i = 0; i < trials.length; i++) {
                    double[] dst = i % 2 == 0 ? a : b;
                    if (i % 2 == 0) na++; else nb++;
                    long o = (long) trials[i] * n;
                    for (int j = 0; j < n; j++) dst[j] += resp.getFlat(o + j);
                }
                for (int j = 0; j < n; j++) {
                    double x = a[j] / na, y = b[j] / nb;
                    sa[j] += x; sb[j] += y; sab[j] += x * y; saa[j] += x * x; sbb[j] += y * y;
                }
            }
            double[] r = new double[n];
            for (int j = 0; j < n; j++) {
                if (images < 3) {
                    r[j] = Double.NaN;
                    continue;
                }
                double cov = sab[j] - sa[j] * sb[j] / images, va = saa[j] - sa[j] * sa[j] / images, vb = sbb[j] - sb[j] * sb[j] / images;
                r[j] = va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : Double.NaN;
            }
            return r;
        }
    }
}
