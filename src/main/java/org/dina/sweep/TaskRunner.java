package org.dina.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.data.Split;
import org.dina.eval.MetricsJson;
import org.dina.eval.RunEvaluation;
import org.dina.eval.compare.CompareOptions;
import org.dina.eval.compare.CompareRun;
import org.dina.eval.compare.ControlData;
import org.dina.model.DinaConfig;
import org.dina.train.AtomicFiles;
import org.dina.train.ResultJson;
import org.dina.train.TrainingRun;

/**
 * Runs one task into its run folder {@code out/<task id>}, the same way on this machine and on a cluster executor.
 * A folder holding {@code task.json} is finished (task.json is written last) and is not run again; a folder without it
 * is a leftover of a killed or failed attempt and is cleared first. A failing task gets one retry, then is reported
 * with its error instead of stopping the sweep.
 */
public final class TaskRunner {
    /** Written last into a finished task's run folder: the task it ran (so that a changed plan is noticed). */
    public static final String DONE_MARKER = "task.json";
    static final int ATTEMPTS = 2;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TaskRunner() {}

    public static TaskResult run(SweepTask task, Path out, PrintStream log) {
        Path dir = out.resolve(task.id());
        try {
            MetricsJson done = finished(task, dir);
            if (done != null) {
                log.println("sweep: " + task.id() + " already done, skipped");
                return new TaskResult(task, TaskResult.OK, 0, null, done, 0);
            }
        } catch (IOException | RuntimeException e) {
            return new TaskResult(task, TaskResult.FAILED, 0, oneLine(e), null, 0);
        }
        String error = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long t0 = System.nanoTime();
            try {
                deleteRecursively(dir);
                MetricsJson metrics = attempt(task, dir, log);
                AtomicFiles.writeString(dir.resolve(DONE_MARKER), JSON.writeValueAsString(task) + "\n");
                double seconds = (System.nanoTime() - t0) / 1e9;
                log.printf(java.util.Locale.ROOT, "sweep: %s done in %.1f s%n", task.id(), seconds);
                return new TaskResult(task, TaskResult.OK, attempt, null, metrics, seconds);
            } catch (Exception | OutOfMemoryError e) {
                error = oneLine(e);
                log.println("sweep: " + task.id() + " attempt " + attempt + " of " + ATTEMPTS + " failed: " + error);
            }
        }
        return new TaskResult(task, TaskResult.FAILED, ATTEMPTS, error, null, 0);
    }

    /** The metrics of a finished run folder of this task, or null when the task still has to run. */
    static MetricsJson finished(SweepTask task, Path dir) throws IOException {
        Path marker = dir.resolve(DONE_MARKER);
        if (!Files.isRegularFile(marker)) return null;
        SweepTask recorded = JSON.readValue(marker.toFile(), SweepTask.class);
        if (!recorded.equals(task.withIndex(recorded.index()))) {
            throw new IllegalStateException(dir + " holds a finished run of another task (the plan changed); move it away or use another --out");
        }
        return ResultJson.read(dir.resolve("metrics.json"), MetricsJson.class);
    }

    /** One normal DINA run: train, evaluate (metrics.json), and optionally the baselines (compare/compare.json). */
    private static MetricsJson attempt(SweepTask task, Path dir, PrintStream log) throws IOException {
        DinaConfig cfg = TaskConfig.of(task);
        DataSource source = task.recording().equals("simulated") ? DataSource.simulated()
                : DataSource.file(task.recording(), null, null, null);
        Dataset dataset = source.load(cfg.simulationConfig());
        if (task.folds() > 1) {
            // the fold's split becomes the dataset's tiers, as in dina compare, so training uses exactly this split
            List<Split> folds = CompareRun.splits(dataset, task.folds(), cfg);
            dataset = ControlData.withTiers(dataset, folds.get(task.fold() - 1));
        }
        TrainingRun.Outcome o = TrainingRun.run(cfg, dataset, source, dir, false);
        MetricsJson metrics = RunEvaluation.evaluateAndWrite(o.model(), o.data(), o.folder(), o.state());
        if (task.compare()) {
            CompareOptions options = CompareOptions.defaults(cfg, dir.resolve("compare")).withControls(false).withLog(log);
            CompareRun.run(dataset, source, options);
        }
        // what a skipped task reads back from metrics.json is equal: doubles round-trip exactly, non-finite ones via null as NaN
        return metrics;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String line = m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
        return e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                ? line : e.getClass().getSimpleName() + ": " + line;
    }
}
