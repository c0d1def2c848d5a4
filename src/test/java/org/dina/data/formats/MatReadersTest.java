package org.dina.data.formats;

import static org.dina.data.formats.Mat5TestFiles.*;
import static org.dina.data.formats.NpyArrayTest.assertOneLineAbout;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dina.data.Dataset;
import org.dina.data.NeuronInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** natimg2800, DINA .mat and category files built byte by byte, good and bad. */
class MatReadersTest {
    @TempDir Path dir;

    /** 4 images of 2x3 (uint8, [2, 3, 4]), pixel value 10*k + p. */
    private Path natimgImages() throws IOException {
        double[] v = new double[24];
        // column-major [r, c, k]: index r + 2*c + 6*k
        for (int k = 0; k < 4; k++) for (int c = 0; c < 3; c++) for (int r = 0; r < 2; r++) v[r + 2 * c + 6 * k] = 10 * k + r * 3 + c;
        return write(dir.resolve("images_natimg2800_all.mat"), "imgs", uint8(new int[] {2, 3, 4}, v));
    }

    /** 7 presentations of 3 neurons: istim 1,5,2,1,5,4,2 (5 = gray); resp[p][j] = 10*p + j; no redcell. */
    private Path recording(double[] istim) throws IOException {
        return recording(istim, null);
    }

    /** As {@link #recording(double[])}, with {@code redcell} [3, 1] when not null. */
    private Path recording(double[] istim, double[] redcell) throws IOException {
        int p = istim.length;
        double[] resp = new double[p * 3];
        for (int t = 0; t < p; t++) for (int j = 0; j < 3; j++) resp[t + p * j] = 10 * t + j;
        double[] med = {5, 6, 7, 50, 60, 70, 1, 2, 3}; // [3 neurons, 3] column-major: x = 5,6,7; y = 50,60,70
        Object stim = struct("resp", singles(new int[] {p, 3}, resp), "istim", doubles(new int[] {p, 1}, istim),
                "spont", singles(new int[] {2, 3}, new double[6]));
        if (redcell == null) return write(dir.resolve("natimg2800_M1_2026.mat"), "stim", stim, "med", doubles(new int[] {3, 3}, med));
        return write(dir.resolve("natimg2800_M1_2026.mat"), "stim", stim, "med", doubles(new int[] {3, 3}, med),
                "redcell", doubles(new int[] {redcell.length, 1}, redcell));
    }

    @Test
    void natimg2800() throws IOException {
        natimgImages();
        recording(new double[] {1, 5, 2, 1, 5, 4, 2});
        assertEquals("natimg2800", Formats.detect(dir).name());
        ReadResult r = Formats.load(dir, null);
        Dataset d = r.dataset();
        assertEquals(4, d.imageCount());
        assertEquals(2, d.height());
        assertEquals(3, d.width());
        assertEquals(5, d.trialCount());
        assertEquals(2, r.report().excludedTrials());
        assertArrayEquals(new int[] {0, 1, 0, 3, 1}, d.imageIds());
        assertEquals(0, d.repeatsOf(2), "image 3 (istim 3) never shown");
        assertEquals(2, d.maxRepeats());
        assertEquals(51, d.responses().get(3, 1), "4th kept trial is presentation 5, neuron 1");
        assertEquals((10 * 3 + 1 * 3 + 2) / 255f, d.images().get(3, 1, 2), 1e-7);
        assertEquals(6, d.neuronPositions().orElseThrow().get(1, 0));
        assertEquals(60, d.neuronPositions().orElseThrow().get(1, 1));
        assertTrue(r.report().notes().stream().anyMatch(n -> n.contains("spont")));
        NeuronInfo info = d.neuronInfo().orElseThrow();
        assertFalse(info.hasInterneuronLabels(), "no redcell in this recording");
        assertEquals(3, info.centres().orElseThrow().get(2, 2), "depth of neuron 2 (med column 3)");
        assertEquals(70, info.centres().orElseThrow().get(2, 1));
    }

    @Test
    void natimg2800KeepsInterneuronLabelsAndCentres() throws IOException {
        natimgImages();
        recording(new double[] {1, 5, 2, 1, 5, 4, 2}, new double[] {0, 1, 0});
        ReadResult r = Formats.load(dir, null);
        NeuronInfo info = r.dataset().neuronInfo().orElseThrow();
        assertTrue(info.hasInterneuronLabels());
        assertArrayEquals(new int[] {1}, info.interneurons());
        assertArrayEquals(new float[] {6, 60, 2}, new float[] {info.centres().orElseThrow().get(1, 0),
                info.centres().orElseThrow().get(1, 1), info.centres().orElseThrow().get(1, 2)});
        assertTrue(r.report().notes().contains("redcell: 1 of 3 neurons labelled interneurons (dataset neuron info)"), r.report().notes().toString());
        // labels that do not fit the neurons are noted and left out, not guessed
        recording(new double[] {1, 5, 2, 1, 5, 4, 2}, new double[] {0, 1});
        ReadResult wrong = Formats.load(dir, null);
        assertFalse(wrong.dataset().neuronInfo().orElseThrow().hasInterneuronLabels());
        assertTrue(wrong.report().notes().stream().anyMatch(n -> n.startsWith("redcell ") && n.contains("ignored")), wrong.report().notes().toString());
    }

    @Test
    void natimg2800WithoutGrayTrialsOrWithImagesElsewhere() throws IOException {
        Path imgs = natimgImages();
        Path other = Files.createDirectory(dir.resolve("images"));
        Files.move(imgs, other.resolve("imgs.mat"));
        Path rec = recording(new double[] {1, 2, 3, 4});
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(rec, null)),
                dir.resolve("images_natimg2800_all.mat"), "missing");
        ReadResult r = Formats.load(rec, ReadOptions.defaults().withImagesFile(other.resolve("imgs.mat")));
        assertEquals(4, r.dataset().trialCount());
        assertEquals(0, r.report().excludedTrials());
    }

    @Test
    void natimg2800BadIstim() throws IOException {
        natimgImages();
        Path rec = recording(new double[] {1, 6, 2});
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), rec, "istim 6");
        recording(new double[] {1, 0.5, 2});
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), rec, "whole numbers");
        write(rec, "stim", struct("resp", singles(new int[] {3, 2}, new double[6]), "istim", doubles(new int[] {2, 1}, 1, 2)));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), rec, "2 entries but stim.resp");
        write(rec, "stim", struct("istim", doubles(new int[] {2, 1}, 1, 2)));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), rec, "no field 'resp'");
        write(rec, "stim", doubles(new int[] {1, 1}, 1));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), rec, "expected a struct");
    }

    @Test
    void dinaMatlab5() throws IOException {
        // images [2, 2, 3] column-major, responses [2, 3]
        write(dir.resolve("images.mat"), "images", doubles(new int[] {2, 2, 3}, range(12, 1)));
        write(dir.resolve("responses.mat"), "responses", doubles(new int[] {2, 3}, 1, 2, 3, 4, 5, 6));
        Dataset d = Formats.read(dir, null);
        assertEquals(2, d.imageCount());
        assertEquals(2, d.height());
        assertEquals(3, d.width());
        assertEquals(6, d.responses().get(1, 2));
        // image 1, pixel (0, 2) = column-major index 1 + 2*0 + 4*2 = 9, of 0..11
        assertEquals(9 / 11f, d.images().get(1, 0, 2), 1e-7);
    }

    @Test
    void dinaBadVariables() throws IOException {
        Path images = write(dir.resolve("images.mat"), "images", doubles(new int[] {2, 2, 3}, range(12, 1)));
        Path responses = write(dir.resolve("responses.mat"), "responses", doubles(new int[] {3, 2}, range(6, 1)));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), responses, "transposed");
        write(responses, "resp", doubles(new int[] {2, 3}, range(6, 1)));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), responses,
                "no variable 'responses'");
        write(images, "images", struct("a", doubles(new int[] {1, 1}, 1)));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), images, "must be numbers");
        write(images, "images", new TextCell("a", "b"));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), images, "must be numbers");
        write(images, "images", doubles(new int[] {0, 0}));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), images, "empty");
        double[] px = range(12, 1);
        px[5] = Double.NaN;
        write(images, "images", doubles(new int[] {2, 2, 3}, px));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), images, "non-finite pixel");
    }

    @Test
    void categories() throws IOException {
        Path f = write(dir.resolve("classes.mat"), "class_assignment", uint8(new int[] {1, 4}, 0, 2, 1, 2),
                "class_names", new TextCell("unknown", "cats", "mice"));
        Categories c = Categories.read(f);
        assertEquals(java.util.List.of("unknown", "cats", "mice"), c.names());
        assertArrayEquals(new int[] {0, 2, 1, 2}, c.labels());
        write(f, "class_assignment", uint8(new int[] {1, 2}, 0, 3), "class_names", new TextCell("unknown", "cats", "mice"));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Categories.read(f)), f, "class 3");
        write(f, "class_assignment", uint8(new int[] {1, 2}, 0, 1));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Categories.read(f)), f, "no variable 'class_names'");
    }

    @Test
    void headerClaimingTrillionElementsFails() throws IOException {
        Path f = write(dir.resolve("images.mat"), "images", doubles(new int[] {1000000, 1000000}, range(100, 1)));
        assertTrue(Files.size(f) < 1100);
        write(dir.resolve("responses.mat"), "responses", doubles(new int[] {1, 1}, 1));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), f, "claims dimensions");
    }

    @Test
    void truncatedAndForeignFilesFail() throws IOException {
        Path f = write(dir.resolve("images.mat"), "images", doubles(new int[] {2, 2, 3}, range(12, 1)));
        write(dir.resolve("responses.mat"), "responses", doubles(new int[] {2, 3}, range(6, 1)));
        byte[] b = Files.readAllBytes(f);
        for (int cut : new int[] {b.length - 5, 200, 150, 130, 100, 0}) {
            Files.write(f, Arrays.copyOf(b, cut));
            assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), f, "");
        }
        Files.writeString(f, "x".repeat(300));
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), f, "not a MATLAB");
        byte[] v4 = Arrays.copyOf(b, b.length);
        v4[125] = 2; // version 0x0200
        Files.write(f, v4);
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), f, "unsupported MAT-file");
        byte[] hdf = new byte[600];
        System.arraycopy(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 0, hdf, 0, 8);
        Files.write(f, hdf);
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), f, "plain HDF5");
        byte[] fake73 = Arrays.copyOf("MATLAB 7.3 MAT-file, Platform: test".getBytes(), 2000);
        Files.write(f, fake73);
        assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), f, "corrupt MATLAB 7.3");
    }

    @Test
    void truncatedMatlab73FixtureFails() throws IOException {
        Path src = SharedData.require("fixtures/formats/dina-v73");
        Files.copy(src.resolve("images.mat"), dir.resolve("images.mat"));
        byte[] r = Files.readAllBytes(src.resolve("responses.mat"));
        Path f = dir.resolve("responses.mat");
        for (int cut : new int[] {r.length - 100, r.length / 2, 5000, 1000, 600}) {
            Files.write(f, Arrays.copyOf(r, cut));
            assertOneLineAbout(assertThrows(DataFormatException.class, () -> Formats.read(dir, null)), f, "");
        }
    }
}
