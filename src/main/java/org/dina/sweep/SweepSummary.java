package org.dina.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dina.train.AtomicFiles;

/**
 * {@code sweep.json}: one row per task in the plan's order (never the order tasks finished in, so the file does not
 * depend on the number of executors), then mean ± sd of the test metrics per recording and grid point over seeds and
 * folds. It holds results only, so the same plan gives the same bytes whatever ran it, and whether or not it was
 * resumed; how long tasks took and how many attempts they needed go to {@code timing.json} beside it.
 */
public final class SweepSummary {
    public static final String FILE = "sweep.json", TIMING_FILE = "timing.json";
    /** The metrics summarised per grid point: neural-to-image retrieval on the test split. */
    static final List<String> SUMMARISED = List.of("top1", "top5", "chance_top1");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepSummary() {}

    public static Map<String, Object> of(SweepPlan plan, List<TaskResult> results) {
        List<TaskResult> ordered = inPlanOrder(results);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plan", plan.file().getFileName().toString());
        out.put("tasks", ordered.size());
        out.put("ok", ordered.stream().filter(TaskResult::ok).count());
        out.put("failed", ordered.stream().filter(r -> !r.ok()).count());
        out.put("rows", ordered.stream().map(SweepSummary::row).toList());
        out.put("summary", groups(ordered));
        return out;
    }

    /** timing.json: the master, the sweep's wall time, and per task its attempts (0: finished earlier, skipped) and seconds. */
    public static Map<String, Object> timing(String master, List<TaskResult> results, double wallSeconds) {
        List<TaskResult> ordered = inPlanOrder(results);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("master", master);
        out.put("wall_seconds", wallSeconds);
        out.put("run", ordered.stream().filter(r -> r.attempts() > 0).count());
        out.put("skipped", ordered.stream().filter(r -> r.attempts() == 0 && r.ok()).count());
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (TaskResult r : ordered) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", r.task().id());
            t.put("attempts", r.attempts());
            t.put("seconds", r.seconds());
            r.metrics().forEach((k, v) -> {
                if (isTiming(k)) t.put(k, v);
            });
            tasks.add(t);
        }
        out.put("tasks", tasks);
        return out;
    }

    private static List<TaskResult> inPlanOrder(List<TaskResult> results) {
        List<TaskResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt(r -> r.task().index()));
        return ordered;
    }

    public static void write(Path out, Map<String, Object> summary, Map<String, Object> timing) throws IOException {
        AtomicFiles.writeString(out.resolve(TIMING_FILE), JSON.writeValueAsString(timing) + "\n");
        AtomicFiles.writeString(out.resolve(FILE), JSON.writeValueAsString(summary) + "\n");
    }

    private static Map<String, Object> row(TaskResult r) {
        SweepTask t = r.task();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("run", t.id());
        m.put("recording", t.recording());
        m.put("overrides", t.overrides());
        m.put("seed", t.seed());
        m.put("fold", t.fold());
        m.put("folds", t.folds());
        m.put("status", r.status());
        if (r.error() != null) m.put("error", r.error());
        Map<String, Object> metrics = new LinkedHashMap<>(r.metrics());
        metrics.keySet().removeIf(SweepSummary::isTiming);
        m.put("metrics", metrics);
        return m;
    }

    /** metrics.json's timing fields (train_seconds) vary from run to run; timing.json holds them. */
    private static boolean isTiming(String key) {
        return key.endsWith("seconds");
    }

    /** Mean ± sd per (recording, grid point) over the successful tasks, in the plan's order of first appearance. */
    private static List<Map<String, Object>> groups(List<TaskResult> ordered) {
        Map<String, List<TaskResult>> byPoint = new LinkedHashMap<>();
        for (TaskResult r : ordered) byPoint.computeIfAbsent(r.task().recording() + "\u0000" + r.task().overrides(), k -> new ArrayList<>()).add(r);
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<TaskResult> group : byPoint.values()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("recording", group.getFirst().task().recording());
            g.put("overrides", group.getFirst().task().overrides());
            List<TaskResult> ok = group.stream().filter(TaskResult::ok).toList();
            g.put("runs", ok.size());
            g.put("failed", group.size() - ok.size());
            for (String metric : SUMMARISED) {
                double[] v = ok.stream().mapToDouble(r -> testTop(r.metrics(), metric)).filter(Double::isFinite).toArray();
                g.put(metric + "_mean", v.length == 0 ? null : mean(v));
                // sample sd; undefined (null) for fewer than two runs rather than a misleading 0
                g.put(metric + "_sd", v.length < 2 ? null : sd(v));
            }
            out.add(g);
        }
        return out;
    }

    /** metrics.test.neural_to_image.{name}, or NaN when a run has no such value. */
    @SuppressWarnings("unchecked")
    static double testTop(Map<String, Object> metrics, String name) {
        if (metrics.get("test") instanceof Map<?, ?> test && test.get("neural_to_image") instanceof Map<?, ?> n2i
                && ((Map<String, Object>) n2i).get(name) instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** The sample sd (n - 1); callers handle fewer than two values. */
    static double sd(double[] v) {
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }

    /** The summary as a text table: one line per grid point, top-1 and top-5 as mean ± sd in percent. */
    @SuppressWarnings("unchecked")
    public static String table(Map<String, Object> summary) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-60s %5s %17s %17s%n", "recording / overrides", "runs", "top-1 %", "top-5 %"));
        for (Map<String, Object> g : (List<Map<String, Object>>) summary.get("summary")) {
            String name = RecordingLabel.of((String) g.get("recording")) + " " + g.get("overrides");
            sb.append(String.format(Locale.ROOT, "%-60s %5s %17s %17s%n", name, g.get("runs") + (((Number) g.get("failed")).intValue() > 0 ? "!" : ""),
                    pct(g.get("top1_mean"), g.get("top1_sd")), pct(g.get("top5_mean"), g.get("top5_sd"))));
        }
        return sb.toString();
    }

    /** mean ± sd in percent; '-' without a mean, the mean alone without an sd. */
    static String pct(Object mean, Object sd) {
        if (mean == null) return "-";
        String m = String.format(Locale.ROOT, "%.1f", 100 * ((Number) mean).doubleValue());
        return sd == null ? m : m + String.format(Locale.ROOT, " ± %.1f", 100 * ((Number) sd).doubleValue());
    }
}
