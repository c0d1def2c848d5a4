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
     * {@code skippedReason} is non-null when there was nothing to test (then the numbers are NaN).
     * {@code wrongInCategory}: share of wrong top matches in the true category; {@code wrongInCategoryExpected}:
     * the share the category sizes predict; {@code pValue}: permutation p-value of the observed count.
     */
    public record Result(String skippedReason, double exemplarTop1, double exemplarChance, double categoryTop1,
                         double categoryChance, int wrongMatches, double wrongInCategory, double wrongInCategoryExpected,
                         double pValue, int permutations, List<CategoryRow> categories) {
        public boolean skipped() { return skippedReason != null; }

        static Result skipped(String reason) {
            return new Result(reason, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, 0, List.of());
        }
    }

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
     * category label (>= 0); {@code names} may be shorter than the labels (then they are numbered).
     */
    public static Result of(float[][] sim, int[] correct, int[] cat, List<String> names, int permutations, long seed) {
        int c = cat.length;
        int maxLabel = 0;
        for (int v : cat) maxLabel = Math.max(maxLabel, v);
        int[] size = new int[maxLabel + 1];
        for (int v : cat) size[v]++;
        int distinct = 0;
        for (int s : size) if (s > 0) distinct++;
        if (distinct < 2) return Result.skipped("all " + c + " candidate images are in one category");
        int q = sim.length;
        int[] top = new int[q];
        for (int i = 0; i < q; i++) top[i] = argmax(sim[i]);
        int exemplar = 0, category = 0;
        double categoryChance = 0, expectedWrong = 0;
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < q; i++) {
            int t = cat[correct[i]];
            if (top[i] == correct[i]) exemplar++;
            if (cat[top[i]] == t) category++;
            categoryChance += (double) size[t] / c;
            if (top[i] != correct[i]) {
                wrong.add(i);
                expectedWrong += (size[t] - 1.0) / (c - 1.0);
            }
        }
        int observed = countWrongInCategory(wrong, top, correct, cat);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5E3A471CL);
        int atLeast = 0;
        int[] perm = cat.clone();
        for (int p = 0; p < permutations; p++) {
            for (int i = c - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = perm[i]; perm[i] = perm[j]; perm[j] = tmp;
            }
            if (countWrongInCategory(wrong, top, correct, perm) >= observed) atLeast++;
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
        return new Result(null, (double) exemplar / q, 1.0 / c, (double) category / q, categoryChance / q, w,
                w == 0 ? Double.NaN : (double) observed / w, w == 0 ? Double.NaN : expectedWrong / w,
                w == 0 ? Double.NaN : (atLeast + 1.0) / (permutations + 1.0), permutations, rows);
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
