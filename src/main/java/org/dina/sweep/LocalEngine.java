package org.dina.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --master local}: the tasks one after another in this JVM; each task already uses every core through the engine. */
public final class LocalEngine implements SweepEngine {
    @Override
    public List<TaskResult> run(List<SweepTask> tasks, Path out, PrintStream log) {
        List<TaskResult> results = new ArrayList<>();
        for (SweepTask t : tasks) results.add(TaskRunner.run(t, out, log));
        return results;
    }
}
