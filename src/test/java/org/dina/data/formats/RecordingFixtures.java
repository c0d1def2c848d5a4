package org.dina.data.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small recordings on disk for tests outside this package (the command-line corpus of bad inputs): an NPY folder
 * and a natimg2800-style category file, written with the same writers the reader tests use.
 */
public final class RecordingFixtures {
    private RecordingFixtures() {}

    /**
     * An NPY folder: {@code images} [K, h, w] in [0, 1] (a seeded pattern), {@code responses} [T, N] row-major and
     * {@code imageIds} [T]. NaN in {@code responses} marks a missing value.
     */
    public static Path npyFolder(Path dir, int images, int h, int w, double[] responses, int neurons, int[] imageIds)
            throws IOException {
        Files.createDirectories(dir);
        double[] px = new double[images * h * w];
        long s = 42;
        for (int i = 0; i < px.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            px[i] = (s >>> 40) / (double) (1L << 24);
        }
        NpyTestFiles.write(dir.resolve("images.npy"), "<f4", new int[] {images, h, w}, px);
        NpyTestFiles.write(dir.resolve("responses.npy"), "<f4", new int[] {imageIds.length, neurons}, responses);
        double[] ids = new double[imageIds.length];
        for (int i = 0; i < ids.length; i++) ids[i] = imageIds[i];
        NpyTestFiles.write(dir.resolve("image_ids.npy"), "<i8", new int[] {ids.length}, ids);
        return dir;
    }

    /** A MATLAB 5 file with {@code class_assignment} (one label per image) and {@code class_names}. */
    public static Path categories(Path file, int[] labels, String... names) throws IOException {
        double[] v = new double[labels.length];
        for (int i = 0; i < v.length; i++) v[i] = labels[i];
        return Mat5TestFiles.write(file, "class_assignment", Mat5TestFiles.uint8(new int[] {1, labels.length}, v),
                "class_names", new Mat5TestFiles.TextCell(names));
    }
}
