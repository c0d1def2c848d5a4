package org.dina.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A whole sweep: the plan's tasks through an engine, then sweep.json, timing.json and report/. The same path for every --master. */
public final class Sweep {
    private Sweep() {}

    public static SweepJson run(SweepPlan plan, SweepEngine engine, Path out, PrintStream log) throws Exception {
        Path root = out.toAbsolutePath().normalize();
        List<SweepTask> tasks = plan.tasks();
        Files.createDirectories(root);
        log.printf("sweep: %d task(s) = %d recording(s) x %d grid point(s) x %d seed(s) x %d fold(s) into %s%n", tasks.size(),
                plan.recordings().size(), plan.gridPoints().size(), plan.seeds().size(), plan.folds(), root);
        long t0 = System.nanoTime();
        List<TaskResult> results = engine.run(tasks, root, log);
        requireOneResultPerTask(tasks, results);
        double wallSeconds = (System.nanoTime() - t0) / 1e9;
        SweepJson summary = SweepSummary.of(plan, results);
        TimingJson timing = SweepSummary.timing(engine.master(), results, wallSeconds);
        SweepSummary.write(root, summary, timing);
        Path report = SweepReport.write(root, plan, results, summary);
        log.printf(java.util.Locale.ROOT, "sweep: %d task(s) run, %d skipped (finished before), %d failed; %.1f s on %s%n",
                timing.run(), timing.skipped(), summary.failed(), wallSeconds, engine.master());
        log.println("sweep: report " + report);
        return summary;
    }

    /** An engine bug (a lost or doubled task) must not pass as a smaller sweep. */
    private static void requireOneResultPerTask(List<SweepTask> tasks, List<TaskResult> results) throws IOException {
        Set<String> seen = new HashSet<>();
        for (TaskResult r : results) {
            if (!seen.add(r.task().id())) throw new IllegalStateException("the engine returned task " + r.task().id() + " twice");
        }
        if (seen.size() != tasks.size()) throw new IllegalStateException("the engine returned " + seen.size() + " of " + tasks.size() + " tasks");
    }
}
