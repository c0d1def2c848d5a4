package org.dina.sweep;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.dina.eval.MetricsJson;
import org.dina.eval.RetrievalJson;
import org.dina.train.ResultJson;

/**
 * {@code sweep.json}: one row per task in the plan's order (never the order tasks finished in, so the file does not
 * depend on the number of executors), then mean ± sd of the test metrics per recording and grid point over seeds and
 * folds. It holds results only, so the same plan gives the same bytes whatever ran it, and whether or not it was
 * resumed; how long tasks took and how many attempts they needed go to {@code timing.json} beside it.
 */
public final class SweepSummary {
    public static final String FILE = "sweep.json", TIMING_FILE = "timing.json";

    private SweepSummary() {}

    public static SweepJson of(SweepPlan plan, List<TaskResult> results) {
        List<TaskResult> ordered = inPlanOrder(results);
        return new SweepJson(plan.file().getFileName().toString(), ordered.size(), ordered.stream().filter(TaskResult::ok).count(),
                ordered.stream().filter(r -> !r.ok()).count(), ordered.stream().map(SweepSummary::row).toList(), groups(ordered));
    }

    /** timing.json: the master, the sweep's wall time, and per task its attempts (0: finished earlier, skipped) and seconds. */
    public static TimingJson timing(String master, List<TaskResult> results, double wallSeconds) {
        List<TaskResult> ordered = inPlanOrder(results);
        List<TimingJson.Task> tasks = ordered.stream().map(r -> new TimingJson.Task(r.task().id(), r.attempts(), r.seconds(),
                r.metrics() == null ? null : r.metrics().trainSeconds())).toList();
        return new TimingJson(master, wallSeconds, ordered.stream().filter(r -> r.attempts() > 0).count(),
                ordered.stream().filter(r -> r.attempts() == 0 && r.ok()).count(), tasks);
    }

    private static List<TaskResult> inPlanOrder(List<TaskResult> results) {
        List<TaskResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt(r -> r.task().index()));
        return ordered;
    }

    public static void write(Path out, SweepJson summary, TimingJson timing) throws IOException {
        ResultJson.write(out.resolve(TIMING_FILE), timing);
        ResultJson.write(out.resolve(FILE), summary);
    }

    private static SweepJson.Row row(TaskResult r) {
        SweepTask t = r.task();
        ObjectNode metrics = r.metrics() == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) ResultJson.tree(r.metrics());
        // metrics.json's timing fields (train_seconds) vary from run to run; timing.json holds them
        metrics.properties().removeIf(e -> e.getKey().endsWith("seconds"));
        return new SweepJson.Row(t.id(), t.id(), t.recording(), t.overrides(), t.seed(), t.fold(), t.folds(), r.status(), r.error(), metrics);
    }

    /** Mean ± sd per (recording, grid point) over the successful tasks, in the plan's order of first appearance. */
    private static List<SweepJson.GridPoint> groups(List<TaskResult> ordered) {
        Map<String, List<TaskResult>> byPoint = new LinkedHashMap<>();
        for (TaskResult r : ordered) byPoint.computeIfAbsent(r.task().recording() + "\u0000" + r.task().overrides(), k -> new ArrayList<>()).add(r);
        List<SweepJson.GridPoint> out = new ArrayList<>();
        for (List<TaskResult> group : byPoint.values()) {
            List<TaskResult> ok = group.stream().filter(TaskResult::ok).toList();
            double[] top1 = finite(ok, RetrievalJson::top1), top5 = finite(ok, RetrievalJson::top5), chance = finite(ok, RetrievalJson::chanceTop1);
            out.add(new SweepJson.GridPoint(group.getFirst().task().recording(), group.getFirst().task().overrides(), ok.size(),
                    group.size() - ok.size(), meanOrNull(top1), sdOrNull(top1), meanOrNull(top5), sdOrNull(top5), meanOrNull(chance),
                    sdOrNull(chance)));
        }
        return out;
    }

    private static double[] finite(List<TaskResult> tasks, ToDoubleFunction<RetrievalJson> metric) {
        return tasks.stream().mapToDouble(r -> testTop(r.metrics(), metric)).filter(Double::isFinite).toArray();
    }

    private static Double meanOrNull(double[] v) {
        return v.length == 0 ? null : mean(v);
    }

    /** The sample sd; undefined (null) for fewer than two runs rather than a misleading 0. */
    private static Double sdOrNull(double[] v) {
        return v.length < 2 ? null : sd(v);
    }

    /** A metric of test neural-to-image identification, or NaN when the task has no metrics (it failed). */
    static double testTop(MetricsJson metrics, ToDoubleFunction<RetrievalJson> metric) {
        return metrics == null ? Double.NaN : metric.applyAsDouble(metrics.test().neuralToImage());
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
    public static String table(SweepJson summary) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-60s %5s %17s %17s%n", "recording / overrides", "runs", "top-1 %", "top-5 %"));
        for (SweepJson.GridPoint g : summary.summary()) {
            String name = RecordingLabel.of(g.recording()) + " " + g.overrides();
            sb.append(String.format(Locale.ROOT, "%-60s %5s %17s %17s%n", name, g.runs() + (g.failed() > 0 ? "!" : ""),
                    pct(g.top1Mean(), g.top1Sd()), pct(g.top5Mean(), g.top5Sd())));
        }
        return sb.toString();
    }

    /** mean ± sd in percent; '-' without a mean, the mean alone without an sd. */
    static String pct(Double mean, Double sd) {
        if (mean == null) return "-";
        String m = String.format(Locale.ROOT, "%.1f", 100 * mean);
        return sd == null ? m : m + String.format(Locale.ROOT, " ± %.1f", 100 * sd);
    }
}
