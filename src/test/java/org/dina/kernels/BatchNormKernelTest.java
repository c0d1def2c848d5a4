package org.dina.kernels;

import static org.dina.kernels.KernelChecks.assertClose;
import static org.dina.kernels.KernelChecks.random;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dina.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BatchNormKernelTest {

    @Property(tries = 150)
    void vectorKernelsMatchScalarTwins(@ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int channels,
                                       @ForAll @IntRange(min = 1, max = 50) int spatial, @ForAll boolean nullShift, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = batch * channels * spatial;
        Tensor x = random(r, n, 3, r.nextDouble() * 6 - 3), dy = random(r, n);
        Tensor gamma = random(r, channels, 0.5, 1), beta = random(r, channels);
        Tensor mv = Tensor.zeros(channels), ms = Tensor.zeros(channels), vv = Tensor.zeros(channels), vs = Tensor.zeros(channels);
        MemorySegment xs = x.segment();
        BatchNormKernel.channelMeanVar(xs, 0, batch, channels, spatial, mv.segment(), 0, vv.segment(), 0);
        BatchNormScalar.channelMeanVar(xs, 0, batch, channels, spatial, ms.segment(), 0, vs.segment(), 0);
        assertClose("mean", ms, mv, 1e-5, 1e-6);
        assertClose("var", vs, vv, 1e-5, 1e-6);

        Tensor rstd = Tensor.zeros(channels), scale = Tensor.zeros(channels);
        BatchNormKernel.invStd(vs.segment(), 0, rstd.segment(), 0, channels, 1e-5f);
        Elementwise.mul(rstd, gamma, scale);
        Tensor yv = Tensor.zeros(n), ys = Tensor.zeros(n);
        MemorySegment shift = nullShift ? null : beta.segment();
        BatchNormKernel.normalize(xs, 0, ms.segment(), 0, scale.segment(), 0, shift, 0, yv.segment(), 0, batch, channels, spatial);
        BatchNormScalar.normalize(xs, 0, ms.segment(), 0, scale.segment(), 0, shift, 0, ys.segment(), 0, batch, channels, spatial);
        assertClose("normalize", ys, yv, 1e-6, 1e-6);

        Tensor sdv = Tensor.zeros(channels), sds = Tensor.zeros(channels), sxv = Tensor.zeros(channels), sxs = Tensor.zeros(channels);
        BatchNormKernel.channelGradSums(xs, 0, dy.segment(), 0, batch, channels, spatial, ms.segment(), 0,
                sdv.segment(), 0, sxv.segment(), 0);
        BatchNormScalar.channelGradSums(xs, 0, dy.segment(), 0, batch, channels, spatial, ms.segment(), 0,
                sds.segment(), 0, sxs.segment(), 0);
        double scaleOfSums = 4e-6 * batch * spatial;
        assertClose("sumDy", sds, sdv, 1e-5, scaleOfSums);
        assertClose("sumDyXmu", sxs, sxv, 1e-5, 4 * scaleOfSums);

        Tensor dxv = Tensor.zeros(n), dxs = Tensor.zeros(n);
        BatchNormKernel.trainInputGrad(xs, 0, dy.segment(), 0, batch, channels, spatial, ms.segment(), 0, rstd.segment(), 0,
                gamma.segment(), 0, sds.segment(), 0, sxs.segment(), 0, dxv.segment(), 0);
        BatchNormScalar.trainInputGrad(xs, 0, dy.segment(), 0, batch, channels, spatial, ms.segment(), 0, rstd.segment(), 0,
                gamma.segment(), 0, sds.segment(), 0, sxs.segment(), 0, dxs.segment(), 0);
        assertClose("trainInputGrad", dxs, dxv, 1e-4, 1e-5);
    }

    @Test
    void sameBitsWithOneAndTwoThreads() {
        SplittableRandom r = new SplittableRandom(8);
        int batch = 8, channels = 64, spatial = 131, n = batch * channels * spatial;
        Tensor x = random(r, n, 2, 1), dy = random(r, n), gamma = random(r, channels, 0.5, 1);
        Tensor mean = Tensor.zeros(channels), var = Tensor.zeros(channels), rstd = Tensor.zeros(channels);
        Tensor sd = Tensor.zeros(channels), sx = Tensor.zeros(channels), out = Tensor.zeros(n);
        KernelChecks.assertSameBitsWithOneAndTwoThreads("channelMeanVar", () -> {
            BatchNormKernel.channelMeanVar(x.segment(), 0, batch, channels, spatial, mean.segment(), 0, var.segment(), 0);
            Tensor both = Tensor.zeros(2 * channels);
            mean.copyTo(both.slice(0, 0, channels));
            var.copyTo(both.slice(0, channels, 2 * channels));
            return both;
        });
        BatchNormKernel.invStd(var.segment(), 0, rstd.segment(), 0, channels, 1e-5f);
        KernelChecks.assertSameBitsWithOneAndTwoThreads("normalize", () -> {
            BatchNormKernel.normalize(x.segment(), 0, mean.segment(), 0, rstd.segment(), 0, gamma.segment(), 0,
                    out.segment(), 0, batch, channels, spatial);
            return out;
        });
        KernelChecks.assertSameBitsWithOneAndTwoThreads("channelGradSums + trainInputGrad", () -> {
            BatchNormKernel.channelGradSums(x.segment(), 0, dy.segment(), 0, batch, channels, spatial, mean.segment(), 0,
                    sd.segment(), 0, sx.segment(), 0);
            BatchNormKernel.trainInputGrad(x.segment(), 0, dy.segment(), 0, batch, channels, spatial, mean.segment(), 0,
                    rstd.segment(), 0, gamma.segment(), 0, sd.segment(), 0, sx.segment(), 0, out.segment(), 0);
            return out;
        });
    }
}
