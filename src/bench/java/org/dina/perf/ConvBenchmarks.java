package org.dina.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dina.kernels.Conv2d;
import org.dina.kernels.Parallel;
import org.dina.tensor.Tensor;

/**
 * The image tower's convolution shapes (DS-Net-small on 1x68x270 inputs) and a timed runner for them: forward, and
 * backward (gradient of the input plus accumulation of the weight and bias gradients).
 */
public final class ConvBenchmarks {
    private ConvBenchmarks() {}

    /** Each row: name, cin, cout, kernel, stride, padding, groups, input height, input width. */
    public static List<Object[]> shapes() {
        List<Object[]> s = new ArrayList<>();
        s.add(row("patch1 1->64 k4s4", 1, 64, 4, 4, 0, 1, 68, 270));
        s.add(row("dw3x3 64 @17x67", 64, 64, 3, 1, 1, 64, 17, 67));
        s.add(row("1x1 64->64 @17x67", 64, 64, 1, 1, 0, 1, 17, 67));
        s.add(row("1x1 64->256 @17x67", 64, 256, 1, 1, 0, 1, 17, 67));
        s.add(row("1x1 256->64 @17x67", 256, 64, 1, 1, 0, 1, 17, 67));
        s.add(row("patch2 64->128 k2s2", 64, 128, 2, 2, 0, 1, 17, 67));
        s.add(row("dw3x3 128 @8x33", 128, 128, 3, 1, 1, 128, 8, 33));
        s.add(row("1x1 128->128 @8x33", 128, 128, 1, 1, 0, 1, 8, 33));
        s.add(row("1x1 128->512 @8x33", 128, 512, 1, 1, 0, 1, 8, 33));
        s.add(row("1x1 512->128 @8x33", 512, 128, 1, 1, 0, 1, 8, 33));
        return s;
    }

    private static Object[] row(String name, int cin, int cout, int k, int stride, int pad, int groups, int h, int w) {
        return new Object[] {name, cin, cout, k, stride, pad, groups, h, w};
    }

    /** The row of {@link #shapes()} with this name. */
    public static Object[] shape(String name) {
        for (Object[] r : shapes()) if (r[0].equals(name)) return r;
        throw new IllegalArgumentException("no conv shape named '" + name + "'");
    }

    public static Conv2d.Spec spec(Object[] shape) {
        return Conv2d.Spec.of((int) shape[1], (int) shape[2], (int) shape[3], (int) shape[4], (int) shape[5], (int) shape[6]);
    }

    /** Tensors of one shape at one batch size, allocated and filled once, then reused by every run. */
    public static final class Workload {
        public final String name;
        public final Conv2d.Spec spec;
        public final int batch, h, w;
        final Tensor x, weight, bias, y, dy, dx, dw, db;

        Workload(Object[] shape, int batch, long seed) {
            this.name = (String) shape[0];
            this.spec = spec(shape);
            this.batch = batch;
            this.h = (int) shape[7];
            this.w = (int) shape[8];
            SplittableRandom r = new SplittableRandom(seed);
            x = random(r, batch, spec.cin(), h, w);
            weight = random(r, spec.weightShape());
            bias = random(r, spec.cout());
            y = Tensor.zeros(spec.outputShape(batch, h, w));
            dy = random(r, y.shape());
            dx = Tensor.zeros(x.shape());
            dw = Tensor.zeros(weight.shape());
            db = Tensor.zeros(spec.cout());
        }

        public void forward() { Conv2d.forward(spec, x, weight, bias, y); }

        public void backward() {
            Conv2d.backwardInput(spec, dy, weight, dx);
            Conv2d.backwardWeight(spec, x, dy, dw, db);
        }

        /** 2 * B * Cout * Hout * Wout * Cin/groups * kh * kw. */
        public long forwardFlops() { return spec.flops(batch, h, w); }

        /** Input gradient plus weight gradient: twice the forward. */
        public long backwardFlops() { return 2 * forwardFlops(); }

        /** Minimum bytes a forward moves: x, the weight and the bias read once, y written once. */
        public long forwardBytes() { return 4 * (x.numel() + weight.numel() + bias.numel() + y.numel()); }

        /**
         * Minimum bytes a backward moves: dy, x and the weight read once, dx written once, dw and db read and
         * written once (they accumulate).
         */
        public long backwardBytes() { return 4 * (dy.numel() + x.numel() + weight.numel() + dx.numel() + 2 * (dw.numel() + db.numel())); }
    }

    public static Workload prepare(Object[] shape, int batch, long seed) {
        return new Workload(shape, batch, seed);
    }

    /** One forward, or one backward (input and weight gradients), of a prepared workload. */
    public static void runOnce(Workload w, boolean backward) {
        if (backward) w.backward();
        else w.forward();
    }

    /** Untimed runs until both {@code minRuns} runs and {@code minSeconds} have passed, so that C2 has compiled the kernels. */
    public static void warmUp(Workload w, boolean backward, int minRuns, double minSeconds) {
        long end = System.nanoTime() + (long) (minSeconds * 1e9);
        for (int i = 0; i < minRuns || System.nanoTime() < end; i++) runOnce(w, backward);
    }

    /** Median seconds of {@code reps} timed runs after {@code warmup} untimed ones and at least two seconds. */
    public static double medianSeconds(Workload w, boolean backward, int warmup, int reps) {
        warmUp(w, backward, Math.max(warmup, 30), 2);
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            runOnce(w, backward);
            t[i] = (System.nanoTime() - t0) * 1e-9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    /**
     * Median CPU seconds of the calling thread over {@code reps} runs (after warming up as above); meaningful with one worker thread, where all the
     * work runs on the caller, and robust against other processes sharing the cores.
     */
    public static double medianCpuSeconds(Workload w, boolean backward, int warmup, int reps) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        warmUp(w, backward, Math.max(warmup, 30), 2);
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            runOnce(w, backward);
            t[i] = (mx.getCurrentThreadCpuTime() - t0) * 1e-9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    /**
     * Prints GFLOP/s of forward and backward per shape: {@code [batch] [peak GFLOP/s] [reps] [cpu]}. With
     * {@code cpu} (run with one thread, -Ddina.threads=1) times are the caller's CPU time and the peak is per core.
     */
    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        double peak = args.length > 1 ? Double.parseDouble(args[1]) : 170;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        boolean cpu = args.length > 3 && args[3].equals("cpu");
        if (cpu && Parallel.threads() != 1) throw new IllegalStateException("cpu timing needs -Ddina.threads=1");
        System.out.printf(Locale.ROOT, "batch %d, threads %d, peak %.0f GFLOP/s, %s%n", batch, Parallel.threads(), peak,
                cpu ? "thread CPU time" : "wall time");
        System.out.printf(Locale.ROOT, "%-22s %9s %8s %6s %9s %8s %6s%n", "shape", "fwd ms", "GFLOP/s", "%peak", "bwd ms", "GFLOP/s", "%peak");
        List<Workload> all = new ArrayList<>();
        for (Object[] s : shapes()) all.add(prepare(s, batch, 1));
        // one round over every shape first: the kernels share code, and on a busy machine C2 finishes late
        for (int round = 0; round < 2; round++) {
            for (Workload w : all) {
                warmUp(w, false, 10, 1);
                warmUp(w, true, 10, 1);
            }
        }
        for (Workload w : all) {
            double f = cpu ? medianCpuSeconds(w, false, 3, reps) : medianSeconds(w, false, 5, reps);
            double b = cpu ? medianCpuSeconds(w, true, 3, reps) : medianSeconds(w, true, 5, reps);
            double gf = w.forwardFlops() / f * 1e-9, gb = w.backwardFlops() / b * 1e-9;
            System.out.printf(Locale.ROOT, "%-22s %9.3f %8.1f %5.1f%% %9.3f %8.1f %5.1f%%%n", w.name, f * 1e3, gf,
                    100 * gf / peak, b * 1e3, gb, 100 * gb / peak);
        }
    }

    private static Tensor random(SplittableRandom r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        long n = t.numel();
        for (long i = 0; i < n; i++) t.setFlat(i, (float) (r.nextDouble() * 2 - 1));
        return t;
    }
}
