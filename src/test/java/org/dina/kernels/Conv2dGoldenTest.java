package org.dina.kernels;

import org.dina.kernels.Conv2d.Spec;
import org.dina.tensor.Tensor;
import org.dina.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Conv2d forward and gradients agree with PyTorch (bench/golden/conv2d.py) to 1e-5 relative. */
class Conv2dGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"conv2d_strided", "conv2d_grouped", "conv2d_depthwise", "conv2d_pointwise"})
    void matchesPyTorch(String file) {
        Golden g = Golden.load(file);
        Spec s = Spec.of((int) g.scalar("cin"), (int) g.scalar("cout"), (int) g.scalar("kernel"),
                (int) g.scalar("stride"), (int) g.scalar("padding"), (int) g.scalar("groups"));
        Tensor x = g.tensor("x"), w = g.tensor("weight"), b = g.tensor("bias"), gy = g.tensor("gy");
        Tensor y = Tensor.zeros(g.tensor("y").shape());
        Conv2d.forward(s, x, w, b, y);
        Golden.assertClose(file + " y", g.tensor("y"), y, 1e-5, 1e-6);
        Tensor gx = Tensor.zeros(x.shape()), gw = Tensor.zeros(w.shape()), gb = Tensor.zeros(b.shape());
        Conv2d.backwardInput(s, gy, w, gx);
        Conv2d.backwardWeight(s, x, gy, gw, gb);
        Golden.assertClose(file + " gx", g.tensor("gx"), gx, 1e-5, 1e-6);
        Golden.assertClose(file + " gw", g.tensor("gw"), gw, 1e-5, 1e-6);
        Golden.assertClose(file + " gb", g.tensor("gb"), gb, 1e-5, 1e-6);
    }
}
