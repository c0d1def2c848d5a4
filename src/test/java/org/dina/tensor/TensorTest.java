package org.dina.tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorTest {
    @Test
    void viewsShareMemory() {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        assertEquals(5f, t.get(1, 2));
        Tensor tr = t.transpose(0, 1);
        assertArrayEquals(new int[] {3, 2}, tr.shape());
        assertEquals(5f, tr.get(2, 1));
        assertFalse(tr.isContiguous());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, tr.toArray());
        Tensor row = t.slice(0, 1, 2);
        row.set(9f, 0, 0);
        assertEquals(9f, t.get(1, 0));
        assertArrayEquals(new int[] {3, 2}, t.reshape(-1, 2).shape());
    }

    @Test
    void shapeErrorsNameTheShapes() {
        Tensor t = Tensor.zeros(2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> t.requireShape("Linear fc1", 2, 4));
        assertTrue(e.getMessage().contains("Linear fc1") && e.getMessage().contains("[2, 4]") && e.getMessage().contains("[2, 3]"));
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
    }

    @Test
    void memoryMapsFloatFilesWithoutCopying(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.bin");
        ByteBuffer b = ByteBuffer.allocate(8 + 6 * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(42);
        for (int i = 0; i < 6; i++) b.putFloat(i * 0.5f);
        Files.write(f, b.array());
        try (Arena arena = Arena.ofConfined()) {
            Tensor t = Tensor.mapFile(arena, f, 8, 2, 3);
            assertEquals(2.5f, t.get(1, 2));
            assertThrows(IOException.class, () -> Tensor.mapFile(arena, f, 8, 3, 3));
        }
    }
}
