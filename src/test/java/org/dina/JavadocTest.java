package org.dina;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The javadoc of src/main/java builds without a warning (issue #13) under the project's doclint policy
 * (docs/architecture.md, "Javadoc"): every doclint group but {@code missing} on the whole tree, every group on the
 * public API, and one line of javadoc on every public type. The JDK's own javadoc runs in this JVM, with this JVM's
 * class path; its one unavoidable notice, that the sources use the incubating Vector API, is the only line let through.
 */
class JavadocTest {
    private static final Path SOURCES = Path.of("src/main/java");

    /**
     * The public API: what a program using DINA as a library, or reading data through it, calls. Every parameter,
     * return value and thrown exception of these is documented; elsewhere the one-line comments say it in prose.
     */
    static final List<String> API_PACKAGES = List.of("org.dina.api", "org.dina.data.formats");
    /** The rest of the public API: a config and the types of its keys, a dataset and where it comes from. */
    static final List<String> API_FILES = List.of(
            "org/dina/model/DinaConfig.java", "org/dina/model/ConfigFiles.java", "org/dina/model/CrossAttention.java",
            "org/dina/model/ImageTowerMode.java", "org/dina/model/Initialisation.java",
            "org/dina/model/MapNormalisation.java", "org/dina/model/NeuralAttentionMode.java",
            "org/dina/model/TrialMode.java", "org/dina/nn/SsimPadding.java",
            "org/dina/data/Dataset.java", "org/dina/data/DataSource.java", "org/dina/data/SplitProtocol.java");

    /** javac's code for the notice that the sources use an incubating module, which no javadoc option turns off. */
    private static final String INCUBATING = "compiler.warn.incubating.modules";

    @Test
    void theWholeTreeBuildsWithoutAWarning(@TempDir Path out) {
        assertNoFindings("javadoc -Xdoclint:all,-missing -subpackages org.dina",
                javadoc(SOURCES, "all,-missing", out, List.of("-subpackages", "org.dina"), List.of()));
    }

    @Test
    void thePublicApiDocumentsEveryParameterReturnValueAndException(@TempDir Path out) {
        API_FILES.forEach(f -> assertTrue(Files.isRegularFile(SOURCES.resolve(f)), f + " is gone: update API_FILES"));
        assertNoFindings("javadoc -Xdoclint:all over the public API",
                javadoc(SOURCES, "all", out, List.of("-subpackages", String.join(":", API_PACKAGES)),
                        API_FILES.stream().map(SOURCES::resolve).toList()));
    }

    @Test
    void everyPublicTypeSaysWhatItIsFor() {
        assertNoFindings("public types without javadoc", typesWithoutJavadoc(SOURCES));
    }

    /** The checks see what they look for: a bare {@code <}, a parameter without {@code @param}, an unexplained type. */
    @Test
    void theChecksFindWhatTheyLookFor(@TempDir Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Files.writeString(Files.createDirectories(sources.resolve("p")).resolve("Bad.java"), """
                package p;

                /** Holds x < y, which is HTML's opening of a tag. */
                public final class Bad {
                    private Bad() {}

                    /** Documented, but not its parameter. */
                    public static int twice(int x) { return 2 * x; }

                    public record Undocumented(int a) {}

                    /** Its member types are public without saying so. */
                    public interface Shown { record Implicit() {} }

                    private record Hidden() {}
                }
                """);
        Path out = dir.resolve("out");
        List<String> tree = javadoc(sources, "all,-missing", out, List.of("-subpackages", "p"), List.of());
        assertEquals(1, tree.size(), String.join("\n", tree));
        assertTrue(tree.get(0).matches(".*Bad\\.java:3: error: malformed HTML"), tree.get(0));
        List<String> api = javadoc(sources, "all", out, List.of("-subpackages", "p"), List.of());
        assertTrue(api.stream().anyMatch(f -> f.matches(".*Bad\\.java:8: warning: no @param for x")),
                String.join("\n", api));
        List<String> types = typesWithoutJavadoc(sources).stream().map(f -> f.replaceAll(".*Bad\\.java:", "")).toList();
        assertEquals(List.of("10: Undocumented", "13: Implicit"), types);
    }

    /** "file:line: kind: message" for every warning or error of one javadoc run, the incubator notice left out. */
    static List<String> javadoc(Path sources, String doclint, Path out, List<String> packageOptions, List<Path> files) {
        DocumentationTool tool = ToolProvider.getSystemDocumentationTool();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>(List.of("-quiet", "-Xdoclint:" + doclint, "-Xmaxwarns", "100000",
                "-Xmaxerrs", "100000", "--add-modules", "jdk.incubator.vector", "-encoding", "UTF-8",
                "-sourcepath", sources.toString(), "-cp", System.getProperty("java.class.path"), "-d", out.toString()));
        options.addAll(packageOptions);
        StringWriter printed = new StringWriter();
        try (StandardJavaFileManager fileManager =
                     tool.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = tool.getTask(printed, fileManager, diagnostics, null, options,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            List<String> found = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.NOTE || d.getKind() == Diagnostic.Kind.OTHER) continue;
                if (INCUBATING.equals(d.getCode())) continue;
                String kind = d.getKind().toString().toLowerCase(Locale.ROOT);
                found.add(where(d) + kind + ": " + d.getMessage(Locale.ROOT));
            }
            if (!ok && found.isEmpty()) found.add("javadoc failed without a diagnostic: " + printed);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(Diagnostic<? extends JavaFileObject> d) {
        return d.getSource() == null ? "" : relative(d.getSource()) + ":" + d.getLineNumber() + ": ";
    }

    /** The file's path from the project's root (where the tests run), as the findings name it. */
    private static Path relative(JavaFileObject file) {
        return Path.of("").toAbsolutePath().relativize(Path.of(file.toUri()));
    }

    /**
     * "file:line: name" for every type javadoc documents (public or protected, in a type that is documented too;
     * a member type of an interface is public without saying so) that has no doc comment. Parsing is enough.
     */
    static List<String> typesWithoutJavadoc(Path root) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> found = new ArrayList<>();
        try (StandardJavaFileManager fileManager =
                     javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
             Stream<Path> walk = Files.walk(root)) {
            List<Path> sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            JavacTask task = (JavacTask) javac.getTask(null, fileManager, null, List.of("-proc:none"), null,
                    fileManager.getJavaFileObjectsFromPaths(sources));
            DocTrees trees = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitClass(ClassTree type, Void unused) {
                        if (!documented(getCurrentPath())) return null;
                        DocCommentTree doc = trees.getDocCommentTree(getCurrentPath());
                        if (doc == null || doc.getFullBody().isEmpty()) {
                            long start = trees.getSourcePositions().getStartPosition(unit, type);
                            long line = unit.getLineMap().getLineNumber(start);
                            found.add(relative(unit.getSourceFile()) + ":" + line + ": " + type.getSimpleName());
                        }
                        return super.visitClass(type, unused);
                    }
                }.scan(unit, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /**
     * Whether javadoc shows this type: a top-level public type, or a public or protected member type (or any member
     * type of an interface) of a shown type. The scanner only walks into shown types, so the parent is one.
     */
    private static boolean documented(TreePath path) {
        ClassTree type = (ClassTree) path.getLeaf();
        var modifiers = type.getModifiers().getFlags();
        Tree parent = path.getParentPath().getLeaf();
        if (parent instanceof CompilationUnitTree) return modifiers.contains(Modifier.PUBLIC);
        if (!(parent instanceof ClassTree outer)) return false; // local and anonymous classes
        return modifiers.contains(Modifier.PUBLIC) || modifiers.contains(Modifier.PROTECTED)
                || outer.getKind() == Tree.Kind.INTERFACE || outer.getKind() == Tree.Kind.ANNOTATION_TYPE;
    }

    /** Fails listing the findings. */
    private static void assertNoFindings(String what, List<String> findings) {
        assertEquals(List.of(), findings, what + " (" + findings.size() + "):\n  " + String.join("\n  ", findings) + "\n");
    }
}
