package org.dina.data.formats;

import static org.dina.data.formats.NpyArrayTest.assertOneLineAbout;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dina.data.Dataset;
import org.dina.data.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFolderReaderTest {
    @TempDir Path dir;

    /** K images of 2x3 with pixel values 10*k + p (p = 0..5), so min 0 and max 10*(K-1) + 5. */
    private void images(String descr, int k, int... shape) throws IOException {
        double[] v = new double[k * 6];
        for (int i = 0; i < k; i++) for (int p = 0; p < 6; p++) v[i * 6 + p] = 10 * i + p;
        NpyTestFiles.write(dir.resolve("images.npy"), descr, shape.length == 0 ? new int[] {k, 2, 3} : shape, v);
    }

    private void responses(int[] shape, double[] v) throws IOException {
        NpyTestFiles.write(dir.resolve("responses.npy"), "<f4", shape, v);
    }

    private DataFormatException fails() {
        return assertThrows(DataFormatException.class, () -> Formats.load(dir, null));
    }

    @Test
    void oneTrialPerImage() throws IOException {
        images("<f8", 3);
        responses(new int[] {3, 2}, new double[] {1, 2, 3, 4, 5, 6});
        assertEquals("npy", Formats.detect(dir).name());
        ReadResult r = Formats.load(dir, null);
        Dataset d = r.dataset();
        assertEquals(3, d.imageCount());
        assertEquals(2, d.height());
        assertEquals(3, d.width());
        assertEquals(3, d.trialCount());
        assertArrayEquals(new int[] {0, 1, 2}, d.imageIds());
        assertEquals(4, d.responses().get(1, 1));
        // min-max over the whole stack: raw 0..25
        assertEquals(0, d.images().get(0, 0, 0));
        assertEquals(1, d.images().get(2, 1, 2));
        assertEquals(12 / 25f, d.images().get(1, 0, 2), 1e-7);
        assertTrue(r.report().imageScaling().startsWith("min-max"), r.report().imageScaling());
        assertFalse(d.hasTiers());
    }

    @Test
    void channelAndFlattenedImageLayouts() throws IOException {
        images("<f4", 2, 2, 1, 2, 3);
        responses(new int[] {2, 1}, new double[] {1, 2});
        assertEquals(15 / 15f, Formats.read(dir, null).images().get(1, 1, 2));
        // flattened [K, 6]: not square, so the shape must be given
        images("<f4", 2, 2, 6);
        assertOneLineAbout(fails(), dir.resolve("images.npy"), "not square");
        Dataset d = Formats.read(dir, ReadOptions.defaults().withImageShape(2, 3));
        assertEquals(2, d.height());
        assertEquals(3, d.width());
        assertEquals(4 / 15f, d.images().get(0, 1, 1), 1e-7, "row-major pixels: (1,1) is element 4");
        assertOneLineAbout(assertThrows(DataFormatException.class,
                () -> Formats.read(dir, ReadOptions.defaults().withImageShape(3, 3))), dir.resolve("images.npy"), "cannot be 3x3");
        // flattened square [K, 4] is inferred
        NpyTestFiles.write(dir.resolve("images.npy"), "<f4", new int[] {2, 4}, NpyTestFiles.range(8));
        d = Formats.read(dir, null);
        assertEquals(2, d.height());
        assertEquals(2, d.width());
    }

    @Test
    void uint8ImagesAreDividedBy255() throws IOException {
        NpyTestFiles.write(dir.resolve("images.npy"), "|u1", new int[] {1, 1, 3}, new double[] {0, 51, 102});
        responses(new int[] {1, 1}, new double[] {1});
        ReadResult r = Formats.load(dir, null);
        assertEquals(0.2f, r.dataset().images().get(0, 0, 1), 1e-7);
        assertEquals(0.4f, r.dataset().images().get(0, 0, 2), 1e-7, "not stretched to 1: /255, not min-max");
        assertTrue(r.report().imageScaling().contains("255"));
    }

    @Test
    void explicitScalingRules() throws IOException {
        images("<f4", 2);
        responses(new int[] {2, 1}, new double[] {1, 2});
        assertOneLineAbout(assertThrows(DataFormatException.class,
                () -> Formats.read(dir, ReadOptions.defaults().withScaling(ImageScaling.NONE))), dir.resolve("images.npy"), "not [0, 1]");
        Dataset d = Formats.read(dir, ReadOptions.defaults().withScaling(ImageScaling.DIVIDE_BY_255));
        assertEquals(15 / 255f, d.images().get(1, 1, 2), 1e-7);
    }

    @Test
    void imageIdsGiveRepeats() throws IOException {
        images("<f4", 2);
        responses(new int[] {5, 1}, new double[] {1, 2, 3, 4, 5});
        NpyTestFiles.write(dir.resolve("image_ids.npy"), "<i8", new int[] {5}, new double[] {1, 0, 1, 1, 0});
        Dataset d = Formats.read(dir, null);
        assertEquals(5, d.trialCount());
        assertEquals(2, d.minRepeats());
        assertEquals(3, d.maxRepeats());
        assertArrayEquals(new int[] {0, 2, 3}, d.trialsOf(1));
        NpyTestFiles.write(dir.resolve("image_ids.npy"), "<i8", new int[] {5}, new double[] {1, 0, 2, 1, 0});
        assertOneLineAbout(fails(), dir.resolve("image_ids.npy"), "shows image 2");
        NpyTestFiles.write(dir.resolve("image_ids.npy"), "<i8", new int[] {4}, new double[] {1, 0, 1, 1});
        assertOneLineAbout(fails(), dir.resolve("image_ids.npy"), "4 image ids for 5 trials");
        NpyTestFiles.write(dir.resolve("image_ids.npy"), "<f8", new int[] {5}, new double[] {1, 0, 0.5, 1, 0});
        assertOneLineAbout(fails(), dir.resolve("image_ids.npy"), "whole numbers");
    }

    @Test
    void repeatsByImagesByNeurons() throws IOException {
        images("<f4", 2);
        responses(new int[] {3, 2, 1}, new double[] {1, 2, 3, 4, 5, 6});
        Dataset d = Formats.read(dir, null);
        assertEquals(6, d.trialCount());
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, d.imageIds());
        assertEquals(3, d.minRepeats());
        assertEquals(5, d.responses().get(4, 0));
        responses(new int[] {3, 3, 1}, new double[9]);
        assertOneLineAbout(fails(), dir.resolve("responses.npy"), "has 2 images");
    }

    @Test
    void nanRowsAreDroppedAndCounted() throws IOException {
        images("<f4", 3);
        responses(new int[] {2, 3, 2}, new double[] {1, 2, 3, 4, Double.NaN, Double.NaN, 7, 8, 9, Double.NaN, 11, 12});
        ReadResult r = Formats.load(dir, null);
        Dataset d = r.dataset();
        assertEquals(2, r.report().nanTrialsDropped());
        assertEquals(4, d.trialCount());
        assertArrayEquals(new int[] {0, 1, 0, 2}, d.imageIds(), "trial 2 (image 2) and 4 (image 1) dropped");
        assertEquals(11, d.responses().get(3, 0));
        assertTrue(r.report().notes().stream().anyMatch(n -> n.contains("2 of 6 trials dropped")), r.report().notes().toString());
        responses(new int[] {2, 3, 1}, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN});
        assertOneLineAbout(fails(), dir.resolve("responses.npy"), "every one of the 6 trials");
    }

    @Test
    void nonFiniteImagesAndInfiniteResponsesFail() throws IOException {
        responses(new int[] {2, 1}, new double[] {1, 2});
        double[] px = NpyTestFiles.range(12);
        px[7] = Double.NaN;
        NpyTestFiles.write(dir.resolve("images.npy"), "<f8", new int[] {2, 2, 3}, px);
        assertOneLineAbout(fails(), dir.resolve("images.npy"), "image 1 has a non-finite pixel (nan) at row 0, column 1");
        px[7] = Double.POSITIVE_INFINITY;
        NpyTestFiles.write(dir.resolve("images.npy"), "<f4", new int[] {2, 2, 3}, px);
        assertOneLineAbout(fails(), dir.resolve("images.npy"), "non-finite pixel (infinity)");
        images("<f4", 2);
        responses(new int[] {2, 1}, new double[] {1, Double.NEGATIVE_INFINITY});
        assertOneLineAbout(fails(), dir.resolve("responses.npy"), "trial 1, neuron 0 is -infinity");
    }

    @Test
    void nonNumericAndEmptyArraysFail() throws IOException {
        NpyTestFiles.writeStrings(dir.resolve("images.npy"), "ab", "cd");
        responses(new int[] {2, 1}, new double[] {1, 2});
        assertOneLineAbout(fails(), dir.resolve("images.npy"), "must be numbers, got text");
        images("<f4", 2);
        NpyTestFiles.write(dir.resolve("responses.npy"), "|b1", new int[] {2, 1}, new double[] {1, 0});
        assertOneLineAbout(fails(), dir.resolve("responses.npy"), "must be numbers, got bool");
        NpyTestFiles.write(dir.resolve("responses.npy"), "<f4", new int[] {2, 0}, new double[0]);
        assertOneLineAbout(fails(), dir.resolve("responses.npy"), "empty");
        NpyTestFiles.write(dir.resolve("images.npy"), "<f4", new int[] {0, 2, 3}, new double[0]);
        assertOneLineAbout(fails(), dir.resolve("images.npy"), "empty");
    }

    @Test
    void mismatchedShapesFail() throws IOException {
        images("<f4", 3);
        responses(new int[] {4, 2}, new double[8]);
        assertOneLineAbout(fails(), dir.resolve("responses.npy"), "4 rows but images.npy has 3 images");
        responses(new int[] {12}, new double[12]);
        assertOneLineAbout(fails(), dir.resolve("responses.npy"), "must have 2 or 3 dimensions");
        NpyTestFiles.write(dir.resolve("images.npy"), "<f4", new int[] {2, 3, 2, 2}, new double[24]);
        responses(new int[] {2, 1}, new double[2]);
        assertOneLineAbout(fails(), dir.resolve("images.npy"), "one channel");
        NpyTestFiles.write(dir.resolve("images.npy"), "<f4", new int[] {24}, new double[24]);
        assertOneLineAbout(fails(), dir.resolve("images.npy"), "must have 2, 3 or 4 dimensions");
    }

    @Test
    void tiersFile() throws IOException {
        images("<f4", 2);
        responses(new int[] {4, 1}, new double[] {1, 2, 3, 4});
        NpyTestFiles.write(dir.resolve("image_ids.npy"), "<i8", new int[] {4}, new double[] {0, 1, 0, 1});
        NpyTestFiles.writeStrings(dir.resolve("tiers.npy"), "train", "validation", "none", "final_test");
        ReadResult r = Formats.load(dir, null);
        Dataset d = r.dataset();
        assertEquals(3, d.trialCount());
        assertEquals(1, r.report().excludedTrials());
        assertEquals(Tier.TRAIN, d.tier(0));
        assertEquals(Tier.VALIDATION, d.tier(1));
        assertEquals(Tier.TEST, d.tier(2));
        assertEquals(4, d.responses().get(2, 0));
        NpyTestFiles.writeStrings(dir.resolve("tiers.npy"), "train", "validation", "holdout", "test");
        assertOneLineAbout(fails(), dir.resolve("tiers.npy"), "unknown tier 'holdout'");
    }

    @Test
    void largeFloat32ResponsesStayMapped() throws IOException {
        int k = 300, n = 1000; // 1.2 MB of responses
        NpyTestFiles.write(dir.resolve("images.npy"), "|u1", new int[] {k, 1, 1}, new double[k]);
        float[] v = new float[k * n];
        for (int i = 0; i < v.length; i++) v[i] = i % 17;
        NpyTestFiles.writeFloats(dir.resolve("responses.npy"), new int[] {k, n}, v);
        Dataset d = Formats.read(dir, null);
        assertTrue(d.responses().segment().isMapped(), "no copy of a clean float32 array");
        assertEquals(v[123456], d.responses().getFlat(123456));
    }

    @Test
    void formatsEntryPoint() throws IOException {
        images("<f4", 2);
        responses(new int[] {2, 1}, new double[] {1, 2});
        assertEquals("npy", Formats.detect(dir.resolve("images.npy")).name(), "a file finds its folder");
        assertEquals(2, Formats.read(dir.resolve("responses.npy"), ReadOptions.defaults().withFormat("NPY")).trialCount());
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, ReadOptions.defaults().withFormat("hdf9"))),
                dir, "unknown format 'hdf9'");
        Path missing = dir.resolve("nothing-here");
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(missing, null)), missing, "no such file");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(empty, null)), empty, "not a known dataset layout");
        // a reader forced onto a folder that lacks its files names the missing file
        assertOneLineAbout(assertThrows(DataFormatException.class,
                () -> Formats.read(empty, ReadOptions.defaults().withFormat("allen"))), empty.resolve("Allen_train_input.npy"), "missing");
        assertEquals(java.util.List.of("natimg2800", "dina-mat", "sensorium", "antolik2016", "allen", "nwb", "npy"), Formats.names());
    }
}
