package org.dina.api;

import org.dina.model.Tower;
import org.dina.tensor.Tensor;

/** Runs a tower over many rows in batches and keeps every embedding [R, 1024] and alignment map [R, 16, 64]. */
public record Embeddings(float[][] vectors, float[][] maps) {
    /** Embeds {@code inputs} [R, ...] with {@code tower} (which must already be in evaluation mode). */
    public static Embeddings of(Tower tower, Tensor inputs, int batch) {
        int r = inputs.dim(0);
        float[][] vec = new float[r][], maps = new float[r][];
        for (int from = 0; from < r; from += batch) {
            int to = Math.min(r, from + batch);
            Tensor e = tower.forward(inputs.slice(0, from, to).contiguous());
            Tensor m = tower.maps();
            for (int i = from; i < to; i++) {
                vec[i] = e.slice(0, i - from, i - from + 1).toArray();
                maps[i] = m.slice(0, i - from, i - from + 1).toArray();
            }
        }
        return new Embeddings(vec, maps);
    }

    /** similarity[q][c] = query q . candidate c (cosine, as embeddings are L2-normalised). */
    public static float[][] similarity(float[][] queries, float[][] candidates) {
        float[][] s = new float[queries.length][candidates.length];
        org.dina.kernels.Parallel.forRange(queries.length, 8, (from, to) -> {
            for (int q = from; q < to; q++) {
                for (int c = 0; c < candidates.length; c++) {
                    float[] a = queries[q], b = candidates[c];
                    double d = 0;
                    for (int k = 0; k < a.length; k++) d += a[k] * b[k];
                    s[q][c] = (float) d;
                }
            }
        });
        return s;
    }
}
