package org.dina.eval.baselines;

import org.dina.data.Tier;
import org.dina.eval.RetrievalResult;
import org.ejml.data.DMatrixRMaj;

/**
 * One side of a split as an identification problem: query responses, the image each query showed, the candidate
 * images and, per query, the index of its image among the candidates.
 *
 * @param queries     [q, N] normalised responses (single trials or per-image averages)
 * @param queryImages the image of each query
 * @param candidates  candidate images, ascending
 * @param correct     index into {@code candidates} of each query's image
 * @param averaged    one query per image (repeat-averaged), so image-to-neural retrieval is meaningful
 */
record RetrievalTask(Tier tier, DMatrixRMaj queries, int[] queryImages, int[] candidates, int[] correct, boolean averaged) {

    int queryCount() { return queryImages.length; }

    /** Scores similarities [queries, candidates]. */
    RetrievalResult neuralToImage(float[][] sim) {
        if (sim.length != queryCount() || (sim.length > 0 && sim[0].length != candidates.length)) {
            throw new IllegalArgumentException("RetrievalTask " + tier + ": similarities are " + sim.length + "x"
                    + (sim.length == 0 ? 0 : sim[0].length) + ", expected " + queryCount() + "x" + candidates.length);
        }
        return RetrievalResult.fromSimilarities(sim, correct);
    }

    /**
     * Each query image picks its own averaged response among all queries (the transposed problem, restricted to the
     * candidate columns that are query images); null for single-trial queries, where an image has several.
     */
    RetrievalResult imageToNeural(float[][] sim) {
        if (!averaged) return null;
        int q = queryCount();
        float[][] t = new float[q][q];
        int[] self = new int[q];
        for (int i = 0; i < q; i++) {
            self[i] = i;
            for (int j = 0; j < q; j++) t[i][j] = sim[j][correct[i]];
        }
        return RetrievalResult.fromSimilarities(t, self);
    }
}
