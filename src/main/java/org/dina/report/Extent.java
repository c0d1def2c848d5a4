package org.dina.report;

/** The smallest and largest finite values seen so far (empty until the first one). */
final class Extent {
    private double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    private final boolean positiveOnly;

    /** {@code positiveOnly}: ignore values a log axis cannot show (≤ 0). */
    Extent(boolean positiveOnly) {
        this.positiveOnly = positiveOnly;
    }

    Extent add(double v) {
        if (Double.isFinite(v) && (!positiveOnly || v > 0)) {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return this;
    }

    Extent addAll(double[] values) {
        for (double v : values) add(v);
        return this;
    }

    boolean isEmpty() {
        return min > max;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }
}
