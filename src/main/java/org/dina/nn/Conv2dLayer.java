package org.dina.nn;

import org.dina.kernels.Conv2d;
import org.dina.tensor.Tensor;

/**
 * 2-D convolution layer on NCHW tensors (PyTorch's nn.Conv2d with zero padding): weight [Cout, Cin/groups, kh, kw],
 * optional bias [Cout], both initialised U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = Cin/groups * kh * kw.
 */
public final class Conv2dLayer implements Layer {
    private final String name;
    private final Conv2d.Spec spec;
    private final Parameter weight, bias;
    private Tensor input, output, gradInput;
    private Buffer outputBuffer = new Buffer(), gradInputBuffer = new Buffer();
    private boolean inputGradient = true;

    public Conv2dLayer(ParameterSet params, String name, int cin, int cout, int kh, int kw, int stride, int padding,
                       int groups, boolean bias) {
        this(params, name, new Conv2d.Spec(cin, cout, kh, kw, stride, stride, padding, padding, groups), bias);
    }

    public Conv2dLayer(ParameterSet params, String name, Conv2d.Spec spec, boolean bias) {
        this.name = name;
        this.spec = spec;
        double bound = 1.0 / Math.sqrt(spec.patch());
        this.weight = params.add(name + ".weight", Init.uniform(bound), spec.weightShape());
        this.bias = bias ? params.add(name + ".bias", Init.uniform(bound), spec.cout()) : null;
    }

    public String name() { return name; }
    public Conv2d.Spec spec() { return spec; }
    public Parameter weight() { return weight; }
    /** The bias parameter, or null for a layer without bias. */
    public Parameter bias() { return bias; }

    /**
     * Skips dL/dinput in {@link #backward} (which then returns null), for a first layer whose input is data: the
     * image tower's patch embedding would otherwise spend half of its backward pass on a gradient nobody reads.
     */
    public Conv2dLayer withoutInputGradient() {
        inputGradient = false;
        return this;
    }

    /** Output shape for an input of shape [N, Cin, H, W]. */
    public int[] outputShape(int[] inputShape) {
        requireInput(inputShape);
        return spec.outputShape(inputShape[0], inputShape[2], inputShape[3]);
    }

    /**
     * Keeps the output and the input gradient in slots shared with other layers (null keeps this layer's own), for
     * layers whose buffers are never live at the same time; see {@link Buffer}.
     */
    public Conv2dLayer shareBuffers(Buffer output, Buffer gradInput) {
        if (output != null) outputBuffer = output;
        if (gradInput != null) gradInputBuffer = gradInput;
        return this;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] outShape = outputShape(x.shape());
        input = x.contiguous();
        output = outputBuffer.ensure(outShape);
        Conv2d.forward(spec, input, weight.value(), bias == null ? null : bias.value(), output);
        return output;
    }

    /**
     * Writes the last forward's output again from the input it kept (the same bits: same input and weights, since
     * the optimizer steps after backward), for an output buffer that other layers shared and overwrote since.
     *
     * @return the output tensor, written again
     */
    public Tensor recomputeOutput() {
        if (output == null) throw new IllegalStateException("Conv2dLayer " + name + ": recompute before forward");
        Conv2d.forward(spec, input, weight.value(), bias == null ? null : bias.value(), output);
        return output;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (output == null) throw new IllegalStateException("Conv2dLayer " + name + ": backward before forward");
        dy.requireShape("Conv2dLayer " + name + " backward", output.shape());
        Tensor g = dy.contiguous();
        Conv2d.backwardWeight(spec, input, g, weight.grad(), bias == null ? null : bias.grad());
        if (!inputGradient) return null;
        gradInput = gradInputBuffer.ensure(input.shape());
        Conv2d.backwardInput(spec, g, weight.value(), gradInput);
        return gradInput;
    }

    private void requireInput(int[] s) {
        boolean ok = s.length == 4 && s[1] == spec.cin() && spec.outH(s[2]) >= 1 && spec.outW(s[3]) >= 1;
        if (!ok) {
            throw new IllegalArgumentException("Conv2dLayer " + name + " (" + spec + "): expected input [N, " + spec.cin()
                    + ", H>=" + Math.max(1, spec.kh() - 2 * spec.ph()) + ", W>=" + Math.max(1, spec.kw() - 2 * spec.pw())
                    + "] but got " + java.util.Arrays.toString(s));
        }
    }
}
