package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A JDK whose font system is broken must give one line saying what to install, not a stack trace from inside a chart. */
class FigureFontsTest {

    @Test
    void brokenFontSystemsBecomeOneLineNamingWhatToInstall() {
        for (Throwable failure : new Throwable[] {
            new InternalError("Fontconfig head is null, check your fonts or fonts configuration"),
            new NoClassDefFoundError("Could not initialize class sun.awt.X11FontManager"),
            new UnsatisfiedLinkError("libfontmanager.so: cannot open shared object file"),
            new NullPointerException("Cannot load from object array because \"sun.awt.FontConfiguration.head\" is null")}) {
            String problem = Figure.fontProblem(() -> {
                if (failure instanceof Error e) throw e;
                throw (RuntimeException) failure;
            });
            assertTrue(problem.lines().count() == 1 && problem.contains(failure.getMessage().split("\\s")[0])
                    && problem.contains("apt-get install fontconfig fonts-dejavu-core"), problem);
        }
    }

    @Test
    void fontsWorkOnThisMachine() {
        // DejaVu is installed here (via fontconfig); if this fails, figures cannot be drawn at all
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/usr/share/fonts")),
                "no system fonts installed");
        assertNull(Figure.fontProblem(() -> new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12).getFamily()));
        Figure.requireFonts();
    }
}
