package org.dina.data.formats;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one exception every dataset reader throws for input it cannot use: a missing, truncated or corrupt file, a
 * wrong shape or type, values out of range. Its message is a single line that starts with the file's path.
 *
 * <p>Checked (an {@link IOException}) so that callers decide what a bad file means for them; the command line turns
 * it into one line on stderr and exit code 2.
 */
public final class DataFormatException extends IOException {
    private final transient Path file;

    /**
     * A problem with a file, as one line.
     *
     * @param file    the file (or folder) the problem is in
     * @param problem what is wrong; line breaks become spaces
     */
    public DataFormatException(Path file, String problem) {
        super(oneLine(file + ": " + problem));
        this.file = file;
    }

    /**
     * A problem with a file, as one line, and the failure that revealed it.
     *
     * @param file    the file (or folder) the problem is in
     * @param problem what is wrong; line breaks become spaces
     * @param cause   the library's exception
     */
    public DataFormatException(Path file, String problem, Throwable cause) {
        super(oneLine(file + ": " + problem), cause);
        this.file = file;
    }

    /** {@return the file (or folder) the problem is in} */
    public Path file() { return file; }

    /** Library messages may span lines; ours never do. */
    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
