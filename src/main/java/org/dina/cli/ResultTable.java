package org.dina.cli;

import java.util.Locale;
import java.util.Map;

/** The short human-readable table printed after training or evaluation. */
final class ResultTable {
    private ResultTable() {}

    @SuppressWarnings("unchecked")
    static String of(Map<String, Object> metrics) {
        Map<String, Object> test = (Map<String, Object>) metrics.get("test");
        Map<String, Object> avg = (Map<String, Object>) test.get("repeat_averaged");
        Map<String, Object> control = (Map<String, Object>) ((Map<String, Object>) metrics.get("shuffle_control")).get("neural_to_image");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n%s, %s split, image tower %s%n", metrics.get("dataset"), test.get("protocol"),
                metrics.get("image_tower")));
        sb.append(String.format(Locale.ROOT, "%-40s %8s %8s %8s %10s%n", "test identification", "top-1", "top-5", "chance", "x chance"));
        row(sb, "neural -> image (single trial)", (Map<String, Object>) test.get("neural_to_image"));
        row(sb, "image -> neural (single trial)", (Map<String, Object>) test.get("image_to_neural"));
        row(sb, "neural -> image (repeat-averaged)", (Map<String, Object>) avg.get("neural_to_image"));
        row(sb, "image -> neural (repeat-averaged)", (Map<String, Object>) avg.get("image_to_neural"));
        if (metrics.get("noise_ceiling") instanceof Map<?, ?> ceiling) {
            double t = num(ceiling.get("top1")), c = num(ceiling.get("chance_top1"));
            sb.append(String.format(Locale.ROOT, "%-40s %7.1f%% %8s %7.1f%% %9.1fx  (DINA reaches %.2f of it)%n",
                    "noise ceiling (repeat vs repeat)", 100 * t, "", 100 * c, t / c, num(ceiling.get("dina_fraction"))));
            double m = num(ceiling.get("top1_against_means"));
            sb.append(String.format(Locale.ROOT, "%-40s %7.1f%% %8s %7.1f%% %9.1fx%n", "trial vs templates of other repeats", 100 * m, "",
                    100 * c, m / c));
        }
        double ct = num(control.get("top1")), cc = num(control.get("chance_top1"));
        sb.append(String.format(Locale.ROOT, "%-40s %7.1f%% %8s %7.1f%% %9.1fx%n", "shuffle control (re-paired)", 100 * ct, "", 100 * cc, ct / cc));
        sb.append(String.format(Locale.ROOT, "mean SSIM of paired maps %.3f; %d epochs (best %d) in %.0f s%n",
                num(test.get("ssim_mean")), metrics.get("epochs"), metrics.get("best_epoch"), num(metrics.get("train_seconds"))));
        return sb.toString();
    }

    /** DINA's single-trial neural -> image accuracy beside the best baseline's on the same test trials. */
    @SuppressWarnings("unchecked")
    static String baselineLine(Map<String, Object> metrics, String baseline, double top1, double top5) {
        Map<String, Object> dina = (Map<String, Object>) ((Map<String, Object>) metrics.get("test")).get("neural_to_image");
        double c = num(dina.get("chance_top1"));
        return String.format(Locale.ROOT, "%-40s %7.1f%% %7.1f%% %7.1f%% %9.1fx%n%-40s %7.1f%% %7.1f%% %7.1f%% %9.1fx",
                "DINA neural -> image", 100 * num(dina.get("top1")), 100 * num(dina.get("top5")), 100 * c, num(dina.get("top1")) / c,
                "best baseline: " + baseline, 100 * top1, 100 * top5, 100 * c, top1 / c);
    }

    private static void row(StringBuilder sb, String label, Map<String, Object> r) {
        double t1 = num(r.get("top1")), t5 = num(r.get("top5")), c = num(r.get("chance_top1"));
        sb.append(String.format(Locale.ROOT, "%-40s %7.1f%% %7.1f%% %7.1f%% %9.1fx%n", label, 100 * t1, 100 * t5, 100 * c, t1 / c));
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

}
