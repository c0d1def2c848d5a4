package org.dina.data.formats;

import java.nio.file.Path;

/** Values already copied out of a file into a double array, in C order, so the shared checks and copies apply. */
record DoubleArray(Path file, String name, int[] shape, ElementType type, double[] values) implements NdArray {
    @Override public boolean fortranOrder() { return false; }
    @Override public double getDouble(long i) { return values[Math.toIntExact(i)]; }
    @Override public int[] shape() { return shape.clone(); }
}
