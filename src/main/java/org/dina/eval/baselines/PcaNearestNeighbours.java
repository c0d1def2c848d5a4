package org.dina.eval.baselines;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dina.data.Tier;
import org.dina.eval.RetrievalResult;
import org.dina.kernels.Parallel;
import org.ejml.data.DMatrixRMaj;

/**
 * k-nearest-neighbour identification in the principal-component space of the training trials: a query's k most
 * cosine-similar training trials vote for their images, weighted by (1 + cos) / 2. Images with votes rank above
 * all others, by vote; the rest rank by their single most similar training trial. Only meaningful when the test
 * images have training trials (REPEATS protocol). k and the number of components are picked on the validation side.
 */
public final class PcaNearestNeighbours implements Baseline {
    public static final String NAME = "pca-knn";
    private static final int[] DEFAULT_K = {1, 3, 5, 10, 20};
    private static final int[] DEFAULT_COMPONENTS = {5, 10, 20, 50, 100, 200};

    private final int[] kGrid, componentGrid;

    public PcaNearestNeighbours() { this(DEFAULT_K, DEFAULT_COMPONENTS); }

    /** With given grids of k and of component counts (counts above the rank are replaced by the rank). */
    public PcaNearestNeighbours(int[] kGrid, int[] componentGrid) {
        if (kGrid.length == 0 || componentGrid.length == 0) throw new IllegalArgumentException("PcaNearestNeighbours: empty grid");
        for (int k : kGrid) if (k < 1) throw new IllegalArgumentException("PcaNearestNeighbours: k must be >= 1, got " + k);
        for (int c : componentGrid) if (c < 1) throw new IllegalArgumentException("PcaNearestNeighbours: components must be >= 1, got " + c);
        this.kGrid = kGrid.clone();
        this.componentGrid = componentGrid.clone();
    }

    @Override
    public String name() { return NAME; }

    @Override
    public Optional<String> whyNotApplicable(BaselineInput in) {
        if (!in.imagesSeenInTraining(Tier.TEST)) {
            return Optional.of("nearest neighbours are training trials labelled with their image, so only images seen in training "
                    + "can be named; under the " + in.split().protocol() + " protocol the test images are unseen");
        }
        if (!in.imagesSeenInTraining(Tier.VALIDATION)) return Optional.of("validation images are not among the training images");
        return Optional.ofNullable(Checks.tunable(in, ImageRepresentation.PIXELS));
    }

    @Override
    public BaselineResult fitAndEvaluate(BaselineInput in) {
        Optional<String> why = whyNotApplicable(in);
        if (why.isPresent()) return BaselineResult.notApplicable(NAME, in.mode(), why.get());
        long t0 = System.nanoTime();
        int[] train = in.split().trainTrials();
        DMatrixRMaj x = in.trialResponses(train);
        double[] mean = DenseOps.columnMeans(x);
        ThinSvd svd = ThinSvd.of(DenseOps.minusRow(x, mean));
        int rank = svd.rank();
        if (rank == 0) return BaselineResult.notApplicable(NAME, in.mode(), "the training responses have no variance");
        DMatrixRMaj trainScores = DenseOps.mult(DenseOps.minusRow(x, mean), svd.v);
        int[] candidates = in.split().trainImages();
        int[] trialCandidate = new int[train.length];
        for (int i = 0; i < train.length; i++) trialCandidate[i] = Arrays.binarySearch(candidates, in.dataset().imageId(train[i]));

        int[] comps = Arrays.stream(componentGrid).map(c -> Math.min(c, rank)).distinct().sorted().toArray();
        int maxK = Math.min(Arrays.stream(kGrid).max().orElseThrow(), train.length);
        RetrievalTask val = in.task(Tier.VALIDATION);
        DMatrixRMaj valScores = DenseOps.mult(DenseOps.minusRow(val.queries(), mean), svd.v);
        int bestC = -1, bestK = -1;
        RetrievalResult best = null;
        StringBuilder curve = new StringBuilder();
        for (int c : comps) {
            Neighbours nb = Neighbours.find(leading(valScores, c), leading(trainScores, c), maxK);
            for (int k : kGrid) {
                int kk = Math.min(k, maxK);
                RetrievalResult r = val.neuralToImage(nb.scores(kk, trialCandidate, candidates.length));
                curve.append(curve.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%d/%d:%.3f", c, kk, r.top1()));
                // strict improvement only: ties keep the earlier, smaller model
                if (best == null || LambdaSearch.worse(best, 0, r, 1)) {
                    best = r;
                    bestC = c;
                    bestK = kk;
                }
            }
        }
        double fit = (System.nanoTime() - t0) / 1e9;

        RetrievalTask test = in.task(Tier.TEST);
        DMatrixRMaj testScores = DenseOps.mult(DenseOps.minusRow(test.queries(), mean), svd.v);
        float[][] sim = Neighbours.find(leading(testScores, bestC), leading(trainScores, bestC), bestK)
                .scores(bestK, trialCandidate, candidates.length);
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("k", Integer.toString(bestK));
        hp.put("components", Integer.toString(bestC));
        hp.put("rank", Integer.toString(rank));
        hp.put("similarity", "cosine");
        hp.put("validation_top1_by_components/k", curve.toString());
        return new BaselineResult(NAME, in.mode(), null, test.neuralToImage(sim), test.imageToNeural(sim), best, hp, fit);
    }

    /** The first {@code c} columns of {@code m}. */
    private static DMatrixRMaj leading(DMatrixRMaj m, int c) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, c);
        for (int i = 0; i < m.numRows; i++) System.arraycopy(m.data, i * m.numCols, out.data, i * c, c);
        return out;
    }

    /** Cosine similarities of queries to training trials and, per query, the most similar trials in order. */
    private record Neighbours(DMatrixRMaj sim, int[][] nearest) {
        static Neighbours find(DMatrixRMaj queries, DMatrixRMaj train, int maxK) {
            DMatrixRMaj sim = DenseOps.multTransB(Correlation.unitRows(queries), Correlation.unitRows(train));
            int q = sim.numRows, n = sim.numCols;
            int[][] nearest = new int[q][maxK];
            Parallel.forRange(q, 8, (from, to) -> {
                for (int i = from; i < to; i++) topK(sim.data, i * n, n, nearest[i]);
            });
            return new Neighbours(sim, nearest);
        }

        /** Fills {@code out} with the indices of the largest values of row [o, o+n), largest first, ties to the lower index. */
        private static void topK(double[] d, int o, int n, int[] out) {
            int k = out.length, filled = 0;
            for (int j = 0; j < n; j++) {
                double v = d[o + j];
                if (filled == k && !(v > d[o + out[k - 1]])) continue;
                int pos = filled < k ? filled++ : k - 1;
                while (pos > 0 && v > d[o + out[pos - 1]]) {
                    out[pos] = out[pos - 1];
                    pos--;
                }
                out[pos] = j;
            }
        }

        /** Candidate scores [q, candidates] for k neighbours (see the class comment). */
        float[][] scores(int k, int[] trialCandidate, int candidates) {
            int q = sim.numRows, n = sim.numCols;
            float[][] out = new float[q][candidates];
            Parallel.forRange(q, 8, (from, to) -> {
                double[] score = new double[candidates];
                boolean[] voted = new boolean[candidates];
                for (int i = from; i < to; i++) {
                    Arrays.fill(score, -2.0);
                    Arrays.fill(voted, false);
                    for (int j = 0; j < n; j++) {
                        int c = trialCandidate[j];
                        score[c] = Math.max(score[c], sim.data[i * n + j]);
                    }
                    for (int r = 0; r < k; r++) {
                        int c = trialCandidate[nearest[i][r]];
                        if (!voted[c]) { voted[c] = true; score[c] = 2.0; }
                        score[c] += (1.0 + sim.data[i * n + nearest[i][r]]) / 2.0;
                    }
                    for (int c = 0; c < candidates; c++) out[i][c] = (float) score[c];
                }
            });
            return out;
        }
    }
}
