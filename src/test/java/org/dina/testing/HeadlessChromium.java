package org.dina.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium for the report tests: run it with a throw-away profile, and check that every figure a
 * report page references loads at its declared size. Tests that need it are skipped where no Chromium is installed
 * (apt-get install -y chromium), and fail in CI; {@code -Ddina.chromium=/path} points at another one.
 */
public final class HeadlessChromium {
    private static final Path EXECUTABLE = Path.of(System.getProperty("dina.chromium", "/usr/bin/chromium"));
    private static final long TIMEOUT_S = 60;

    private HeadlessChromium() {}

    /** Skips the calling test unless Chromium is installed; fails it in CI (see {@link CiRequirement}). */
    public static void assumeInstalled() {
        CiRequirement.assumeAvailable(Files.isExecutable(EXECUTABLE),
                "browser test skipped: no Chromium at " + EXECUTABLE + " (install it with: apt-get install -y chromium)");
    }

    /** Runs Chromium headless on {@code args}; returns stdout. Kills it (and its children) after 60 s. */
    public static String run(Path work, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        List<String> cmd = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = work.resolve("chromium.out"), err = work.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("Chromium did not finish within " + TIMEOUT_S + " s; stderr: " + tail(err));
        }
        if (p.exitValue() != 0) fail("Chromium exited with " + p.exitValue() + "; stderr: " + tail(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /**
     * Asserts that every image in {@code images} ({src, width, height}, src relative to {@code page}) loads in
     * Chromium at that natural size. A probe page beside {@code page} (so relative links resolve the same way)
     * records each image's naturalWidth x naturalHeight in the DOM, which --dump-dom prints; it is deleted after.
     */
    public static void assertImagesLoad(Path work, Path page, List<String[]> images) throws IOException, InterruptedException {
        StringBuilder probe = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>\n"
                + "function ok(i, img) { document.getElementById('s' + i).textContent = 'loaded ' + img.naturalWidth + 'x' + img.naturalHeight; }\n"
                + "function bad(i) { document.getElementById('s' + i).textContent = 'failed'; }\n</script></head><body>\n");
        for (int i = 0; i < images.size(); i++) {
            probe.append("<div id=\"s").append(i).append("\">pending</div><img src=\"").append(images.get(i)[0])
                    .append("\" onload=\"ok(").append(i).append(", this)\" onerror=\"bad(").append(i).append(")\">\n");
        }
        probe.append("</body></html>\n");
        Path probePage = page.resolveSibling("probe.html");
        Files.writeString(probePage, probe, StandardCharsets.UTF_8);
        try {
            String dom = run(work, "--dump-dom", probePage.toUri().toString());
            for (int i = 0; i < images.size(); i++) {
                Matcher m = Pattern.compile("<div id=\"s" + i + "\">([^<]*)</div>").matcher(dom);
                assertTrue(m.find(), "probe status " + i + " missing from the DOM:\n" + dom);
                assertEquals("loaded " + images.get(i)[1] + "x" + images.get(i)[2], m.group(1), "image " + images.get(i)[0]);
            }
        } finally {
            Files.deleteIfExists(probePage);
        }
    }

    private static String tail(Path f) throws IOException {
        String s = Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }
}
