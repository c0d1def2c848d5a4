package org.dina.nn;

import org.dina.kernels.Resize;
import org.dina.tensor.Tensor;

/** Resizes [N, C, H, W] feature maps to a fixed (outH, outW) like {@code F.interpolate(size=...)}; no parameters. */
public final class ResizeLayer implements Layer {
    private final String name;
    private final Resize.Mode mode;
    private final int outH, outW;
    private Resize.Plan plan;
    private int[] inputShape;
    private Tensor output, gradInput;
    private Buffer outputBuffer = new Buffer(), gradInputBuffer = new Buffer();

    public ResizeLayer(Resize.Mode mode, int outH, int outW) {
        this("resize", mode, outH, outW);
    }

    public ResizeLayer(String name, Resize.Mode mode, int outH, int outW) {
        if (outH < 1 || outW < 1) throw new IllegalArgumentException("ResizeLayer " + name + ": output size " + outH + "x" + outW);
        this.name = name;
        this.mode = mode;
        this.outH = outH;
        this.outW = outW;
    }

    public Resize.Mode mode() { return mode; }
    public int outH() { return outH; }
    public int outW() { return outW; }

    /**
     * Keeps the output and the input gradient in slots shared with other layers (null keeps this layer's own), for
     * layers whose buffers are never live at the same time; see {@link Buffer}.
     */
    public ResizeLayer shareBuffers(Buffer output, Buffer gradInput) {
        if (output != null) outputBuffer = output;
        if (gradInput != null) gradInputBuffer = gradInput;
        return this;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("ResizeLayer " + name + ": expected input [N, C, H, W] but got " + x.shapeString());
        }
        Tensor in = x.contiguous();
        int h = in.dim(2), w = in.dim(3);
        if (plan == null || !plan.matches(mode, h, w, outH, outW)) plan = Resize.plan(mode, h, w, outH, outW);
        inputShape = in.shape();
        output = outputBuffer.ensure(in.dim(0), in.dim(1), outH, outW);
        Resize.forward(plan, in, output);
        return output;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (output == null) throw new IllegalStateException("ResizeLayer " + name + ": backward before forward");
        dy.requireShape("ResizeLayer " + name + " backward", output.shape());
        gradInput = gradInputBuffer.ensure(inputShape);
        Resize.backward(plan, dy.contiguous(), gradInput);
        return gradInput;
    }
}
