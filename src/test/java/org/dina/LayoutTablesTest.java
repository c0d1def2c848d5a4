package org.dina;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The package tables of README.md ("Layout") and docs/architecture.md list exactly the packages under src/main/java/org/dina. */
class LayoutTablesTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z]+)` \\|");

    @Test
    void readmeLayoutTableMatchesTheTree() throws IOException {
        assertEquals(packages(), tableAfter(Path.of("README.md"), "## Layout"), "README.md's layout table");
    }

    @Test
    void architecturePackageTableMatchesTheTree() throws IOException {
        assertEquals(packages(), tableAfter(Path.of("docs/architecture.md"), "## Packages"), "docs/architecture.md's package table");
    }

    private static Set<String> packages() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("src/main/java/org/dina"))) {
            Set<String> names = new TreeSet<>();
            dirs.filter(Files::isDirectory).forEach(d -> names.add(d.getFileName().toString()));
            return names;
        }
    }

    /** The first-column names of the first table after {@code heading}. */
    private static Set<String> tableAfter(Path doc, String heading) throws IOException {
        String text = Files.readString(doc);
        int at = text.indexOf("\n" + heading);
        assertTrue(at >= 0, doc + " has no '" + heading + "' section");
        String rest = text.substring(at + 1 + heading.length());
        int tableStart = rest.indexOf("\n|");
        assertTrue(tableStart >= 0, doc + ": no table after '" + heading + "'");
        int tableEnd = rest.indexOf("\n\n", tableStart);
        Matcher m = ROW.matcher(rest.substring(tableStart + 1, tableEnd < 0 ? rest.length() : tableEnd));
        Set<String> names = new TreeSet<>();
        while (m.find()) names.add(m.group(1));
        return names;
    }
}
