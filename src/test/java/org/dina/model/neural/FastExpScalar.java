package org.dina.model.neural;

/** Scalar twin of {@link FastExp#exp}: the vector form must match it bit for bit; {@link RankOneRowsScalar} exponentiates with it. */
final class FastExpScalar {
    private FastExpScalar() {}

    /** exp(x), the same operations in the same order as {@link FastExp#exp}. */
    static float scalar(float x) {
        if (x < FastExp.MIN_INPUT) return 0f;
        float xc = Math.min(Math.max(x, FastExp.MIN_INPUT), FastExp.MAX_INPUT);
        float k = Math.fma(xc, FastExp.LOG2E, FastExp.ROUND_MAGIC) - FastExp.ROUND_MAGIC;
        float f = Math.fma(k, -FastExp.LN2_HI, xc);
        f = Math.fma(k, -FastExp.LN2_LO, f);
        float z = f * f;
        float p = Math.fma(f, FastExp.P0, FastExp.P1);
        p = Math.fma(p, f, FastExp.P2);
        p = Math.fma(p, f, FastExp.P3);
        p = Math.fma(p, f, FastExp.P4);
        p = Math.fma(p, f, FastExp.P5);
        p = Math.fma(p, z, f) + 1f;
        return Float.intBitsToFloat(Float.floatToRawIntBits(p) + ((int) k << 23));
    }
}
