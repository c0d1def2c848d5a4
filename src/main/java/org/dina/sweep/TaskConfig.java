package org.dina.sweep;

import java.nio.file.Path;
import org.dina.model.ConfigFiles;
import org.dina.model.DinaConfig;

/** The config of one task: the plan's base config with the task's {@code KEY=VALUE} assignments (the --set machinery). */
final class TaskConfig {
    private TaskConfig() {}

    static DinaConfig of(SweepTask task) {
        // SweepPlanFile has already turned config files into absolute paths; anything else is a built-in name
        boolean isFile = task.config().contains("/") || task.config().contains(java.io.File.separator);
        return isFile ? ConfigFiles.read(Path.of(task.config()), task.assignments())
                : ConfigFiles.builtIn(task.config(), task.assignments());
    }
}
