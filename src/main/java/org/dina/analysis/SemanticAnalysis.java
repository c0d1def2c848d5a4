package org.dina.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.api.Embeddings;

/**
 * Claim 2 (not semantic category): with category labels per image, is the top match at least in the true image's
 * category more often than chance, and do the wrong matches fall into the true category more often than the
 * category sizes predict? The second question is tested by permuting the candidates' labels (the matches stay
 * fixed), which gives a one-sided p-value.
 */
public final class SemanticAnalysis {
    private SemanticAnalysis() {}

    /** Per category: candidates, queries, exemplar and category-level accuracy. */
    public record CategoryRow(String name, int candidates, int queries, double exemplarTop1, double categoryTop1) {}

    /**
     * The power of the wrong-in-category test, from its own permutation null: an excess shifts the count of wrong
     * matches in the true category up by some number of matches while its spread stays the null's (the shift
     * alternative), so the share of permuted counts that the shift lifts to the critical count is the power against it.
     *
     * @param criticalCount          the smallest count with a permutation p below alpha (-1 when none can reach it)
     * @param detectableExcess80     the smallest excess (share of the wrong matches above the null's mean share) detected
     *                               with 80% power; NaN when no excess within the wrong matches reaches it
     * @param powerAtObservedExcess  the power against an excess as large as the observed one (alpha-level when the
     *                               observed count is not above the null's mean)
     * @param nullMean               mean of the permuted share (the size-based expectation, as the permutations make it)
     * @param nullSd                 standard deviation of the permuted share
     */
    public record Power(int criticalCount, double detectableExcess80, double powerAtObservedExcess, double nullMean, double nullSd) {
        static final double TARGET = 0.8;

        static Power of(int[] nullCounts, int observed, int wrong) {
            int p = nullCounts.length;
            int[] sorted = nullCounts.clone();
            java.util.Arrays.sort(sorted);
            double mean = 0, ss = 0;
            for (int v : sorted) mean += v;
            mean /= p;
            for (int v : sorted) ss += (v - mean) * (v - mean);
            double sd = p > 1 ? Math.sqrt(ss / (p - 1)) : Double.NaN;
            // with fewer than 19 permutations no count reaches p < alpha: no power to state
            if (1.0 / (p + 1.0) >= Verdict.ALPHA) return new Power(-1, Double.NaN, Double.NaN, mean / wrong, sd / wrong);
            // the critical count c: (1 + #{null >= c}) / (P + 1) < alpha; larger counts only lower the p-value
            int critical = sorted[p - 1] + 1;
            for (int c = sorted[p - 1]; c >= 0 && (atLeast(sorted, c) + 1.0) / (p + 1.0) < Verdict.ALPHA; c--) critical = c;
            double detectable = Double.NaN;
            for (int d = 0; d <= wrong; d++) {
                if (power(sorted, critical, d) >= TARGET) {
                    detectable = (double) d / wrong;
                    break;
                }
            }
            double shift = Math.max(0, observed - mean);
            return new Power(critical, detectable, power(sorted, critical, shift), mean / wrong, sd / wrong);
        }

        /** Share of the null counts that a shift of {@code d} matches lifts to the critical count. */
        private static double power(int[] sorted, int critical, double d) {
            return (double) atLeast(sorted, (int) Math.ceil(critical - d - 1e-9)) / sorted.length;
        }

        private static int atLeast(int[] sorted, int c) {
            int lo = 0, hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < c) lo = mid + 1;
                else hi = mid;
            }
            return sorted.length - lo;
        }
    }

    /**
     * {@code skippedReason} is non-null when there was nothing to test (then the numbers are NaN).
     * {@code wrongInCategory}: share of wrong top matches in the true category; {@code wrongInCategoryExpected}:
     * the share the category sizes predict; {@code pValue}: permutation p-value of the observed count.
     * Candidates labelled "unknown" ({@code excludedLabel}, label 0 of the natimg2800 class files) belong to no
     * category: their queries, and wrong matches onto them, are left out of the category statistics.
     */
    public record Result(String skippedReason, double exemplarTop1, double exemplarChance, double categoryTop1,
                         double categoryChance, int wrongMatches, double wrongInCategory, double wrongInCategoryExpected,
                         double pValue, int permutations, List<CategoryRow> categories, String excludedLabel, int excludedCandidates,
                         Power power) {
        public boolean skipped() { return skippedReason != null; }

        static Result skipped(String reason) {
            return new Result(reason, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, 0, List.of(),
                    null, 0, null);
        }
    }

    /** The name that marks a label as no category (natimg2800's class 0). */
    public static final String UNKNOWN = "unknown";

    public static Result run(RetrievalProbe probe, AnalysisOptions options) {
        Dataset d = probe.dataset();
        if (!d.hasCategories()) return Result.skipped("the dataset has no category labels (attach them with --categories)");
        int[] cand = probe.candidates();
        int[] cat = new int[cand.length];
        for (int i = 0; i < cand.length; i++) cat[i] = d.category(cand[i]);
        float[][] sim = Embeddings.similarity(probe.neuralVectors(), probe.imageVectors());
        return of(sim, probe.correct(), cat, d.categoryNames(), options.permutations(), options.seed());
    }

    /**
     * The test on a similarity matrix [queries][candidates], each query's true candidate and each candidate's
     * category label (>= 0); {@code names} may be shorter than the labels (then they are numbered). A label named
     * {@value #UNKNOWN} (any case) is no category.
     */
    public static Result of(float[][] sim, int[] correct, int[] cat, List<String> names, int permutations, long seed) {
        int c = cat.length;
        int unknown = -1;
        for (int l = 0; l < names.size(); l++) if (names.get(l).strip().equalsIgnoreCase(UNKNOWN)) unknown = l;
        int maxLabel = 0;
        for (int v : cat) maxLabel = Math.max(maxLabel, v);
        int[] size = new int[maxLabel + 1];
        int known = 0;
        for (int v : cat) {
            if (v == unknown) continue;
            size[v]++;
            known++;
        }
        int distinct = 0;
        for (int s : size) if (s > 0) distinct++;
        String excluded = unknown >= 0 && c > known ? names.get(unknown) : null;
        if (distinct < 2) {
            return Result.skipped("all " + known + " candidate images " + (excluded != null ? "with a known category (" + (c - known)
                    + " labelled '" + excluded + "' left out) " : "") + "are in one category");
        }
        int q = sim.length;
        int[] top = new int[q];
        for (int i = 0; i < q; i++) top[i] = argmax(sim[i]);
        int exemplar = 0, category = 0, knownQueries = 0;
        double categoryChance = 0, expectedWrong = 0;
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < q; i++) {
            int t = cat[correct[i]];
            if (top[i] == correct[i]) exemplar++;
            if (t == unknown) continue;
            knownQueries++;
            if (cat[top[i]] == t) category++;
            categoryChance += (double) size[t] / c;
            if (top[i] != correct[i] && cat[top[i]] != unknown) {
                wrong.add(i);
                expectedWrong += (size[t] - 1.0) / (known - 1.0);
            }
        }
        int observed = countWrongInCategory(wrong, top, correct, cat);
        // the labels of known candidates are permuted among themselves; "unknown" ones stay where they are
        int[] knownSlots = new int[known];
        for (int i = 0, k = 0; i < c; i++) if (cat[i] != unknown) knownSlots[k++] = i;
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5E3A471CL);
        int atLeast = 0;
        int[] perm = cat.clone(), nullCounts = new int[permutations];
        for (int p = 0; p < permutations; p++) {
            for (int i = known - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1), a = knownSlots[i], b = knownSlots[j];
                int tmp = perm[a]; perm[a] = perm[b]; perm[b] = tmp;
            }
            nullCounts[p] = countWrongInCategory(wrong, top, correct, perm);
            if (nullCounts[p] >= observed) atLeast++;
        }
        List<CategoryRow> rows = new ArrayList<>();
        for (int label = 0; label <= maxLabel; label++) {
            if (size[label] == 0) continue;
            int n = 0, ex = 0, ca = 0;
            for (int i = 0; i < q; i++) {
                if (cat[correct[i]] != label) continue;
                n++;
                if (top[i] == correct[i]) ex++;
                if (cat[top[i]] == label) ca++;
            }
            String name = label < names.size() ? names.get(label) : "category " + label;
            rows.add(new CategoryRow(name, size[label], n, n == 0 ? Double.NaN : (double) ex / n, n == 0 ? Double.NaN : (double) ca / n));
        }
        int w = wrong.size();
        return new Result(null, (double) exemplar / q, 1.0 / c, knownQueries == 0 ? Double.NaN : (double) category / knownQueries,
                knownQueries == 0 ? Double.NaN : categoryChance / knownQueries, w,
                w == 0 ? Double.NaN : (double) observed / w, w == 0 ? Double.NaN : expectedWrong / w,
                w == 0 ? Double.NaN : (atLeast + 1.0) / (permutations + 1.0), permutations, rows, excluded, c - known,
                w == 0 || permutations == 0 ? null : Power.of(nullCounts, observed, w));
    }

    private static int countWrongInCategory(List<Integer> wrong, int[] top, int[] correct, int[] cat) {
        int n = 0;
        for (int i : wrong) if (cat[top[i]] == cat[correct[i]]) n++;
        return n;
    }

    static int argmax(float[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
        return best;
    }
}
