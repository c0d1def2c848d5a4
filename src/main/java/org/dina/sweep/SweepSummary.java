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
 * folds. Timing lives only in fields whose names end in {@code seconds}.
 */
public final class SweepSummary {
    public static final String FILE = "sweep.json";
    /** The metrics summarised per grid point: neural-to-image retrieval on the test split. */
    static final List<String> SUMMARISED = List.of("top1", "top5", "chance_top1");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepSummary() {}

    public static Map<String, Object> of(SweepPlan plan, List<TaskResult> results, double wallSeconds) {
        List<TaskResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt(r -> r.task().index()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plan", plan.file().getFileName().toString());
        out.put("tasks", ordered.size());
        out.put("ok", ordered.stream().filter(TaskResult::ok).count());
        out.put("failed", ordered.stream().filter(r -> !r.ok()).count());
        out.put("wall_seconds", wallSeconds);
        out.put("rows", ordered.stream().map(SweepSummary::row).toList());
        out.put("summary", groups(ordered));
        return out;
    }

    public static void write(Path out, Map<String, Object> summary) throws IOException {
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
        m.put("attempts", r.attempts());
        if (r.error() != null) m.put("error", r.error());
        m.put("seconds", r.seconds());
        m.put("metrics", r.metrics());
        return m;
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

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static double sd(double[] v) {
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

    private static String pct(Object mean, Object sd) {
        if (mean == null) return "-";
        String m = String.format(Locale.ROOT, "%.1f", 100 * ((Number) mean).doubleValue());
        return sd == null ? m : m + String.format(Locale.ROOT, " ± %.1f", 100 * ((Number) sd).doubleValue());
    }
}
