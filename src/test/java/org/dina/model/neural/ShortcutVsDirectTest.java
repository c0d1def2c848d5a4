package org.dina.model.neural;

import static org.dina.model.neural.NeuralAttentionFixtures.assertCloseToScale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dina.nn.Parameter;
import org.dina.tensor.Tensor;

/** The shortcut equals the direct form to float32 rounding: outputs, dL/dr and every parameter gradient. */
class ShortcutVsDirectTest {
    private static final double RTOL = 1e-5, ATOL = 1e-6;

    record Shape(int n, int dim, int heads, int batch, int blockRows, long seed) {}

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<int[]> dimHeads = Arbitraries.integers().between(4, 32).flatMap(d ->
                Arbitraries.integers().between(1, 4).filter(h -> d % h == 0).map(h -> new int[] {d, h}));
        return Combinators.combine(Arbitraries.integers().between(1, 40), dimHeads,
                        Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 40), Arbitraries.longs())
                .as((n, dh, b, blk, seed) -> new Shape(n, dh[0], dh[1], b, blk, seed));
    }

    @Property(tries = 60)
    void shortcutMatchesDirect(@ForAll("shapes") Shape s) {
        NeuralAttentionConfig cfg = new NeuralAttentionConfig(s.n(), s.dim(), s.heads());
        NeuralAttentionFixtures.Block blk = NeuralAttentionFixtures.randomBlock(cfg, s.seed(), 0.5);
        Tensor r = NeuralAttentionFixtures.random(s.seed() + 1, -0.2, 1.2, s.batch(), s.n());
        Tensor dy = NeuralAttentionFixtures.random(s.seed() + 2, -1, 1, s.batch(), s.n());

        NeuralAttention direct = new DirectNeuralAttention(blk.params());
        NeuralAttention shortcut = new ShortcutNeuralAttention(blk.params(), s.blockRows(), 1);
        blk.set().zeroGrad();
        Tensor yd = direct.forward(r).copy();
        Tensor drd = direct.backward(dy).copy();
        Tensor gd = blk.set().grads().copy();
        blk.set().zeroGrad();
        Tensor ys = shortcut.forward(r).copy();
        Tensor drs = shortcut.backward(dy).copy();
        Tensor gs = blk.set().grads().copy();

        String tag = s.toString();
        assertCloseToScale("y " + tag, yd, ys, RTOL, ATOL);
        assertCloseToScale("dr " + tag, drd, drs, RTOL, ATOL);
        for (Parameter p : blk.set().list()) {
            int from = (int) p.offset(), to = (int) (p.offset() + p.numel());
            assertCloseToScale(p.name() + " grad " + tag, gd.slice(0, from, to), gs.slice(0, from, to), RTOL, ATOL);
        }
    }
}
