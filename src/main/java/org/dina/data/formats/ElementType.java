package org.dina.data.formats;

/** Element type of an array read from a data file, as far as the readers care. */
public enum ElementType {
    BOOL(false, true, 1),
    INT8(true, true, 127), UINT8(true, true, 255),
    INT16(true, true, Short.MAX_VALUE), UINT16(true, true, 65535),
    INT32(true, true, Integer.MAX_VALUE), UINT32(true, true, 4294967295.0),
    INT64(true, true, Long.MAX_VALUE), UINT64(true, true, 18446744073709551615.0),
    FLOAT32(true, false, Float.MAX_VALUE), FLOAT64(true, false, Double.MAX_VALUE),
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

    /** Holds numbers that can stand for pixels or responses (booleans and text do not). */
    public boolean isNumeric() { return numeric; }

    /** An integer type (including bool). */
    public boolean isInteger() { return integer; }

    /** Largest value the type can hold. */
    public double maxValue() { return max; }
}
