import java.nio.file.Path;
import java.util.Locale;
import org.dina.analysis.Manipulation;
import org.dina.data.Dataset;
import org.dina.data.SimulatedV1;
import org.dina.model.ConfigFiles;
import org.dina.model.DinaConfig;
import org.dina.tensor.Tensor;

/**
 * Run after any ./dina command has built the project (docs/analyses.md quotes its output):
 * <pre>
 * java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp "target/classes:$(cat target/dina.classpath)" bench/analysis/HighPassTruth.java configs/default.yaml
 * </pre>
 * What a high-pass filter removes from the default simulation: the share of pixel variance (over images, DC excluded)
 * and how much of the simulated neurons' noise-free responses survives (per driven neuron, Pearson r over images
 * between responses to the original and to the filtered images, and the response variance kept).
 */
public class HighPassTruth {
    public static void main(String[] args) {
        DinaConfig cfg = ConfigFiles.read(Path.of(args[0]));
        SimulatedV1.Result sim = SimulatedV1.generate(cfg.simulationConfig());
        Dataset d = sim.dataset();
        int k = Math.min(400, d.imageCount()), h = d.height(), w = d.width(), n = d.neuronCount();
        Tensor orig = d.images().slice(0, 0, k).contiguous();
        float[] all = orig.toArray();
        Tensor r0 = SimulatedV1.meanResponses(sim.truth(), orig);
        boolean[] driven = new boolean[n];
        for (int j = 0; j < n; j++) driven[j] = sim.truth().neurons().get(j).driven();
        System.out.println("cutoff_cpw pixel_var_kept mean_r_driven median_r_driven resp_var_kept");
        for (double cutoff : new double[] {0.5, 1, 2, 4, 8, 16, 32}) {
            float[] out = new float[all.length], src = new float[h * w], dst = new float[h * w];
            for (int i = 0; i < k; i++) {
                System.arraycopy(all, i * h * w, src, 0, h * w);
                Manipulation.HIGH_PASS.apply(src, dst, h, w, cutoff, 1);
                System.arraycopy(dst, 0, out, i * h * w, h * w);
            }
            Tensor filtered = Tensor.zeros(k, h, w).copyFrom(out);
            Tensor r1 = SimulatedV1.meanResponses(sim.truth(), filtered);
            double pixKept = pixelVar(out, k, h * w) / pixelVar(all, k, h * w);
            double[] rs = new double[n];
            int m = 0;
            double v0 = 0, v1 = 0;
            for (int j = 0; j < n; j++) {
                if (!driven[j]) continue;
                double[] a = col(r0, j, k, n), b = col(r1, j, k, n);
                rs[m++] = pearson(a, b);
                v0 += var(a);
                v1 += var(b);
            }
            double[] r = java.util.Arrays.copyOf(rs, m);
            java.util.Arrays.sort(r);
            double mean = java.util.Arrays.stream(r).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "%.1f %.3f %.3f %.3f %.3f%n", cutoff, pixKept, mean, r[m / 2], v1 / v0);
        }
    }

    /** Variance of each image's pixels around its own mean, averaged over images (the DC is kept by the filter). */
    static double pixelVar(float[] x, int k, int p) {
        double s = 0;
        for (int i = 0; i < k; i++) {
            double mu = 0, ss = 0;
            for (int q = 0; q < p; q++) mu += x[i * p + q];
            mu /= p;
            for (int q = 0; q < p; q++) ss += (x[i * p + q] - mu) * (x[i * p + q] - mu);
            s += ss / p;
        }
        return s / k;
    }

    static double[] col(Tensor t, int j, int k, int n) {
        double[] c = new double[k];
        for (int i = 0; i < k; i++) c[i] = t.getFlat((long) i * n + j);
        return c;
    }

    static double var(double[] a) {
        double mu = java.util.Arrays.stream(a).average().orElse(0), s = 0;
        for (double v : a) s += (v - mu) * (v - mu);
        return s / a.length;
    }

    static double pearson(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElse(0), mb = java.util.Arrays.stream(b).average().orElse(0);
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
