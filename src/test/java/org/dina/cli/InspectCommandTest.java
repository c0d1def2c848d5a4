package org.dina.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectCommandTest {
    @TempDir Path dir;

    /** Runs {@code dina inspect args} through Main's command line (inspect registered the way Main will). */
    private record Run(int code, String out, String err) { }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "inspect";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = cl.execute(full);
        return new Run(code, out.toString(), err.toString());
    }

    /** A little-endian float32 .npy file. */
    private static void npy(Path file, int[] shape, float... v) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) dims.append(d).append(", ");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().strip() + "), }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length() + pad + 1 + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) (dict.length() + pad + 1));
        b.put(dict.getBytes()).put(" ".repeat(pad).getBytes()).put((byte) '\n');
        for (float x : v) b.putFloat(x);
        Files.write(file, b.array());
    }

    @Test
    void textSummaryOfAnNpyFolder() throws IOException {
        npy(dir.resolve("images.npy"), new int[] {2, 4}, 0, 1, 2, 3, 4, 5, 6, 8);
        npy(dir.resolve("responses.npy"), new int[] {3, 2, 1}, 1, 2, Float.NaN, 4, 5, 6);
        Run r = run(dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("format      npy"), r.out());
        assertTrue(r.out().contains("images      2 of 2x2"), r.out());
        assertTrue(r.out().contains("trials      5, repeats per image 2..3"), r.out());
        assertTrue(r.out().contains("1 trials with NaN responses"), r.out());
        assertTrue(r.out().contains("tiers       none"), r.out());
        assertTrue(r.out().contains("responses   1.000..6.000"), r.out());
    }

    @Test
    void jsonSummary() throws IOException {
        npy(dir.resolve("images.npy"), new int[] {2, 6}, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12);
        npy(dir.resolve("responses.npy"), new int[] {2, 1}, 1, 3);
        Run bad = run(dir.toString(), "--json");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("not square"), bad.err());
        Run r = run(dir.toString(), "--json", "--image-shape", "2x3", "--format", "npy");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("npy", j.get("format").asText());
        assertEquals(2, j.get("images").get("count").asInt());
        assertEquals(3, j.get("images").get("width").asInt());
        assertEquals(1.0, j.get("images").get("max").asDouble());
        assertEquals(12.0, j.get("images").get("rawMax").asDouble());
        assertEquals(2, j.get("trials").asInt());
        assertEquals(2.0, j.get("responses").get("mean").asDouble());
        assertTrue(j.get("tiers").isNull());
    }

    @Test
    void badInputIsOneLineOnStderrAndExitCode2() throws IOException {
        Run missing = run(dir.resolve("absent").toString());
        assertEquals(2, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("dina: " + dir.resolve("absent")), missing.err());
        assertTrue(missing.out().isEmpty());

        npy(dir.resolve("images.npy"), new int[] {1, 1, 2}, 0, 1);
        Files.write(dir.resolve("responses.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 50, 0, '{'});
        Run corrupt = run(dir.toString());
        assertEquals(2, corrupt.code());
        assertEquals(1, corrupt.err().strip().lines().count(), corrupt.err());
        assertTrue(corrupt.err().contains(dir.resolve("responses.npy").toString()), corrupt.err());

        Run shape = run(dir.toString(), "--image-shape", "12by3");
        assertEquals(2, shape.code());
        assertTrue(shape.err().contains("--image-shape"), shape.err());
        Run fmt = run(dir.toString(), "--format", "nope");
        assertEquals(2, fmt.code());
        assertTrue(fmt.err().contains("unknown format 'nope'"), fmt.err());
    }

    @Test
    void sharedFixturesInspect() {
        Path shared = sharedFixtures();
        Run r = run(shared.resolve("sensorium").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"train\" : 18"), r.out());
        Run n = run(shared.resolve("natimg2800").toString());
        assertEquals(0, n.code(), n.err());
        assertTrue(n.out().contains("trials      120, repeats per image 2..2"), n.out());
        assertTrue(n.out().contains("8 left out on purpose"), n.out());
        assertTrue(n.out().contains("positions: cortical"), n.out());
    }

    private static Path sharedFixtures() {
        String prop = System.getProperty("dina.shared");
        Path p = prop == null ? null : Path.of(prop, "fixtures/formats");
        if (p == null || !Files.isDirectory(p)) {
            String env = System.getenv("DINA_SHARED");
            p = env == null ? p : Path.of(env, "fixtures/formats");
        }
        assumeTrue(p != null && Files.isDirectory(p), "shared fixtures absent (" + p + "); skipping");
        return p;
    }
}
