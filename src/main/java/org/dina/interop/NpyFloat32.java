package org.dina.interop;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dina.tensor.Tensor;
import org.dina.train.AtomicFiles;

/**
 * Writes a tensor as a NumPy .npy file (format 1.0, little-endian float32, C order), atomically, so that
 * {@code numpy.load} (and so PyTorch) reads exactly the values the towers saw.
 */
public final class NpyFloat32 {
    private NpyFloat32() {}

    public static void write(Path file, Tensor t) throws IOException {
        StringBuilder shape = new StringBuilder("(");
        for (int d : t.shape()) shape.append(d).append(", ");
        if (t.rank() > 1) shape.setLength(shape.length() - 2);
        else if (t.rank() == 1) shape.setLength(shape.length() - 1);
        shape.append(")");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        // magic (6) + version (2) + header length (2) + dict, padded with spaces and a newline to a multiple of 64
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10 + header.length()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                .putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).flip();
        Tensor c = t.contiguous();
        MemorySegment data = c.segment().asSlice(c.offset() * Float.BYTES, c.numel() * Float.BYTES);
        AtomicFiles.write(file, ch -> {
            AtomicFiles.writeFully(ch, head);
            AtomicFiles.writeFully(ch, data.asByteBuffer());
        });
    }
}
