package org.dina.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One axis: a data interval (linear or log10), the "nice" tick values on it and their labels. */
final class Axis {
    /** A tick: its data value, its label (empty = unlabelled minor tick). */
    record Tick(double value, String label) {
        boolean major() {
            return !label.isEmpty();
        }
    }

    private static final int MAX_TICKS = 40;

    final double lo, hi;
    final boolean log;
    private final boolean integerTicks;

    private Axis(double lo, double hi, boolean log, boolean integerTicks) {
        this.lo = lo;
        this.hi = hi;
        this.log = log;
        this.integerTicks = integerTicks;
    }

    /**
     * A linear axis covering [{@code min}, {@code max}] plus {@code pad} of the span on each side. A zero or
     * vanishing span (constant data) is widened so the data sits in the middle instead of collapsing the axis.
     */
    static Axis linear(double min, double max, double pad) {
        double[] r = widen(min, max);
        double span = r[1] - r[0];
        return new Axis(r[0] - pad * span, r[1] + pad * span, false, false);
    }

    /** A linear axis over exactly [{@code lo}, {@code hi}] (no padding) whose ticks are whole numbers. */
    static Axis integers(double lo, double hi) {
        return new Axis(lo, hi, false, true);
    }

    /** A linear axis over exactly [{@code lo}, {@code hi}] (widened only if empty). */
    static Axis exact(double lo, double hi) {
        double[] r = widen(lo, hi);
        return new Axis(r[0], r[1], false, false);
    }

    /** A log10 axis covering the positive interval [{@code min}, {@code max}], padded by {@code pad} of its decades. */
    static Axis log(double min, double max, double pad) {
        if (!(min > 0) || !(max > 0)) throw new IllegalArgumentException("log axis needs positive values");
        double a = Math.log10(min), b = Math.log10(max);
        if (b - a < 1e-9) {
            a -= 0.5;
            b += 0.5;
        }
        double span = b - a;
        return new Axis(Math.pow(10, a - pad * span), Math.pow(10, b + pad * span), true, false);
    }

    private static double[] widen(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) throw new IllegalArgumentException("axis range must be finite");
        double scale = Math.max(Math.abs(min), Math.abs(max));
        if (max - min <= scale * 1e-12 || max - min < Double.MIN_NORMAL) {
            double half = scale > 0 ? scale * 0.1 : 1;
            double mid = (min + max) / 2;
            return new double[] {mid - half, mid + half};
        }
        return new double[] {min, max};
    }

    /** Where {@code v} lies along the axis: 0 at {@code lo}, 1 at {@code hi}; NaN for impossible values. */
    double fraction(double v) {
        if (log) {
            if (!(v > 0)) return Double.NaN;
            return (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        }
        return (v - lo) / (hi - lo);
    }

    /** This axis with its interval stretched to [{@code newLo}, {@code newHi}] (linear axes only). */
    Axis withRange(double newLo, double newHi) {
        return new Axis(newLo, newHi, log, integerTicks);
    }

    /** Ticks inside the axis, aiming for about {@code target} labelled ones. */
    List<Tick> ticks(int target) {
        return log ? logTicks(target) : linearTicks(target);
    }

    private List<Tick> linearTicks(int target) {
        double min = Math.min(lo, hi), max = Math.max(lo, hi); // an inverted axis (heatmap rows) has lo > hi
        double step = niceStep((max - min) / Math.max(1, target - 1));
        if (integerTicks) step = Math.max(1, step);
        List<Tick> ticks = new ArrayList<>();
        // index-based so a step tiny against the magnitude cannot loop forever
        double first = Math.ceil(min / step - 1e-9), last = Math.floor(max / step + 1e-9);
        if (last - first > MAX_TICKS) return ticks;
        double prev = Double.NaN;
        for (double i = first; i <= last; i++) {
            double v = i * step;
            if (Math.abs(v) < step * 1e-9) v = 0;
            if (v == prev) continue;
            ticks.add(new Tick(v, format(v, step)));
            prev = v;
        }
        return ticks;
    }

    private List<Tick> logTicks(int target) {
        int a = (int) Math.floor(Math.log10(lo)), b = (int) Math.ceil(Math.log10(hi));
        List<Tick> ticks = new ArrayList<>();
        int decades = b - a;
        int every = Math.max(1, (int) Math.ceil(decades / (double) Math.max(2, target)));
        for (int e = a; e <= b; e++) {
            for (int m = 1; m <= 9; m++) {
                double v = m * Math.pow(10, e);
                if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
                boolean labelled = (m == 1 && Math.floorMod(e, every) == 0) || (decades <= 2 && (m == 2 || m == 5));
                if (m == 1 || decades <= 6) ticks.add(new Tick(v, labelled ? formatLog(v) : ""));
            }
        }
        if (ticks.stream().filter(Tick::major).count() < 2) {
            // less than a decade: fall back to plain linear values, which a log axis places correctly too
            return new Axis(lo, hi, false, false).linearTicks(target);
        }
        boolean anyScientific = ticks.stream().anyMatch(t -> t.label().contains("e"));
        if (anyScientific) { // one notation per axis reads better than "0.001" next to "1e-4"
            ticks.replaceAll(t -> t.major() ? new Tick(t.value(), format(t.value(), t.value(), true)) : t);
        }
        return ticks;
    }

    /** The step among 1, 2, 5 x 10^k nearest to {@code raw} (geometric midpoints 1.5, 3, 7 decide). */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) return 1;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * mag;
    }

    /** Formats a tick value with as many decimals as the step needs; very large or small values in e-notation. */
    static String format(double v, double step) {
        return format(v, step, false);
    }

    private static String format(double v, double step, boolean forceScientific) {
        if (v == 0) return "0";
        double mag = Math.max(Math.abs(v), step);
        if (forceScientific || mag >= 1e5 || mag < 1e-3) {
            int e = (int) Math.floor(Math.log10(Math.abs(v)));
            int digits = Math.max(0, Math.min(6, e - (int) Math.floor(Math.log10(step) + 1e-9)));
            BigDecimal m = new BigDecimal(v / Math.pow(10, e)).setScale(digits, RoundingMode.HALF_EVEN).stripTrailingZeros();
            if (m.abs().compareTo(BigDecimal.TEN) >= 0) { // rounding carried into the next power of ten
                m = m.movePointLeft(1).stripTrailingZeros();
                e++;
            }
            return m.toPlainString() + "e" + e;
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String formatLog(double v) {
        if (v >= 1e-3 && v < 1e5) {
            return BigDecimal.valueOf(v).round(new java.math.MathContext(1)).stripTrailingZeros().toPlainString();
        }
        return format(v, v);
    }

    /** A short human label for any single value (legend text, bar annotations). */
    static String formatValue(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) return String.format(Locale.ROOT, "%.2e", v).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
