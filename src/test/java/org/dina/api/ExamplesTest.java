package org.dina.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.dina.data.SplitProtocol;
import org.dina.train.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs what the README shows a Java user: {@code examples/IdentifyHeldOut.java} compiled against a jar of the built
 * classes and run in its own JVM, and the README's JShell snippet, both on a freshly trained run; each must identify
 * exactly the trials the facade identifies in this JVM.
 */
class ExamplesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    @TempDir static Path dir;
    private static Path run, jar;
    private static int expectedHits, trials;
    private static List<String> dependencies;

    @BeforeAll
    static void trainAndPackage() throws Exception {
        run = dir.resolve("run");
        TrainingRun.Outcome o = TinyRun.trainInto(run, TinyRun.config(SplitProtocol.IMAGES));
        Dina dina = Dina.of(o.model(), o.data());
        Dina.HeldOut test = dina.heldOut();
        int[] guess = dina.identify(test.responses(), test.candidateImages());
        trials = guess.length;
        for (int i = 0; i < trials; i++) if (guess[i] == test.truth()[i]) expectedHits++;
        Path classes = Path.of(Dina.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        jar = dir.resolve("dina.jar");
        run(ToolProvider.findFirst("jar").orElseThrow(), "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
        // the test class path minus this project's own classes: the libraries the jar needs beside it
        dependencies = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !Path.of(p).toAbsolutePath().startsWith(ROOT.resolve("target"))).toList();
    }

    @Test
    void identifyHeldOutCompilesAgainstTheJarAndIdentifiesWhatTheEvaluatorDoes() throws Exception {
        Path out = Files.createDirectories(dir.resolve("example-classes"));
        String cp = String.join(File.pathSeparator, classPath());
        run(ToolProvider.findFirst("javac").orElseThrow(), "--add-modules", "jdk.incubator.vector", "-cp", cp, "-d", out.toString(),
                ROOT.resolve("examples/IdentifyHeldOut.java").toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx1g", "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", out + File.pathSeparator + cp, "IdentifyHeldOut", run.toString()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the example did not finish");
        assertEquals(0, p.exitValue(), printed);
        Matcher m = Pattern.compile("identified (\\d+) of (\\d+) held-out trials among (\\d+) images").matcher(printed);
        assertTrue(m.find(), printed);
        assertEquals(expectedHits, Integer.parseInt(m.group(1)), printed);
        assertEquals(trials, Integer.parseInt(m.group(2)), printed);
        assertTrue(lineCount(ROOT.resolve("examples/IdentifyHeldOut.java")) <= 16, "the example should stay short");
    }

    @Test
    void theReadmesJShellSnippetRuns() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("```jshell\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has no ```jshell block");
        String snippet = block.group(1).replace("\"runs/demo\"", '"' + run.toString().replace("\\", "\\\\") + '"');
        // the local engine runs the snippet in this JVM, which already has the vector module and native access
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (String p : classPath()) shell.addToClasspath(p);
            // as the jshell tool does: line by line, a line that ends no statement continues on the next
            String pending = "";
            for (String line : snippet.split("\n")) {
                pending += line + "\n";
                SourceCodeAnalysis.CompletionInfo c = shell.sourceCodeAnalysis().analyzeCompletion(pending);
                if (!c.completeness().isComplete()) continue;
                for (SnippetEvent e : shell.eval(c.source())) {
                    String what = c.source().strip();
                    assertNull(e.exception(), what + " threw " + e.exception());
                    assertNotEquals(Snippet.Status.REJECTED, e.status(), what + ": "
                            + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
                }
                pending = "";
            }
            assertTrue(pending.isBlank(), "the snippet ends in the middle of a statement: " + pending);
            String hits = shell.eval("hits").get(0).value();
            assertEquals(Integer.toString(expectedHits), hits);
        }
    }

    private static List<String> classPath() {
        List<String> cp = new ArrayList<>();
        cp.add(jar.toString());
        cp.addAll(dependencies);
        return cp;
    }

    private static void run(ToolProvider tool, String... args) {
        StringWriter out = new StringWriter();
        int rc = tool.run(new PrintWriter(out), new PrintWriter(out), args);
        assertEquals(0, rc, tool.name() + " failed: " + out);
    }

    private static long lineCount(Path file) throws Exception {
        return Files.readAllLines(file).size();
    }
}
