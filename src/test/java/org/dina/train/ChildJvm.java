package org.dina.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class of the test classpath in a second JVM, optionally under a shell limit (ulimit), for tests across processes. */
final class ChildJvm {
    private ChildJvm() {}

    static Process start(String ulimit, Class<?> main, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        if (ulimit != null) {
            // exec keeps the limit and makes the JVM the shell's process, so that killing it kills the JVM
            StringBuilder line = new StringBuilder("ulimit " + ulimit + " && exec");
            for (String c : cmd) line.append(" '").append(c.replace("'", "'\\''")).append("'");
            cmd = List.of("/bin/sh", "-c", line.toString());
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
