package org.dina.sweep.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark standalone master and one worker on 127.0.0.1, started as separate JVMs from the Spark jars on the test's
 * class path (nothing downloaded, no Spark installation). The worker's SPARK_HOME is an empty folder: executors get
 * their classes from spark.executor.extraClassPath, which SparkEngine sets to the driver's class path.
 */
final class LocalSparkCluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    final String masterUrl;

    LocalSparkCluster(Path dir, int workerCores) throws Exception {
        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
        processes.add(start(dir, "master", home.getParent(), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", "0"));
        waitForPort(port, 120_000);
        processes.add(start(dir, "worker", home.getParent(), "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--cores", String.valueOf(workerCores), "--memory", "3g", "--webui-port", "0",
                "--work-dir", dir.resolve("work").toString(), masterUrl));
    }

    private static Process start(Path dir, String name, Path sparkHome, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        // without a Spark build tree the launcher cannot guess the Scala version that executors are built for
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Spark master did not open port " + port + " within " + millis / 1000 + " s");
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes.reversed()) {
            p.destroy();
            p.waitFor();
        }
    }
}
