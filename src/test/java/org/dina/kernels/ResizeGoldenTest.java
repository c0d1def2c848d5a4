package org.dina.kernels;

import org.dina.tensor.Tensor;
import org.dina.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Forward and backward (gradient of sum(w * y)) against PyTorch's F.interpolate, bench/golden/resize.py. */
class ResizeGoldenTest {
    @ParameterizedTest
    @CsvSource({
        "resize_bilinear_8x32, '', BILINEAR",
        "resize_bilinear_8x33, '', BILINEAR",
        "resize_bilinear_17x67, '', BILINEAR",
        "resize_nearest_down, s1_, NEAREST",
        "resize_nearest_down, s2_, NEAREST",
        "resize_nearest_up, s1_, NEAREST",
        "resize_nearest_up, s2_, NEAREST",
        "resize_odd, bil_up_, BILINEAR",
        "resize_odd, bil_down_, BILINEAR",
        "resize_odd, bil_one_, BILINEAR",
        "resize_odd, near_up_, NEAREST",
        "resize_odd, near_down_, NEAREST",
        "resize_odd, near_one_, NEAREST",
    })
    void matchesPyTorch(String file, String prefix, Resize.Mode mode) {
        Golden g = Golden.load(file);
        Tensor x = g.tensor(prefix + "x"), w = g.tensor(prefix + "w");
        Tensor expectY = g.tensor(prefix + "y"), expectDx = g.tensor(prefix + "dx");
        Tensor y = Tensor.zeros(expectY.shape()), dx = Tensor.zeros(x.shape());
        Resize.forward(mode, x, y);
        Resize.backward(mode, w, dx);
        Golden.assertClose(file + " " + prefix + "y", expectY, y, 1e-5, 1e-6);
        Golden.assertClose(file + " " + prefix + "dx", expectDx, dx, 1e-5, 1e-6);
    }
}
