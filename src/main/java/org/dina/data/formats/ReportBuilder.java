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

    ReadReport build() {
        return new ReadReport(format, source, nanTrialsDropped, excludedTrials, imageScaling, rawImageMin, rawImageMax, notes);
    }
}
