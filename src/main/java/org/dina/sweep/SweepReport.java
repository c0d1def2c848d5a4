package org.dina.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.dina.eval.RetrievalJson;
import org.dina.report.BarChart;
import org.dina.report.HtmlReport;
import org.dina.train.ResultJson;

/**
 * {@code report/index.html} under a sweep's folder: for every swept parameter (each grid key, and the seed, fold and
 * recording where the plan has more than one) a figure of test top-1 and top-5 against the parameter's values, as
 * mean ± sd over the tasks with that value and every task as a dot, with the figure's numbers in a JSON file beside it;
 * then the per-grid-point table and one row per task linking to its run folder.
 */
final class SweepReport {
    private static final List<Metric> METRICS = List.of(
            new Metric("top1", RetrievalJson::top1, RetrievalJson::chanceTop1, "single-trial top-1"),
            new Metric("top5", RetrievalJson::top5, RetrievalJson::chanceTop5, "single-trial top-5"));

    /** A metric of test neural-to-image identification: its key in metrics.json, its value and chance, its label. */
    private record Metric(String key, ToDoubleFunction<RetrievalJson> value, ToDoubleFunction<RetrievalJson> chance, String label) {}

    /** A swept parameter: its name, its values in plan order, and the value a task has. */
    private record Parameter(String name, List<String> values, Function<SweepTask, String> valueOf) {}

    private SweepReport() {}

    /** Writes the report into {@code root}/report ({@code summary}: sweep.json's content); returns the path of index.html. */
    static Path write(Path root, SweepPlan plan, List<TaskResult> results, SweepJson summary) throws IOException {
        List<TaskResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt(r -> r.task().index()));
        HtmlReport report = HtmlReport.in(root.resolve("report"), "DINA sweep " + root.getFileName());
        long ok = ordered.stream().filter(TaskResult::ok).count();
        report.summary("plan", plan.file().toString());
        report.summary("tasks", ordered.size() + " (" + ok + " finished, " + (ordered.size() - ok) + " failed)");
        report.summary("recordings", String.join(", ", plan.recordings()));
        report.summary("base config", plan.config() + (plan.set().isEmpty() ? "" : " with " + String.join(", ", plan.set())));
        report.summary("metric", "neural \u2192 image identification of held-out single trials (test split)");
        for (Parameter p : parameters(plan)) parameterSection(report, p, plan, ordered);
        gridPointSection(report, summary);
        taskSection(report, root, ordered);
        return report.write();
    }

    /** Each grid key, then seed, fold and recording where they take more than one value. */
    private static List<Parameter> parameters(SweepPlan plan) {
        List<Parameter> out = new ArrayList<>();
        plan.grid().forEach((key, values) -> out.add(new Parameter(key, values, t -> t.overrides().get(key))));
        if (plan.seeds().size() > 1) {
            out.add(new Parameter("seed", plan.seeds().stream().map(String::valueOf).toList(), t -> String.valueOf(t.seed())));
        }
        if (plan.folds() > 1) {
            List<String> folds = new ArrayList<>();
            for (int f = 1; f <= plan.folds(); f++) folds.add(String.valueOf(f));
            out.add(new Parameter("fold", folds, t -> String.valueOf(t.fold())));
        }
        if (plan.recordings().size() > 1) {
            out.add(new Parameter("recording", plan.recordings().stream().map(RecordingLabel::of).toList(), t -> RecordingLabel.of(t.recording())));
        }
        return out;
    }

    /** One figure per metric: a colour per recording (one colour when the parameter is the recording itself). */
    private static void parameterSection(HtmlReport report, Parameter p, SweepPlan plan, List<TaskResult> ordered) throws IOException {
        HtmlReport.Section s = report.section("Against " + p.name());
        s.paragraph("Bars: mean \u00b1 sd over every finished task with that value of " + p.name() + " (all other parameters pooled); "
                + "dots: the tasks themselves. The numbers are in the JSON file of the same name.");
        boolean byRecording = plan.recordings().size() > 1 && !p.name().equals("recording");
        List<String> groups = byRecording ? plan.recordings() : List.of("");
        for (Metric metric : METRICS) {
            String name = metric.key() + "-vs-" + p.name().replaceAll("[^A-Za-z0-9._-]+", "_");
            BarChart chart = BarChart.titled(metric.label() + " against " + p.name()).x(p.name()).y(metric.label() + " (test)")
                    .categories(p.values().toArray(String[]::new));
            List<Map<String, Object>> data = new ArrayList<>();
            boolean any = false;
            for (String group : groups) {
                List<TaskResult> mine = ordered.stream().filter(r -> r.ok() && (group.isEmpty() || r.task().recording().equals(group))).toList();
                Map<String, Object> d = groupData(group.isEmpty() ? "all tasks" : RecordingLabel.of(group), p, mine, metric);
                data.add(d);
                @SuppressWarnings("unchecked") List<List<Double>> dots = (List<List<Double>>) d.get("tasks_" + metric.key());
                any |= dots.stream().anyMatch(v -> !v.isEmpty());
                chart.group(byRecording ? RecordingLabel.of(group) : "", doubles(d.get("mean")), doubles(d.get("sd")), points(dots));
                double chance = SweepSummary.mean(mine.stream().mapToDouble(r -> SweepSummary.testTop(r.metrics(), metric.chance()))
                        .filter(Double::isFinite).toArray());
                if (Double.isFinite(chance)) chart.hline(byRecording ? "chance " + RecordingLabel.of(group) : "chance", chance);
            }
            if (!byRecording) chart.noLegend();
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("parameter", p.name());
            file.put("metric", "test.neural_to_image." + metric.key());
            file.put("values", p.values());
            file.put("groups", data);
            ResultJson.write(report.dir().resolve(name + ".json"), file);
            if (!any) {
                s.paragraph("No finished task has " + metric.label() + " to plot.");
                continue;
            }
            s.figure(name + ".svg", chart, metric.label() + " against " + p.name() + ": mean \u00b1 sd per value, every task as a dot");
        }
    }

    /** Per value of the parameter: mean, sd (null below two tasks), and each task's value and id. */
    private static Map<String, Object> groupData(String group, Parameter p, List<TaskResult> tasks, Metric metric) {
        List<Double> means = new ArrayList<>(), sds = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        List<List<String>> ids = new ArrayList<>();
        for (String value : p.values()) {
            List<Double> v = new ArrayList<>();
            List<String> id = new ArrayList<>();
            for (TaskResult r : tasks) {
                double x = SweepSummary.testTop(r.metrics(), metric.value());
                if (!value.equals(p.valueOf().apply(r.task())) || !Double.isFinite(x)) continue;
                v.add(x);
                id.add(r.task().id());
            }
            double[] arr = v.stream().mapToDouble(Double::doubleValue).toArray();
            means.add(arr.length == 0 ? null : SweepSummary.mean(arr));
            sds.add(arr.length < 2 ? null : SweepSummary.sd(arr));
            values.add(v);
            ids.add(id);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("group", group);
        d.put("mean", means);
        d.put("sd", sds);
        d.put("tasks_" + metric.key(), values);
        d.put("task_ids", ids);
        return d;
    }

    @SuppressWarnings("unchecked")
    private static double[] doubles(Object list) {
        return ((List<Double>) list).stream().mapToDouble(v -> v == null ? Double.NaN : v).toArray();
    }

    private static double[][] points(List<List<Double>> dots) {
        return dots.stream().map(v -> v.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new);
    }

    private static void gridPointSection(HtmlReport report, SweepJson summary) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("recording", "overrides", "runs", "failed", "top-1 %", "top-5 %"));
        for (SweepJson.GridPoint g : summary.summary()) {
            rows.add(List.of(RecordingLabel.of(g.recording()), String.valueOf(g.overrides()), String.valueOf(g.runs()),
                    String.valueOf(g.failed()), SweepSummary.pct(g.top1Mean(), g.top1Sd()), SweepSummary.pct(g.top5Mean(), g.top5Sd())));
        }
        report.section("Per grid point").table("mean \u00b1 sd over seeds and folds (as in sweep.json)", rows);
    }

    /** One row per task in plan order; the task's name links to its run's report, or to its run folder without one. */
    private static void taskSection(HtmlReport report, Path root, List<TaskResult> ordered) {
        List<List<String>> rows = new ArrayList<>();
        List<Path> links = new ArrayList<>();
        rows.add(List.of("task", "overrides", "seed", "fold", "status", "top-1 %", "top-5 %"));
        for (TaskResult r : ordered) {
            SweepTask t = r.task();
            rows.add(List.of(t.id(), String.valueOf(t.overrides()), String.valueOf(t.seed()), t.fold() + " of " + t.folds(),
                    r.ok() ? "ok" : "failed: " + r.error(), percent(SweepSummary.testTop(r.metrics(), RetrievalJson::top1)),
                    percent(SweepSummary.testTop(r.metrics(), RetrievalJson::top5))));
            Path dir = root.resolve(t.id()), runReport = dir.resolve("report/index.html");
            links.add(Files.isRegularFile(runReport) ? runReport : Files.isDirectory(dir) ? dir : null);
        }
        report.section("Tasks").table("every task, in plan order; the name opens its run (its report where dina analyze wrote one)", rows, links);
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", 100 * v) : "-";
    }
}
