package org.dina.nn;

import java.lang.foreign.MemorySegment;
import org.dina.kernels.BatchNormKernel;
import org.dina.tensor.Tensor;

/**
 * Batch normalisation of NCHW feature maps per channel, PyTorch semantics ({@code nn.BatchNorm2d(channels)}:
 * eps 1e-5, momentum 0.1, weight initialised to 1 and bias to 0).
 *
 * <p>Training mode (the default) normalises with the batch mean and biased variance and moves the running
 * estimates towards the batch mean and <em>unbiased</em> variance; evaluation mode normalises with the running
 * estimates. The running estimates are buffers, not parameters: this layer owns them ({@link #runningMean()},
 * {@link #runningVar()}, initially 0 and 1) so that checkpoints can save and restore them.
 */
public final class BatchNorm2d implements Layer {
    public static final float DEFAULT_EPS = 1e-5f;
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final String name;
    private final int channels;
    private final float eps;
    private double momentum;
    private final Parameter weight, bias;
    private final Tensor runningMean, runningVar;
    // per-channel scratch: centre and 1/std used by the last forward, variance, gamma * rstd, gradient sums
    private final Tensor center, var, rstd, scale, sumDy, sumDyXmu;
    private boolean training = true;
    private boolean holdRunningStats;
    private boolean lastForwardTrained;
    private Tensor input, output, gradInput;
    private Buffer outputBuffer = new Buffer(), gradInputBuffer = new Buffer();

    public BatchNorm2d(ParameterSet params, String name, int channels) {
        this(params, name, channels, DEFAULT_EPS, DEFAULT_MOMENTUM);
    }

    public BatchNorm2d(ParameterSet params, String name, int channels, float eps, double momentum) {
        this.name = name;
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = params.add(name + ".weight", Init.constant(1f), channels);
        this.bias = params.add(name + ".bias", Init.zeros(), channels);
        this.runningMean = Tensor.zeros(channels);
        this.runningVar = Tensor.zeros(channels);
        runningVar.fill(1f);
        this.center = Tensor.zeros(channels);
        this.var = Tensor.zeros(channels);
        this.rstd = Tensor.zeros(channels);
        this.scale = Tensor.zeros(channels);
        this.sumDy = Tensor.zeros(channels);
        this.sumDyXmu = Tensor.zeros(channels);
    }

    public Parameter weight() { return weight; }
    public Parameter bias() { return bias; }
    /** Running mean per channel (a buffer: updated in training mode, used in evaluation mode). */
    public Tensor runningMean() { return runningMean; }
    /** Running unbiased variance per channel (a buffer). */
    public Tensor runningVar() { return runningVar; }
    public int channels() { return channels; }
    public float eps() { return eps; }
    public double momentum() { return momentum; }

    /**
     * Sets the weight of the next batch in the running statistics; 1/(k+1) for the k-th batch (k from 0) makes them
     * the plain average over batches (PyTorch's momentum=None), which is how frozen features are calibrated.
     */
    public void setMomentum(double momentum) {
        if (!(momentum > 0 && momentum <= 1)) throw new IllegalArgumentException("BatchNorm2d " + name + ": momentum must be in (0, 1], got " + momentum);
        this.momentum = momentum;
    }
    public boolean isTraining() { return training; }

    /** Training mode (batch statistics, running estimates updated) or evaluation mode (running estimates used). */
    public void setTraining(boolean training) { this.training = training; }

    /**
     * While held, a training-mode forward normalises with the batch statistics as usual but leaves the running
     * estimates alone: for a forward pass that is run a second time on the same batch to recompute activations,
     * which must not count that batch twice.
     */
    public void holdRunningStats(boolean hold) { this.holdRunningStats = hold; }

    /**
     * Keeps the output and the input gradient in slots shared with other layers (null keeps this layer's own), for
     * layers whose buffers are never live at the same time; see {@link Buffer}.
     */
    public BatchNorm2d shareBuffers(Buffer output, Buffer gradInput) {
        if (output != null) outputBuffer = output;
        if (gradInput != null) gradInputBuffer = gradInput;
        return this;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != channels) {
            throw new IllegalArgumentException("BatchNorm2d " + name + ": expected input [N, " + channels
                    + ", H, W] but got " + x.shapeString());
        }
        int batch = x.dim(0), spatial = x.dim(2) * x.dim(3);
        long count = (long) batch * spatial;
        if (training && count <= 1) {
            throw new IllegalArgumentException("BatchNorm2d " + name + ": training needs more than one value per channel, got input "
                    + x.shapeString());
        }
        input = x.contiguous();
        output = outputBuffer.ensure(x.shape());
        MemorySegment xs = input.segment();
        if (training) {
            BatchNormKernel.channelMeanVar(xs, input.offset(), batch, channels, spatial,
                    center.segment(), center.offset(), var.segment(), var.offset());
            if (!holdRunningStats) {
                BatchNormKernel.updateRunningStats(center.segment(), center.offset(), var.segment(), var.offset(), count,
                        runningMean.segment(), runningMean.offset(), runningVar.segment(), runningVar.offset(), channels, momentum);
            }
        } else {
            runningMean.copyTo(center);
            runningVar.copyTo(var);
        }
        BatchNormKernel.invStd(var.segment(), var.offset(), rstd.segment(), rstd.offset(), channels, eps);
        Tensor gamma = weight.value();
        for (int c = 0; c < channels; c++) scale.setFlat(c, gamma.getFlat(c) * rstd.getFlat(c));
        Tensor beta = bias.value();
        BatchNormKernel.normalize(xs, input.offset(), center.segment(), center.offset(), scale.segment(), scale.offset(),
                beta.segment(), beta.offset(), output.segment(), output.offset(), batch, channels, spatial);
        lastForwardTrained = training;
        return output;
    }

    /**
     * Writes the last forward's output again (the same bits: same input, statistics and affine parameters), for an
     * output buffer that other layers shared and overwrote since: the next layer's backward reads it as its input.
     */
    public void recomputeOutput() {
        if (input == null) throw new IllegalStateException("BatchNorm2d " + name + ": recompute before forward");
        int batch = input.dim(0), spatial = input.dim(2) * input.dim(3);
        Tensor beta = bias.value();
        BatchNormKernel.normalize(input.segment(), input.offset(), center.segment(), center.offset(), scale.segment(), scale.offset(),
                beta.segment(), beta.offset(), output.segment(), output.offset(), batch, channels, spatial);
    }

    @Override
    public Tensor backward(Tensor dyIn) {
        if (input == null) throw new IllegalStateException("BatchNorm2d " + name + ": backward before forward");
        dyIn.requireShape("BatchNorm2d " + name + " backward", input.shape());
        Tensor dy = dyIn.contiguous();
        int batch = input.dim(0), spatial = input.dim(2) * input.dim(3);
        gradInput = gradInputBuffer.ensure(input.shape());
        BatchNormKernel.channelGradSums(input.segment(), input.offset(), dy.segment(), dy.offset(), batch, channels, spatial,
                center.segment(), center.offset(), sumDy.segment(), sumDy.offset(), sumDyXmu.segment(), sumDyXmu.offset());
        Tensor gw = weight.grad(), gb = bias.grad();
        for (int c = 0; c < channels; c++) {
            gw.setFlat(c, gw.getFlat(c) + sumDyXmu.getFlat(c) * rstd.getFlat(c));
            gb.setFlat(c, gb.getFlat(c) + sumDy.getFlat(c));
        }
        if (lastForwardTrained) {
            Tensor gamma = weight.value();
            BatchNormKernel.trainInputGrad(input.segment(), input.offset(), dy.segment(), dy.offset(), batch, channels, spatial,
                    center.segment(), center.offset(), rstd.segment(), rstd.offset(), gamma.segment(), gamma.offset(),
                    sumDy.segment(), sumDy.offset(), sumDyXmu.segment(), sumDyXmu.offset(),
                    gradInput.segment(), gradInput.offset());
        } else {
            // the statistics are constants here, so dx is dy scaled per channel by gamma * rstd
            BatchNormKernel.normalize(dy.segment(), dy.offset(), null, 0, scale.segment(), scale.offset(), null, 0,
                    gradInput.segment(), gradInput.offset(), batch, channels, spatial);
        }
        return gradInput;
    }
}
