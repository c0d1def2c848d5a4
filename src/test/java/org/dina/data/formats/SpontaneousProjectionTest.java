package org.dina.data.formats;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.dina.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --spont-pcs K} on a natimg2800 recording: the top spontaneous direction is gone from every trial, nothing
 * else about the dataset changes, and asking for it without stim.spont, or for too many components, is a bad input.
 */
class SpontaneousProjectionTest {
    static final int P = 12, N = 6, T = 40, K = 4;
    @TempDir Path dir;

    /** A shared fluctuation along {@code u} dominates both spontaneous activity and the trials. */
    static final double[] U = {0.6, -0.3, 0.5, 0.2, -0.4, 0.3};

    /** Writes natimg2800_x.mat (stim.resp, stim.istim, stim.spont optional) and the image file; returns the recording. */
    static Path recording(Path dir, boolean withSpont) throws IOException {
        Random g = new Random(7);
        double[] resp = new double[P * N], spont = new double[T * N], istim = new double[P];
        for (int p = 0; p < P; p++) {
            istim[p] = p % K + 1;
            double shared = 5 * g.nextGaussian();
            for (int j = 0; j < N; j++) resp[p + P * j] = (p % K == j % K ? 1 : 0) + shared * U[j] + 0.05 * g.nextGaussian();
        }
        for (int t = 0; t < T; t++) {
            double shared = 5 * g.nextGaussian();
            for (int j = 0; j < N; j++) spont[t + T * j] = shared * U[j] + 0.1 * g.nextGaussian();
        }
        Mat5TestFiles.Struct stim = withSpont
                ? Mat5TestFiles.struct("resp", Mat5TestFiles.singles(new int[] {P, N}, resp), "istim",
                        Mat5TestFiles.doubles(new int[] {P, 1}, istim), "spont", Mat5TestFiles.singles(new int[] {T, N}, spont))
                : Mat5TestFiles.struct("resp", Mat5TestFiles.singles(new int[] {P, N}, resp), "istim",
                        Mat5TestFiles.doubles(new int[] {P, 1}, istim));
        Path rec = Mat5TestFiles.write(dir.resolve("natimg2800_x.mat"), "stim", stim);
        Mat5TestFiles.write(dir.resolve(Natimg2800Reader.IMAGES_FILE), "imgs",
                Mat5TestFiles.uint8(new int[] {3, 4, K}, Mat5TestFiles.range(3 * 4 * K, 1)));
        return rec;
    }

    @Test
    void theSharedSpontaneousDirectionIsProjectedOut() throws IOException {
        Path rec = recording(dir, true);
        Dataset plain = Formats.read(rec, null);
        ReadResult r = Formats.load(rec, ReadOptions.defaults().withSpontPcs(1));
        Dataset projected = r.dataset();
        assertEquals(plain.trialCount(), projected.trialCount());
        assertArrayEquals(plain.imageIds(), projected.imageIds());
        assertTrue(r.report().notes().stream().anyMatch(n -> n.startsWith("top 1 principal components of stim.spont")));
        // in z-scored units the shared direction is u scaled by 1/sd: its trace must vanish after the projection
        double before = alongShared(plain, false), after = alongShared(projected, true);
        assertTrue(before > 1, "the shared fluctuation dominates the raw trials: " + before);
        assertTrue(after < 0.05 * before, "projected out: " + after + " of " + before);
    }

    /** RMS over trials of the (centred) response along the shared direction, normalised to a unit vector. */
    private static double alongShared(Dataset d, boolean zScored) {
        double norm = 0;
        for (double u : U) norm += u * u;
        norm = Math.sqrt(norm);
        double[] mean = new double[N];
        for (int t = 0; t < d.trialCount(); t++) for (int j = 0; j < N; j++) mean[j] += d.responses().get(t, j) / d.trialCount();
        double s = 0;
        for (int t = 0; t < d.trialCount(); t++) {
            double dot = 0;
            for (int j = 0; j < N; j++) dot += (d.responses().get(t, j) - mean[j]) * U[j] / norm;
            s += dot * dot;
        }
        return Math.sqrt(s / d.trialCount());
    }

    @Test
    void withoutSpontaneousActivityOrWithTooManyComponentsItIsABadInput() throws IOException {
        Path rec = recording(dir, false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Formats.load(rec, ReadOptions.defaults().withSpontPcs(2)));
        assertTrue(e.getMessage().contains("needs stim.spont"), e.getMessage());
        Path other = dir.resolve("b");
        java.nio.file.Files.createDirectories(other);
        Path rec2 = recording(other, true);
        e = assertThrows(DataFormatException.class, () -> Formats.load(rec2, ReadOptions.defaults().withSpontPcs(N)));
        assertTrue(e.getMessage().contains("needs fewer components"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.defaults().withSpontPcs(-1));
    }
}
