package org.dina.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a sweep's tasks somewhere (this JVM, a Spark cluster) and hands back one result per task. Every engine runs a
 * task through {@link TaskRunner}, so where a task ran never changes what it gives.
 */
public interface SweepEngine {
    /** One result per task, in any order; {@code out} is absolute and must be visible to wherever tasks run. */
    List<TaskResult> run(List<SweepTask> tasks, Path out, PrintStream log) throws Exception;

    /** The --master this engine serves, for timing.json and the log. */
    default String master() {
        return "local";
    }
}
