package org.dina.data.formats;

import java.nio.file.Path;

/**
 * A read-only n-dimensional array from a data file (numpy .npy, MATLAB 5.0 or 7.3), in its logical shape (as numpy
 * or MATLAB report it) and its storage order: C order (last index fastest) or Fortran/MATLAB order (first index
 * fastest). Elements are addressed by their storage index; {@link #strides()} turns logical indices into it.
 */
public interface NdArray {
    /** {@return the file the array comes from, for messages} */
    Path file();

    /** {@return the variable or file name, for messages} */
    String name();

    /** {@return the logical shape, as numpy or MATLAB shows it} */
    int[] shape();

    /** {@return true when the first index varies fastest in storage (MATLAB, numpy fortran_order)} */
    boolean fortranOrder();

    /** {@return the element type} */
    ElementType type();

    /**
     * One element as a double.
     *
     * @param i its storage position, {@code 0 <= i < size()}
     * @return its value
     * @throws IllegalStateException when the array holds no numbers (text, structs, ...)
     */
    double getDouble(long i);

    /** {@return the number of dimensions} */
    default int rank() { return shape().length; }

    /**
     * One dimension of the logical shape.
     *
     * @param i the dimension, from 0
     * @return its length
     */
    default int dim(int i) { return shape()[i]; }

    /** {@return the number of elements} */
    default long size() {
        long n = 1;
        for (int d : shape()) n *= d;
        return n;
    }

    /** {@return the storage stride, in elements, of each logical dimension} */
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

    /** {@return a short description for messages: {@code name [2, 3] float64}} */
    default String describe() {
        return name() + " " + java.util.Arrays.toString(shape()) + " " + type().name().toLowerCase(java.util.Locale.ROOT);
    }
}
