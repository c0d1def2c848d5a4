package org.dina.data.formats;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests outside this package write the small natimg2800 recording with spontaneous activity. */
public final class SpontaneousProjectionFiles {
    private SpontaneousProjectionFiles() {}

    public static Path recording(Path dir) throws IOException {
        return SpontaneousProjectionTest.recording(dir, true);
    }
}
