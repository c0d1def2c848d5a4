package org.dina.cli;

import java.util.Locale;
import org.dina.eval.MetricsJson;
import org.dina.eval.RetrievalJson;

/** The short human-readable table printed after training or evaluation. */
final class ResultTable {
    private ResultTable() {}

    static String of(MetricsJson metrics) {
        MetricsJson.Test test = metrics.test();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n%s, %s split, image tower %s%n", metrics.dataset(), test.protocol(), metrics.imageTower()));
        sb.append(String.format(Locale.ROOT, "%-40s %8s %8s %8s %10s%n", "test identification", "top-1", "top-5", "chance", "x chance"));
        row(sb, "neural -> image (single trial)", test.neuralToImage());
        row(sb, "image -> neural (single trial)", test.imageToNeural());
        row(sb, "neural -> image (repeat-averaged)", test.repeatAveraged().neuralToImage());
        row(sb, "image -> neural (repeat-averaged)", test.repeatAveraged().imageToNeural());
        MetricsJson.Ceiling ceiling = metrics.noiseCeiling();
        if (ceiling != null) {
            double t = ceiling.top1(), c = ceiling.chanceTop1();
            sb.append(String.format(Locale.ROOT, "%-40s %7.1f%% %8s %7.1f%% %9.1fx  (DINA reaches %.2f of it)%n",
                    "noise ceiling (repeat vs repeat)", 100 * t, "", 100 * c, t / c, ceiling.dinaFraction()));
            double m = ceiling.top1AgainstMeans();
            sb.append(String.format(Locale.ROOT, "%-40s %7.1f%% %8s %7.1f%% %9.1fx%n", "trial vs templates of other repeats", 100 * m, "",
                    100 * c, m / c));
        }
        MetricsJson.Shuffled control = metrics.shuffleControl().neuralToImage();
        double ct = control.top1(), cc = control.chanceTop1();
        sb.append(String.format(Locale.ROOT, "%-40s %7.1f%% %8s %7.1f%% %9.1fx%n", "shuffle control (re-paired)", 100 * ct, "", 100 * cc, ct / cc));
        sb.append(String.format(Locale.ROOT, "mean SSIM of paired maps %.3f; %d epochs (best %d) in %.0f s%n",
                test.ssimMean(), metrics.epochs(), metrics.bestEpoch(), metrics.trainSeconds()));
        return sb.toString();
    }

    /** DINA's single-trial neural -> image accuracy beside the best baseline's on the same test trials. */
    static String baselineLine(MetricsJson metrics, String baseline, double top1, double top5) {
        RetrievalJson dina = metrics.test().neuralToImage();
        double c = dina.chanceTop1();
        return String.format(Locale.ROOT, "%-40s %7.1f%% %7.1f%% %7.1f%% %9.1fx%n%-40s %7.1f%% %7.1f%% %7.1f%% %9.1fx",
                "DINA neural -> image", 100 * dina.top1(), 100 * dina.top5(), 100 * c, dina.top1() / c,
                "best baseline: " + baseline, 100 * top1, 100 * top5, 100 * c, top1 / c);
    }

    private static void row(StringBuilder sb, String label, RetrievalJson r) {
        double t1 = r.top1(), t5 = r.top5(), c = r.chanceTop1();
        sb.append(String.format(Locale.ROOT, "%-40s %7.1f%% %7.1f%% %7.1f%% %9.1fx%n", label, 100 * t1, 100 * t5, 100 * c, t1 / c));
    }
}
