package org.dina.data.formats;

import java.nio.file.Path;
import org.dina.data.Dataset;

/**
 * Base of the readers: whatever goes wrong inside one (a library's own exception, an out-of-range index in a corrupt
 * file, an allocation a corrupt size asks for) leaves it as a {@link DataFormatException} naming the path.
 */
abstract class GuardedReader implements DatasetReader {

    @Override
    public final ReadResult load(Path path, ReadOptions options) throws DataFormatException {
        ReportBuilder report = new ReportBuilder(name(), path);
        try {
            Dataset d = readDataset(path, options == null ? ReadOptions.defaults() : options, report);
            return new ReadResult(d, report.build());
        } catch (DataFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // Dataset's own checks (shapes, ranges) after reading: still a problem of the input
            throw new DataFormatException(path, "not a usable " + name() + " dataset: " + e.getMessage(), e);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new DataFormatException(path, "cannot read as " + name() + ": " + Failures.describe(e), e);
        }
    }

    /** Reads the dataset, noting what it did in {@code report}. */
    protected abstract Dataset readDataset(Path path, ReadOptions options, ReportBuilder report) throws DataFormatException;

    @Override
    public String toString() { return name(); }
}
