package org.dina.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system Python with PyTorch (/usr/bin/python3; {@code -Ddina.python=/path} points at another), for tests that
 * check our files against the release's own PyTorch modules. Where torch is missing those tests are skipped, except
 * under CI ({@code CI=true}), where a skip would hide that the check never ran: there they fail.
 */
public final class TorchPython {
    private static final Path EXECUTABLE = Path.of(System.getProperty("dina.python", "/usr/bin/python3"));
    private static final long TIMEOUT_S = 300;
    private static Boolean available;

    private TorchPython() {}

    /** Skips the calling test unless {@code import torch} works; fails instead when CI=true. */
    public static void assumeInstalled() {
        if (available == null) available = Files.isExecutable(EXECUTABLE) && probe();
        if (available) return;
        CiRequirement.assumeAvailable(available,
                "PyTorch comparison skipped: no PyTorch for " + EXECUTABLE + " (install it with: apt-get install -y python3-torch)");
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder(EXECUTABLE.toString(), "-c", "import torch").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a script with arguments; returns its exit code and combined output. Kills it after 300 s. */
    public static Result run(Path work, String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(EXECUTABLE.toString(), script));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "python", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(script + " did not finish within " + TIMEOUT_S + " s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    public record Result(int exitCode, String output) {}
}
