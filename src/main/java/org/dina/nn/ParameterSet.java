package org.dina.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.dina.tensor.Tensor;

/**
 * All parameters of a model (or tower) in one contiguous value buffer and one contiguous gradient buffer.
 *
 * <p>Layers declare their parameters while they are constructed; {@link #allocate(long)} then lays them out in
 * declaration order and initialises them from one seeded generator, so the same seed always gives the same bits.
 */
public final class ParameterSet {
    private final List<Parameter> params = new ArrayList<>();
    private Tensor values;
    private Tensor grads;

    public Parameter add(String name, Init init, int... shape) {
        if (values != null) throw new IllegalStateException("ParameterSet already allocated; cannot add " + name);
        for (Parameter p : params) {
            if (p.name().equals(name)) throw new IllegalArgumentException("duplicate parameter name " + name);
        }
        Parameter p = new Parameter(name, shape, init);
        params.add(p);
        return p;
    }

    /** Lays out every declared parameter in one buffer and initialises them in declaration order. */
    public ParameterSet allocate(long seed) {
        if (values != null) throw new IllegalStateException("ParameterSet already allocated");
        long total = 0;
        for (Parameter p : params) total += p.numel();
        values = Tensor.zeros(Math.toIntExact(total));
        grads = Tensor.zeros(Math.toIntExact(total));
        SplittableRandom rng = new SplittableRandom(seed);
        long off = 0;
        for (Parameter p : params) {
            p.bind(values, grads, off);
            p.init().fill(p.value(), rng);
            off += p.numel();
        }
        return this;
    }

    public boolean isAllocated() { return values != null; }

    public List<Parameter> list() { return Collections.unmodifiableList(params); }

    public Parameter get(String name) {
        for (Parameter p : params) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("no parameter named " + name);
    }

    /** All values, flat. */
    public Tensor values() { requireAllocated(); return values; }

    /** All gradients, flat, same layout as {@link #values()}. */
    public Tensor grads() { requireAllocated(); return grads; }

    public long size() {
        long total = 0;
        for (Parameter p : params) total += p.numel();
        return total;
    }

    public void zeroGrad() { requireAllocated(); grads.zero(); }

    private void requireAllocated() {
        if (values == null) throw new IllegalStateException("ParameterSet not allocated yet");
    }
}
