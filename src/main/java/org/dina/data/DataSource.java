package org.dina.data;

/**
 * Where a dataset comes from: the built-in simulation, or a path with an optional format name and reader options.
 * Stored in each run folder so that evaluation and analysis load exactly the same data again.
 */
public record DataSource(String kind, String path, String format, String imageShape, String categories) {
    public static DataSource simulated() {
        return new DataSource("simulated", null, null, null, null);
    }

    public static DataSource file(String path, String format, String imageShape, String categories) {
        return new DataSource("file", path, format, imageShape, categories);
    }

    public boolean isSimulated() { return "simulated".equals(kind); }

    /** Loads the data: simulated from {@code simulation}, otherwise through the file readers. */
    public Dataset load(SimulationConfig simulation) {
        if (isSimulated()) return SimulatedV1.generate(simulation).dataset();
        throw new IllegalArgumentException(path + ": reading recorded datasets is not wired in yet");
    }
}
