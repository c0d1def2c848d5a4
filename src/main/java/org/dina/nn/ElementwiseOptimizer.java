package org.dina.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;

/**
 * What every per-element optimizer shares: the flat parameter and gradient tensors, the state buffers, the step count
 * and the learning rate, and a parallel loop over element ranges. Each element is updated on its own, so any split
 * of the range gives the same bits.
 */
abstract class ElementwiseOptimizer implements Optimizer {
    /** Elements per parallel task: large enough that a task costs more than handing it out. */
    static final int GRAIN = 1 << 15;

    final Tensor params;
    final Tensor grads;
    final int n;
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Parallel.Range updateRange = this::update;
    private double lr;
    private long steps;
    private boolean vectorized = true;

    ElementwiseOptimizer(String who, Tensor params, Tensor grads, double lr) {
        if (!params.isContiguous() || !grads.isContiguous()) {
            throw new IllegalArgumentException(who + ": parameters " + params.shapeString() + " and gradients "
                    + grads.shapeString() + " must both be contiguous");
        }
        if (params.numel() != grads.numel()) {
            throw new IllegalArgumentException(who + ": parameters " + params.shapeString() + " and gradients "
                    + grads.shapeString() + " differ in length");
        }
        requireLr(who, lr);
        this.params = params;
        this.grads = grads;
        this.n = Math.toIntExact(params.numel());
        this.lr = lr;
    }

    /** Declares a zero-initialised state buffer of the parameters' length (in constructors, in {@link #state()} order). */
    final Tensor addBuffer(String name) {
        Tensor t = Tensor.zeros(n);
        buffers.put(name, t);
        return t;
    }

    /** Computes this step's scalar coefficients; {@code step} counts from 1, as PyTorch's does after its increment. */
    abstract void prepare(long step);

    /** Updates elements [from, to) with the coefficients of the last {@link #prepare(long)}. */
    abstract void updateVector(int from, int to);

    /** The plain scalar twin of {@link #updateVector(int, int)}: same operations in the same order, same bits. */
    abstract void updateScalar(int from, int to);

    private void update(int from, int to) {
        if (vectorized) updateVector(from, to);
        else updateScalar(from, to);
    }

    @Override
    public final void step() {
        steps++;
        prepare(steps);
        Parallel.forRange(n, GRAIN, updateRange);
    }

    /** Switches between the Vector API kernel (default) and its scalar twin; tests prove they agree. */
    final void useVectorKernel(boolean on) { vectorized = on; }

    @Override
    public final double lr() { return lr; }

    @Override
    public final void setLr(double lr) {
        requireLr(getClass().getSimpleName() + ".setLr", lr);
        this.lr = lr;
    }

    @Override
    public final long steps() { return steps; }

    @Override
    public final Map<String, Tensor> state() { return Collections.unmodifiableMap(buffers); }

    @Override
    public final void loadState(Map<String, Tensor> state, long steps, double lr) {
        String who = getClass().getSimpleName() + ".loadState";
        if (steps < 0) throw new IllegalArgumentException(who + ": negative step count " + steps);
        requireLr(who, lr);
        // check everything before copying anything, so a bad state leaves this optimizer untouched
        for (var e : buffers.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) {
                throw new IllegalArgumentException(who + ": missing buffer '" + e.getKey() + "'; given " + state.keySet());
            }
            if (src.numel() != n) {
                throw new IllegalArgumentException(who + ": buffer '" + e.getKey() + "' has shape " + src.shapeString()
                        + " but the parameters have " + n + " elements");
            }
        }
        for (var e : buffers.entrySet()) state.get(e.getKey()).contiguous().reshape(n).copyTo(e.getValue());
        this.steps = steps;
        this.lr = lr;
    }

    private static void requireLr(String who, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException(who + ": invalid learning rate " + lr);
    }
}
