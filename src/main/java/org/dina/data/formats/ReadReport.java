package org.dina.data.formats;

import java.nio.file.Path;
import java.util.List;

/**
 * What a reader did to turn a file into a dataset: trials it dropped and why, how it scaled the images, and notes
 * on anything it ignored or inferred.
 *
 * @param format          the reader's name
 * @param source          the path read
 * @param nanTrialsDropped trials dropped because their responses had NaN (missing) values
 * @param excludedTrials  trials left out on purpose (gray screens, trials without a tier)
 * @param imageScaling    the scaling rule applied, in words
 * @param rawImageMin     smallest pixel value before scaling
 * @param rawImageMax     largest pixel value before scaling
 * @param notes           anything else worth telling the user, one line each
 */
public record ReadReport(String format, Path source, int nanTrialsDropped, int excludedTrials, String imageScaling,
                         double rawImageMin, double rawImageMax, List<String> notes) {
    /** Copies the notes, so that the record owns them. */
    public ReadReport {
        notes = List.copyOf(notes);
    }
}
