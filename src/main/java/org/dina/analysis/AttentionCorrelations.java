package org.dina.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.tensor.Tensor;

/**
 * Does the neural tower attend along the recording's own structure? Over pairs of graph nodes, the symmetric
 * attention (A_ij + A_ji) / 2 of the validation-averaged graph is set against
 * <ul>
 *   <li>the signal correlation: Pearson correlation across training images of the two neurons' mean responses;</li>
 *   <li>the noise correlation: Pearson correlation across training trials of the responses minus their image's mean
 *       (images shown at least twice; absent without repeats);</li>
 *   <li>the distance between the cells: cortical (3-D cell centres, or cortical positions) or, for positions in the
 *       image, between receptive fields.</li>
 * </ul>
 * The statistic is Spearman's rho over pairs; its null permutes the neurons' labels of one matrix (a Mantel test),
 * which keeps the dependence among pairs that share a neuron. p is two-sided. At most {@link #MAX_NODES} nodes (a
 * seeded subset) keep the permutations cheap.
 */
public final class AttentionCorrelations {
    static final int MAX_NODES = 600, SCATTER_PAIRS = 2000;

    private AttentionCorrelations() {}

    /**
     * One comparison: {@code nullLow}/{@code nullHigh} are the 2.5% and 97.5% points of the permutation null;
     * {@code attention}/{@code measure} a seeded sample of pairs for a figure.
     */
    public record Relation(String name, String measure, int pairs, double spearman, double p, double nullLow, double nullHigh,
                           int permutations, double[] attention, double[] values) {}

    /** {@code notes}: comparisons that could not be made, and why. */
    public record Result(int nodes, List<Relation> relations, List<String> notes) {}

    public static Result run(Dataset d, int[] trainTrials, int[] graphNodes, float[] a, AnalysisOptions o) {
        int m = graphNodes.length;
        SplittableRandom rng = new SplittableRandom(o.seed() + 53);
        int[] local = subset(m, rng);
        int[] trials = finiteTrials(d, trainTrials, graphNodes, local);
        List<Integer> kept = new ArrayList<>();
        double[][] x = new double[local.length][];
        for (int s = 0; s < local.length; s++) {
            x[s] = column(d, trials, graphNodes[local[s]]);
            if (variance(x[s]) > 0) kept.add(s);
        }
        int k = kept.size();
        int[] nodes = new int[k];
        double[][] responses = new double[k][];
        for (int s = 0; s < k; s++) {
            nodes[s] = local[kept.get(s)];
            responses[s] = x[kept.get(s)];
        }
        double[][] attention = new double[k][k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) attention[i][j] = 0.5 * (a[nodes[i] * m + nodes[j]] + a[nodes[j] * m + nodes[i]]);
        List<Relation> relations = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (k < 3) {
            notes.add("fewer than 3 graph nodes with varying training responses");
            return new Result(k, relations, notes);
        }
        int[] ids = new int[trials.length];
        for (int t = 0; t < trials.length; t++) ids[t] = d.imageId(trials[t]);
        Grouped g = Grouped.of(ids);
        relations.add(relation("signal_correlation", "Pearson r across training images of the mean responses",
                correlations(imageMeans(responses, g)), attention, o, rng));
        if (g.repeated() >= 3) {
            relations.add(relation("noise_correlation", "Pearson r across training trials of the response minus its image's mean",
                    correlations(residuals(responses, g)), attention, o, rng));
        } else {
            notes.add("noise correlation: fewer than 3 training images shown twice or more");
        }
        double[][] positions = positions(d, graphNodes, nodes);
        if (positions != null) {
            boolean cortical = d.neuronInfo().flatMap(i -> i.centres()).isPresent()
                    || d.positionKind().orElse(null) == Dataset.PositionKind.CORTICAL;
            relations.add(relation(cortical ? "cortical_distance" : "receptive_field_distance",
                    cortical ? "Euclidean distance between the cell centres" : "distance between receptive-field centres in the image (pixels)",
                    distances(positions), attention, o, rng));
        } else {
            notes.add("distance: the recording gives no neuron positions");
        }
        return new Result(k, relations, notes);
    }

    /** Local indices 0..m of the nodes used: all, or a sorted seeded subset of {@link #MAX_NODES}. */
    private static int[] subset(int m, SplittableRandom rng) {
        if (m <= MAX_NODES) return java.util.stream.IntStream.range(0, m).toArray();
        int[] perm = Manipulation.permutation(m, rng);
        int[] out = Arrays.copyOf(perm, MAX_NODES);
        Arrays.sort(out);
        return out;
    }

    /** Training trials whose responses of the chosen nodes are all finite (NaN trials are left out). */
    private static int[] finiteTrials(Dataset d, int[] trials, int[] graphNodes, int[] local) {
        Tensor r = d.responses();
        int n = d.neuronCount();
        return Arrays.stream(trials).filter(t -> {
            for (int s : local) if (!Float.isFinite(r.getFlat((long) t * n + graphNodes[s]))) return false;
            return true;
        }).toArray();
    }

    private static double[] column(Dataset d, int[] trials, int neuron) {
        Tensor r = d.responses();
        int n = d.neuronCount();
        double[] out = new double[trials.length];
        for (int t = 0; t < trials.length; t++) out[t] = r.getFlat((long) trials[t] * n + neuron);
        return out;
    }

    private static double variance(double[] x) {
        double mean = Stats.mean(x), s = 0;
        for (double v : x) s += (v - mean) * (v - mean);
        return s;
    }

    /** Trials grouped by image: {@code group[t]} is the image's slot, {@code size[slot]} its trial count. */
    record Grouped(int[] group, int[] size) {
        static Grouped of(int[] ids) {
            int[] sorted = Arrays.stream(ids).distinct().sorted().toArray();
            int[] group = new int[ids.length], size = new int[sorted.length];
            for (int t = 0; t < ids.length; t++) {
                group[t] = Arrays.binarySearch(sorted, ids[t]);
                size[group[t]]++;
            }
            return new Grouped(group, size);
        }

        int repeated() {
            return (int) Arrays.stream(size).filter(s -> s >= 2).count();
        }
    }

    private static double[][] imageMeans(double[][] responses, Grouped g) {
        double[][] out = new double[responses.length][g.size().length];
        for (int s = 0; s < responses.length; s++) {
            for (int t = 0; t < g.group().length; t++) out[s][g.group()[t]] += responses[s][t] / g.size()[g.group()[t]];
        }
        return out;
    }

    /** Each trial of an image shown at least twice minus that image's mean. */
    private static double[][] residuals(double[][] responses, Grouped g) {
        double[][] means = imageMeans(responses, g);
        int rows = 0;
        for (int t = 0; t < g.group().length; t++) if (g.size()[g.group()[t]] >= 2) rows++;
        double[][] out = new double[responses.length][rows];
        for (int s = 0; s < responses.length; s++) {
            for (int t = 0, k = 0; t < g.group().length; t++) {
                if (g.size()[g.group()[t]] >= 2) out[s][k++] = responses[s][t] - means[s][g.group()[t]];
            }
        }
        return out;
    }

    /** Pearson correlations between every pair of rows (NaN when a row is constant). */
    private static double[][] correlations(double[][] x) {
        int k = x.length;
        double[][] z = new double[k][];
        for (int s = 0; s < k; s++) {
            double mean = Stats.mean(x[s]), sd = Math.sqrt(variance(x[s]));
            z[s] = new double[x[s].length];
            for (int t = 0; t < z[s].length; t++) z[s][t] = sd > 0 ? (x[s][t] - mean) / sd : Double.NaN;
        }
        double[][] c = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double s = 0;
                for (int t = 0; t < z[i].length; t++) s += z[i][t] * z[j][t];
                c[i][j] = c[j][i] = s;
            }
        }
        return c;
    }

    /** Positions of the chosen nodes: 3-D cell centres if the recording has them, else its 2-D positions; null if neither. */
    private static double[][] positions(Dataset d, int[] graphNodes, int[] nodes) {
        Tensor p = d.neuronInfo().flatMap(i -> i.centres()).orElse(d.neuronPositions().orElse(null));
        if (p == null) return null;
        Tensor c = p.contiguous();
        int dims = c.dim(1);
        double[][] out = new double[nodes.length][dims];
        for (int s = 0; s < nodes.length; s++) for (int q = 0; q < dims; q++) out[s][q] = c.getFlat((long) graphNodes[nodes[s]] * dims + q);
        return out;
    }

    private static double[][] distances(double[][] p) {
        int k = p.length;
        double[][] out = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int q = 0; q < p[i].length; q++) s += (p[i][q] - p[j][q]) * (p[i][q] - p[j][q]);
                out[i][j] = Math.sqrt(s);
            }
        }
        return out;
    }

    /**
     * Spearman rho over pairs i < j with both values finite, and its Mantel null: ranks are computed once, and a
     * permutation of the neurons' labels of {@code measure} only re-pairs them, so each draw is one pass over the pairs.
     */
    static Relation relation(String name, String what, double[][] measure, double[][] attention, AnalysisOptions o, SplittableRandom rng) {
        int k = attention.length;
        boolean[] finite = new boolean[k];
        for (int i = 0; i < k; i++) {
            finite[i] = true;
            for (int j = 0; j < k; j++) if (i != j && !Double.isFinite(measure[i][j])) finite[i] = false;
        }
        int[] use = java.util.stream.IntStream.range(0, k).filter(i -> finite[i]).toArray();
        int u = use.length, pairs = u * (u - 1) / 2;
        if (pairs < 3) return new Relation(name, what, pairs, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, new double[0], new double[0]);
        double[] av = new double[pairs], mv = new double[pairs];
        for (int i = 0, q = 0; i < u; i++) {
            for (int j = i + 1; j < u; j++, q++) {
                av[q] = attention[use[i]][use[j]];
                mv[q] = measure[use[i]][use[j]];
            }
        }
        double[] ra = Stats.ranks(av), rm = Stats.ranks(mv);
        double mean = (pairs + 1) / 2.0;
        double[][] rankOf = new double[u][u];
        double sa = 0, sm = 0;
        for (int i = 0, q = 0; i < u; i++) {
            for (int j = i + 1; j < u; j++, q++) {
                rankOf[i][j] = rankOf[j][i] = rm[q] - mean;
                ra[q] -= mean;
                sa += ra[q] * ra[q];
                sm += rankOf[i][j] * rankOf[i][j];
            }
        }
        double norm = Math.sqrt(sa * sm);
        double rho = pairedSum(ra, rankOf, null) / norm;
        double[] nulls = new double[o.nullDraws()];
        for (int dr = 0; dr < nulls.length; dr++) nulls[dr] = pairedSum(ra, rankOf, Manipulation.permutation(u, rng)) / norm;
        int extreme = 0;
        for (double v : nulls) if (Math.abs(v) >= Math.abs(rho) - 1e-12) extreme++;
        int shown = Math.min(pairs, SCATTER_PAIRS);
        int[] pick = Arrays.copyOf(Manipulation.permutation(pairs, rng), shown);
        double[] sx = new double[shown], sy = new double[shown];
        for (int s = 0; s < shown; s++) {
            sx[s] = mv[pick[s]];
            sy[s] = av[pick[s]];
        }
        double[] range = Resampling.interval(nulls);
        return new Relation(name, what, pairs, rho, (extreme + 1.0) / (nulls.length + 1.0), range[0], range[1], nulls.length, sy, sx);
    }

    /** Sum over pairs q = (i < j) of ra[q] times the centred measure rank of (perm[i], perm[j]). */
    private static double pairedSum(double[] ra, double[][] rankOf, int[] perm) {
        int u = rankOf.length;
        double s = 0;
        for (int i = 0, q = 0; i < u; i++) {
            int pi = perm == null ? i : perm[i];
            double[] row = rankOf[pi];
            for (int j = i + 1; j < u; j++, q++) s += ra[q] * row[perm == null ? j : perm[j]];
        }
        return s;
    }
}
