package org.dina.kernels;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;
import org.dina.testing.GradCheck;

class LayoutTest {
    @Property(tries = 60)
    void tokensAndMapsAreInverseTransposes(@ForAll @IntRange(min = 1, max = 3) int b, @ForAll @IntRange(min = 1, max = 9) int c,
                                          @ForAll @IntRange(min = 1, max = 7) int h, @ForAll @IntRange(min = 1, max = 9) int w,
                                          @ForAll @IntRange(min = 0, max = 3) int pad) {
        Tensor map = GradCheck.randomLike(new int[] {b, c, h, w}, c * 31L + h);
        Tensor tokens = Tensor.zeros(b, h * w, c + pad);
        Layout.mapToTokens(map, 0, tokens, pad, c, false);
        for (int n = 0; n < b; n++)
            for (int ch = 0; ch < c; ch++)
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++) assertEquals(map.get(n, ch, y, x), tokens.get(n, y * w + x, pad + ch));
        Tensor back = Tensor.zeros(b, c, h, w);
        Layout.tokensToMap(tokens, pad, back, 0, c, false);
        assertArrayEquals(map.toArray(), back.toArray());
        Layout.tokensToMap(tokens, pad, back, 0, c, true);
        float[] twice = back.toArray(), once = map.toArray();
        for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], twice[i]);
        Tensor wide = Tensor.zeros(b, c + pad, h, w);
        Layout.copyChannels(map, 0, wide, pad, c, false);
        for (int n = 0; n < b; n++) assertEquals(map.get(n, c - 1, h - 1, w - 1), wide.get(n, pad + c - 1, h - 1, w - 1));
    }

    /**
     * Both layout changes against plain loops, bit for bit, with channel offsets on both sides, accumulation, and
     * sizes past the L x L blocks that are transposed in registers (edges in positions and channels included).
     */
    @Property(tries = 80)
    void matchPlainLoopsOnBlocksAndEdges(@ForAll @IntRange(min = 1, max = 2) int b, @ForAll @IntRange(min = 1, max = 40) int c,
                                         @ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 1, max = 40) int w,
                                         @ForAll @IntRange(min = 0, max = 5) int srcC0, @ForAll @IntRange(min = 0, max = 5) int dstC0,
                                         @ForAll boolean accumulate) {
        int hw = h * w;
        Tensor map = GradCheck.randomLike(new int[] {b, srcC0 + c + 1, h, w}, 7L * c + w);
        Tensor tokens = GradCheck.randomLike(new int[] {b, hw, Math.max(srcC0, dstC0) + c + 2}, 11L * h + c);
        Tensor expected = tokens.copy();
        for (int n = 0; n < b; n++)
            for (int p = 0; p < hw; p++)
                for (int ch = 0; ch < c; ch++) {
                    float v = map.get(n, srcC0 + ch, p / w, p % w);
                    if (accumulate) v += expected.get(n, p, dstC0 + ch);
                    expected.set(v, n, p, dstC0 + ch);
                }
        Layout.mapToTokens(map, srcC0, tokens, dstC0, c, accumulate);
        assertArrayEquals(expected.toArray(), tokens.toArray(), "mapToTokens");

        Tensor back = GradCheck.randomLike(new int[] {b, dstC0 + c + 3, h, w}, 13L * w + h);
        Tensor expectedMap = back.copy();
        for (int n = 0; n < b; n++)
            for (int ch = 0; ch < c; ch++)
                for (int p = 0; p < hw; p++) {
                    float v = tokens.get(n, p, srcC0 + ch);
                    if (accumulate) v += expectedMap.get(n, dstC0 + ch, p / w, p % w);
                    expectedMap.set(v, n, dstC0 + ch, p / w, p % w);
                }
        Layout.tokensToMap(tokens, srcC0, back, dstC0, c, accumulate);
        assertArrayEquals(expectedMap.toArray(), back.toArray(), "tokensToMap");
    }
}
