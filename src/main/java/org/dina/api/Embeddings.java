package org.dina.api;

import org.dina.kernels.Gemm;
import org.dina.model.Tower;
import org.dina.tensor.Tensor;

/**
 * Runs a tower over many rows in batches and keeps every embedding and alignment map.
 *
 * @param vectors [R][C x 16 x 64]: each row's embedding, its maps flattened and L2-normalised
 * @param maps    [R][C x 16 x 64]: each row's C alignment maps of 16 x 64, row-major, scaled as
 *                {@code model.mapNormalisation} says
 */
public record Embeddings(float[][] vectors, float[][] maps) {
    /**
     * Embeds rows of inputs, copying every result out of the tower's reused buffers.
     *
     * @param tower  either tower, already in evaluation mode
     * @param inputs [R, ...] what the tower takes, one row per item
     * @param batch  rows per forward pass
     * @return one embedding and one map per row
     */
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

    /**
     * similarity[q][c] = query q . candidate c (cosine, as embeddings are L2-normalised), as one GEMM of the stacked
     * queries with the stacked candidates transposed. The dot products accumulate in float, so they agree with a
     * double-precision sum to float rounding (about 1e-7 for unit vectors).
     *
     * @param queries    [Q][D] embeddings
     * @param candidates [C][D] embeddings of the same length D
     * @return similarity[q][c], [Q][C]
     */
    public static float[][] similarity(float[][] queries, float[][] candidates) {
        int q = queries.length, c = candidates.length;
        if (q == 0 || c == 0) return new float[q][c];
        int d = queries[0].length;
        Tensor s = Tensor.zeros(q, c);
        Gemm.matmul(stack(queries, d, "query"), false, stack(candidates, d, "candidate"), true, s, 1f, 0f);
        float[] flat = s.toArray();
        float[][] out = new float[q][];
        for (int i = 0; i < q; i++) out[i] = java.util.Arrays.copyOfRange(flat, i * c, (i + 1) * c);
        return out;
    }

    private static Tensor stack(float[][] rows, int d, String what) {
        Tensor t = Tensor.zeros(rows.length, d);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != d) {
                throw new IllegalArgumentException("similarity: " + what + " " + r + " has " + rows[r].length + " values, query 0 has " + d);
            }
            t.slice(0, r, r + 1).copyFrom(rows[r]);
        }
        return t;
    }
}
