package org.dina.sweep;

import java.nio.file.Path;
import java.util.Locale;

/** A short, file-name-safe label for a recording, used in task ids (and so in run folder names). */
final class RecordingLabel {
    private RecordingLabel() {}

    static String of(String recording) {
        if (recording.equals("simulated")) return "simulated";
        Path name = Path.of(recording).getFileName();
        String s = name == null ? recording : name.toString();
        int dot = s.lastIndexOf('.');
        if (dot > 0) s = s.substring(0, dot);
        s = s.replaceAll("[^A-Za-z0-9_]+", "_").toLowerCase(Locale.ROOT);
        return s.isEmpty() ? "recording" : s;
    }
}
