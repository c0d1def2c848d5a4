package org.dina.data.formats;

import java.nio.file.Path;

/**
 * A read-only n-dimensional array from a data file (numpy .npy, MATLAB 5.0 or 7.3), in its logical shape (as numpy
 * or MATLAB report it) and its storage order: C order (last index fastest) or Fortran/MATLAB order (first index
 * fastest). Elements are addressed by their storage index; {@link #strides()} turns logical indices into it.
 */
public interface NdArray {
    /** The file the array comes from, for messages. */
    Path file();

    /** The variable or file name, for messages. */
    String name();

    /** Logical shape, as numpy or MATLAB shows it. */
    int[] shape();

    /** True when the first index varies fastest in storage (MATLAB, numpy fortran_order). */
    boolean fortranOrder();

    ElementType type();

    /** The element at storage position {@code i} ({@code 0 <= i < size()}) as a double. */
    double getDouble(long i);

    default int rank() { return shape().length; }

    default int dim(int i) { return shape()[i]; }

    default long size() {
        long n = 1;
        for (int d : shape()) n *= d;
        return n;
    }

    /** Element strides of each logical dimension in storage. */
    default long[] strides() {
        int[] s = shape();
        long[] st = new long[s.length];
        long acc = 1;
        if (fortranOrder()) {
            for (int i = 0; i < s.length; i++) { st[i] = acc; acc *= s[i]; }
        } else {
            for (int i = s.length - 1; i >= 0; i--) { st[i] = acc; acc *= s[i]; }
        }
        return st;
    }

    /** A short description for messages: {@code name [2, 3] float64}. */
    default String describe() {
        return name() + " " + java.util.Arrays.toString(shape()) + " " + type().name().toLowerCase(java.util.Locale.ROOT);
    }
}
