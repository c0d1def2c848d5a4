package org.dina;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering docs/architecture.md draws, checked on the sources (the tests run in the project's root): the data
 * and compute packages never reach up to the view ({@code report}) or the command line ({@code cli}), and nothing in
 * the product reaches the benchmarks ({@code perf}, in src/bench, which the product jar does not carry). Comments
 * may name those packages; code, strings included (a class looked up by name), may not.
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/org/dina");
    private static final List<String> CORE = List.of("analysis", "eval", "train", "model", "nn", "kernels", "data");
    private static final Pattern VIEW_OR_CLI = Pattern.compile("\\borg\\.dina\\.(report|cli)\\b");
    private static final Pattern BENCH = Pattern.compile("\\borg\\.dina\\.perf\\b");

    @Test
    void corePackagesUseNeitherTheReportNorTheCommandLine() {
        List<String> found = new ArrayList<>();
        for (String pkg : CORE) {
            Path dir = MAIN.resolve(pkg);
            assertTrue(Files.isDirectory(dir), dir + " is gone: update this test's list of core packages");
            found.addAll(references(dir, VIEW_OR_CLI));
        }
        assertEquals(List.of(), found, "core classes that use org.dina.report or org.dina.cli");
    }

    @Test
    void theProductNeverUsesTheBenchmarks() {
        assertEquals(List.of(), references(MAIN, BENCH), "product classes that use the benchmarks");
    }

    @Test
    void referencesInCodeCountAndThoseInCommentsDoNot() {
        String source = """
                // org.dina.report is the view
                /* org.dina.cli draws the bar */
                /** {@link org.dina.cli.Main} */
                import org.dina.report.HtmlReport;
                class X { String s = "// not a comment: org.dina.cli.Main"; char c = '"'; }
                """;
        List<String> hits = new ArrayList<>();
        Matcher m = VIEW_OR_CLI.matcher(withoutComments(source));
        while (m.find()) hits.add(m.group());
        assertEquals(List.of("org.dina.report", "org.dina.cli"), hits);
    }

    /** "file: package" for every reference to {@code target} in the code of the .java files under {@code dir}. */
    private static List<String> references(Path dir, Pattern target) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> found = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = target.matcher(withoutComments(Files.readString(f)));
                while (m.find()) found.add(f + ": " + m.group());
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java source with its comments blanked out; string, text-block and char literals are kept as they are. */
    static String withoutComments(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0, n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') i++;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                int stop = end < 0 ? n : end + 3;
                out.append(src, i, stop);
                i = stop;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') j += src.charAt(j) == '\\' ? 2 : 1;
                int stop = Math.min(n, j + 1);
                out.append(src, i, stop);
                i = stop;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
