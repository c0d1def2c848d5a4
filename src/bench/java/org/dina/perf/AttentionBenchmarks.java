package org.dina.perf;

import java.util.SplittableRandom;
import org.dina.kernels.Attention;
import org.dina.tensor.Tensor;

/** Attention workloads for the performance harness: shapes, flop counts and ready-to-run buffers, self-contained. */
public final class AttentionBenchmarks {
    private AttentionBenchmarks() {}

    /** One self-attention benchmark over [batch, tokens, width] split into {@code heads}. */
    public record Spec(String name, int batch, int tokens, int width, int heads) {
        /** 4 * B * L^2 * width: Q K^T and P V, two flops per multiply-add. */
        public double forwardFlops() {
            return 4.0 * batch * (double) tokens * tokens * width;
        }

        /**
         * The usual flash-attention count for forward plus backward, 3.5 x the forward (the backward's five L x L x d
         * products including one recomputation of the scores). The kernel executes 4.5 x the forward, because it
         * recomputes the scores and dO V^T once more to keep the backward split by output.
         */
        public double forwardBackwardFlops() {
            return 3.5 * forwardFlops();
        }

        /** Allocates and fills the inputs (U(-1, 1) from {@code seed}) and every output buffer. */
        public Workload prepare(long seed) {
            return new Workload(this, seed);
        }
    }

    /** Buffers of one {@link Spec}; {@link #forward()} and {@link #forwardBackward()} allocate nothing once warm. */
    public static final class Workload {
        private final Spec spec;
        private final float scale;
        private final Tensor q, k, v, dOut, out, lse, delta, dq, dk, dv;

        Workload(Spec spec, long seed) {
            this.spec = spec;
            this.scale = (float) (1.0 / Math.sqrt((double) spec.width() / spec.heads()));
            int b = spec.batch(), l = spec.tokens(), w = spec.width();
            SplittableRandom r = new SplittableRandom(seed);
            q = random(r, b, l, w);
            k = random(r, b, l, w);
            v = random(r, b, l, w);
            dOut = random(r, b, l, w);
            out = Tensor.zeros(b, l, w);
            dq = Tensor.zeros(b, l, w);
            dk = Tensor.zeros(b, l, w);
            dv = Tensor.zeros(b, l, w);
            lse = Tensor.zeros(b, spec.heads(), l);
            delta = Tensor.zeros(b, spec.heads(), l);
        }

        public Spec spec() { return spec; }

        /** One forward pass; returns the output (owned by this workload). */
        public Tensor forward() {
            Attention.forward(q, k, v, spec.heads(), scale, out, lse);
            return out;
        }

        /** One forward and one backward pass; returns dq (owned by this workload). */
        public Tensor forwardBackward() {
            forward();
            Attention.backward(q, k, v, out, lse, dOut, spec.heads(), scale, dq, dk, dv, delta);
            return dq;
        }

        private static Tensor random(SplittableRandom r, int... shape) {
            Tensor t = Tensor.zeros(shape);
            for (long i = 0, n = t.numel(); i < n; i++) t.setFlat(i, (float) (r.nextDouble() * 2 - 1));
            return t;
        }
    }

    /** Seconds per call and GFLOP/s of the forward and of forward + backward (flops as counted by {@link Spec}). */
    public record Result(Spec spec, double forwardSeconds, double forwardGflops, double forwardBackwardSeconds,
                         double forwardBackwardGflops) {}

    /** The 4096-token, width-64, one-head, batch-1 self-attention benchmark. */
    public static Spec tokens4096Width64() {
        return new Spec("attention-4096x64", 1, 4096, 64, 1);
    }

    /** Times {@code iterations} calls of each pass after {@code warmup} untimed ones; the best call counts. */
    public static Result measure(Spec spec, int warmup, int iterations) {
        Workload w = spec.prepare(1);
        for (int i = 0; i < warmup; i++) w.forwardBackward();
        double fwd = Double.MAX_VALUE, both = Double.MAX_VALUE;
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            w.forward();
            long t1 = System.nanoTime();
            w.forwardBackward();
            long t2 = System.nanoTime();
            fwd = Math.min(fwd, (t1 - t0) * 1e-9);
            both = Math.min(both, (t2 - t1) * 1e-9);
        }
        return new Result(spec, fwd, spec.forwardFlops() / fwd * 1e-9, both, spec.forwardBackwardFlops() / both * 1e-9);
    }

    /** Prints the 4096 x 64 measurement: {@code java ... org.dina.perf.AttentionBenchmarks [warmup] [iterations]}. */
    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Result r = measure(tokens4096Width64(), warmup, iterations);
        System.out.printf("%s threads=%d forward %.1f ms %.1f GFLOP/s, forward+backward %.1f ms %.1f GFLOP/s%n",
                r.spec().name(), org.dina.kernels.Parallel.threads(), r.forwardSeconds() * 1e3, r.forwardGflops(),
                r.forwardBackwardSeconds() * 1e3, r.forwardBackwardGflops());
    }
}
