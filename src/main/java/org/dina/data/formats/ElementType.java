package org.dina.data.formats;

/** Element type of an array read from a data file, as far as the readers care. */
public enum ElementType {
    /** Booleans (numpy {@code '?'}, MATLAB logical). */
    BOOL(false, true, 1),
    /** Signed 8-bit integers. */
    INT8(true, true, 127),
    /** Unsigned 8-bit integers. */
    UINT8(true, true, 255),
    /** Signed 16-bit integers. */
    INT16(true, true, Short.MAX_VALUE),
    /** Unsigned 16-bit integers. */
    UINT16(true, true, 65535),
    /** Signed 32-bit integers. */
    INT32(true, true, Integer.MAX_VALUE),
    /** Unsigned 32-bit integers. */
    UINT32(true, true, 4294967295.0),
    /** Signed 64-bit integers. */
    INT64(true, true, Long.MAX_VALUE),
    /** Unsigned 64-bit integers. */
    UINT64(true, true, 18446744073709551615.0),
    /** IEEE single precision. */
    FLOAT32(true, false, Float.MAX_VALUE),
    /** IEEE double precision. */
    FLOAT64(true, false, Double.MAX_VALUE),
    /** Text (numpy {@code '<U'}, MATLAB char). */
    TEXT(false, false, 0),
    /** Anything else (structs, cells, objects, complex numbers...). */
    OTHER(false, false, 0);

    private final boolean numeric, integer;
    private final double max;

    ElementType(boolean numeric, boolean integer, double max) {
        this.numeric = numeric;
        this.integer = integer;
        this.max = max;
    }

    /** {@return whether it holds numbers that can stand for pixels or responses} Booleans and text do not. */
    public boolean isNumeric() { return numeric; }

    /** {@return whether it is an integer type (bool included)} */
    public boolean isInteger() { return integer; }

    /** {@return the largest value the type can hold} */
    public double maxValue() { return max; }
}
