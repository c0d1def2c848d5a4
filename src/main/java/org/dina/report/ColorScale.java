package org.dina.report;

import java.awt.Color;

/** A colour map stretched over a value interval, with the label its colour bar shows. */
record ColorScale(ColorMap map, double lo, double hi, String label) {
    ColorScale {
        if (!(hi - lo > Math.max(Math.abs(lo), Math.abs(hi)) * 1e-12)) { // constant data: centre it in the map
            double half = Math.max(Math.abs(lo), Math.abs(hi)) > 0 ? Math.max(Math.abs(lo), Math.abs(hi)) * 0.1 : 1;
            double mid = Double.isFinite(lo + hi) ? (lo + hi) / 2 : 0;
            lo = mid - half;
            hi = mid + half;
        }
    }

    /** A scale over the finite values of {@code e}, or symmetric around zero (diverging maps). */
    static ColorScale over(ColorMap map, Extent e, String label, boolean symmetric) {
        double lo = e.isEmpty() ? 0 : e.min(), hi = e.isEmpty() ? 1 : e.max();
        if (symmetric) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            lo = -m;
            hi = m;
        }
        return new ColorScale(map, lo, hi, label);
    }

    /** Position of {@code v} on the map, clamped to [0, 1] (NaN stays NaN). */
    double t(double v) {
        return Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
    }

    Color color(double v) {
        return map.color(t(v));
    }

    int rgb(double v) {
        return Double.isNaN(v) ? map.rgb(Double.NaN) : map.rgb(t(v));
    }
}
