package org.dina.data.formats;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dina.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny MATLAB 7.3 files from src/test/resources/formats/make_mat73.py: reversed dimensions, uint8, gzip chunks. */
class Mat73ResourceTest {
    @TempDir Path dir;

    static Path copy(String name, Path to) throws IOException {
        try (InputStream in = Mat73ResourceTest.class.getResourceAsStream("/formats/mat73/" + name)) {
            assertNotNull(in, name);
            Files.copy(in, to);
        }
        return to;
    }

    @Test
    void dimensionsComeBackInMatlabOrder() throws IOException {
        try (MatVariables m = MatVariables.open(copy("images.mat", dir.resolve("images.mat")), null)) {
            assertEquals(MatVariables.Version.V73, m.version());
            NdArray a = m.array("images");
            assertArrayEquals(new int[] {3, 4, 5}, a.shape());
            long[] st = a.strides();
            assertEquals(213, a.getDouble(2 * st[0] + 1 * st[1] + 3 * st[2]));
        }
    }

    @Test
    void unsignedBytesAndSingles() throws IOException {
        try (MatVariables m = MatVariables.open(copy("imgs_uint8.mat", dir.resolve("imgs.mat")), null)) {
            NdArray imgs = m.array("imgs");
            assertEquals(ElementType.UINT8, imgs.type());
            assertArrayEquals(new int[] {2, 3, 4}, imgs.shape());
            long[] st = imgs.strides();
            assertEquals(10 * 3 + 3 * 1 + 2, imgs.getDouble(1 * st[0] + 2 * st[1] + 3 * st[2]));
            NdArray single = m.array("single");
            assertEquals(ElementType.FLOAT32, single.type());
            assertEquals(2.5, single.getDouble(1));
            assertThrows(DataFormatException.class, () -> m.array("nope"));
            assertThrows(DataFormatException.class, () -> m.strings("imgs"));
        }
    }

    @Test
    void dinaFolderInMatlab73() throws IOException {
        copy("images.mat", dir.resolve("images.mat"));
        copy("responses.mat", dir.resolve("responses.mat"));
        ReadResult r = Formats.load(dir, null);
        Dataset d = r.dataset();
        assertEquals(3, d.imageCount());
        assertEquals(4, d.height());
        assertEquals(5, d.width());
        assertEquals(21, d.responses().get(2, 1));
        assertEquals(213 / 234f, d.images().get(2, 1, 3), 1e-7, "min-max over 0..234");
    }
}
