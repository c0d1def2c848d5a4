package org.dina.sweep.spark;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.dina.sweep.SweepEngine;
import org.dina.sweep.SweepTask;
import org.dina.sweep.TaskResult;
import org.dina.sweep.TaskRunner;

/**
 * Runs a sweep's tasks on Spark: the tasks are the partitions of a dataset of task descriptions (one per partition),
 * and each executor runs {@link TaskRunner} in-process, exactly as {@code --master local} does.
 */
public final class SparkEngine implements SweepEngine {
    private final String master;

    public SparkEngine(String master) {
        this.master = master;
    }

    @Override
    public String master() {
        return master;
    }

    @Override
    public List<TaskResult> run(List<SweepTask> tasks, Path out, PrintStream log) {
        String root = out.toString();   // a String, not a Path: what the closure captures must be serializable
        try (JavaSparkContext sc = new JavaSparkContext(conf())) {
            // one partition per task, so that a slow task never holds others back behind it in the same partition
            return sc.parallelize(tasks, Math.max(1, tasks.size()))
                    .map(t -> TaskRunner.run(t, Path.of(root), System.out))
                    .collect();
        }
    }

    SparkConf conf() {
        String jvmFlags = String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(SparkEngine::isEngineFlag).toList());
        return new SparkConf()
                .setAppName("dina sweep")
                .setMaster(master)
                .set("spark.ui.enabled", "false")
                // a task is one DINA run that already uses every core of its executor through the engine's own pool
                .set("spark.executor.cores", "1")
                .set("spark.task.maxFailures", "1")      // TaskRunner retries once itself and never throws
                // the core's jhdf brings org.lz4:lz4-java 1.8, which shadows the newer lz4 (same packages) that Spark's
                // lz4 codec calls (NoSuchMethodError on executors); zstd needs no lz4
                .set("spark.io.compression.codec", "zstd")
                // executors on other JVMs need the engine's flags (Vector API, native access, off-heap limit) and classes;
                // the class path works as is where the executors see the same paths (localhost, a shared install)
                .set("spark.executor.extraJavaOptions", jvmFlags)
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
    }

    /** The driver's flags that the engine needs on executors too. */
    static boolean isEngineFlag(String arg) {
        return arg.startsWith("--add-modules") || arg.startsWith("--enable-native-access") || arg.startsWith("--add-opens")
                || arg.startsWith("--sun-misc-unsafe-memory-access") || arg.startsWith("-XX:MaxDirectMemorySize") || arg.startsWith("-XX:-UseProfiledLoopPredicate")
                || arg.startsWith("-XX:CompileCommand") || arg.startsWith("-XX:MaxNewSize");
    }
}
