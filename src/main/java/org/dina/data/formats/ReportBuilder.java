package org.dina.data.formats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects what a reader did while it reads, into a {@link ReadReport}. */
final class ReportBuilder {
    private final String format;
    private final Path source;
    int nanTrialsDropped;
    int excludedTrials;
    String imageScaling = "";
    double rawImageMin = Double.NaN, rawImageMax = Double.NaN;
    private final List<String> notes = new ArrayList<>();

    ReportBuilder(String format, Path source) {
        this.format = format;
        this.source = source;
    }

    void note(String line) { notes.add(line); }

    /** Takes over what a reader noted about one of several files, its notes prefixed (e.g. with the file's name). */
    void absorb(ReportBuilder part, String prefix) {
        nanTrialsDropped += part.nanTrialsDropped;
        excludedTrials += part.excludedTrials;
        if (imageScaling.isEmpty()) imageScaling = part.imageScaling;
        rawImageMin = Double.isNaN(rawImageMin) ? part.rawImageMin : Math.min(rawImageMin, part.rawImageMin);
        rawImageMax = Double.isNaN(rawImageMax) ? part.rawImageMax : Math.max(rawImageMax, part.rawImageMax);
        for (String n : part.notes) notes.add(prefix + n);
    }

    ReadReport build() {
        return new ReadReport(format, source, nanTrialsDropped, excludedTrials, imageScaling, rawImageMin, rawImageMax, notes);
    }
}
