package org.dina.nn;

import java.lang.foreign.MemorySegment;
import org.dina.kernels.Gemm;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;

/**
 * y = x W^T + b over the last dimension, PyTorch layout (W is [out, in]). Any leading dimensions are treated as
 * rows. Default initialisation matches PyTorch: U(-1/sqrt(in), 1/sqrt(in)) for W and b.
 */
public final class Linear implements Layer {
    private final String name;
    private final int in, out;
    private final Parameter weight, bias;
    private Tensor input, output, gradInput;
    private Buffer outputBuffer = new Buffer(), gradInputBuffer = new Buffer();

    public Linear(ParameterSet params, String name, int in, int out, boolean withBias) {
        this(params, name, in, out, withBias, Init.uniform(1.0 / Math.sqrt(in)), Init.uniform(1.0 / Math.sqrt(in)));
    }

    public Linear(ParameterSet params, String name, int in, int out, boolean withBias, Init weightInit, Init biasInit) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.weight = params.add(name + ".weight", weightInit, out, in);
        this.bias = withBias ? params.add(name + ".bias", biasInit, out) : null;
    }

    public Parameter weight() { return weight; }
    public Parameter bias() { return bias; }

    /**
     * Keeps the output and the input gradient in slots shared with other layers (null keeps this layer's own), for
     * layers whose buffers are never live at the same time; see {@link Buffer}.
     */
    public Linear shareBuffers(Buffer output, Buffer gradInput) {
        if (output != null) outputBuffer = output;
        if (gradInput != null) gradInputBuffer = gradInput;
        return this;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim(-1) != in) {
            throw new IllegalArgumentException("Linear " + name + ": expected last dimension " + in + " but input is " + x.shapeString());
        }
        input = x.contiguous();
        int rows = (int) (x.numel() / in);
        int[] outShape = x.shape();
        outShape[outShape.length - 1] = out;
        output = outputBuffer.ensure(outShape);
        Tensor x2 = input.reshape(rows, in), y2 = output.reshape(rows, out);
        if (bias != null) {
            // raw segment copies: a view per row would be garbage on every forward
            MemorySegment bs = bias.value().segment(), ys = y2.segment();
            long bAt = bias.value().offset() * Float.BYTES, yAt = y2.offset() * Float.BYTES, rowBytes = (long) out * Float.BYTES;
            Parallel.forRange(rows, 64, (from, to) -> {
                for (int r = from; r < to; r++) MemorySegment.copy(bs, bAt, ys, yAt + r * rowBytes, rowBytes);
            });
        }
        Gemm.matmul(x2, false, weight.value(), true, y2, 1f, bias != null ? 1f : 0f);
        return output;
    }

    @Override
    public Tensor backward(Tensor dy) {
        dy.requireShape("Linear " + name + " backward", output.shape());
        int rows = (int) (input.numel() / in);
        Tensor dy2 = dy.contiguous().reshape(rows, out);
        gradInput = gradInputBuffer.ensure(input.shape());
        Gemm.matmul(dy2, false, weight.value(), false, gradInput.reshape(rows, in), 1f, 0f);
        Gemm.matmul(dy2, true, input.reshape(rows, in), false, weight.grad(), 1f, 1f);
        if (bias != null) {
            Tensor gb = bias.grad();
            Parallel.forRange(out, 64, (from, to) -> {
                for (int j = from; j < to; j++) {
                    float s = 0f;
                    for (int r = 0; r < rows; r++) s += dy2.getFlat((long) r * out + j);
                    gb.setFlat(j, gb.getFlat(j) + s);
                }
            });
        }
        return gradInput;
    }
}
