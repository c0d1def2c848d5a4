package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AxisTest {

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, Axis.niceStep(1.04), 1e-12);
        assertEquals(2, Axis.niceStep(2.2), 1e-12);
        assertEquals(5, Axis.niceStep(4), 1e-12);
        assertEquals(10, Axis.niceStep(8), 1e-12);
        assertEquals(0.02, Axis.niceStep(0.017), 1e-15);
        assertEquals(5e8, Axis.niceStep(4.1e8), 1);
    }

    @Test
    void labelsUseTheDecimalsTheStepNeeds() {
        assertEquals("0.5", Axis.format(0.5, 0.1));
        assertEquals("0.25", Axis.format(0.25, 0.05));
        assertEquals("20", Axis.format(20, 10));
        assertEquals("-3", Axis.format(-3, 1));
        assertEquals("0", Axis.format(0, 0.2));
        assertEquals("1e6", Axis.format(1e6, 2e5));
        assertEquals("1.2e6", Axis.format(1.2e6, 2e5));
        assertEquals("2.5e-7", Axis.format(2.5e-7, 5e-8));
        assertEquals("1e10", Axis.format(9.9999999e9, 1e9));
    }

    @Property(tries = 150)
    void ticksLieInsideTheAxisAndAreOrdered(@ForAll @DoubleRange(min = -1e9, max = 1e9) double a,
                                            @ForAll @DoubleRange(min = 1, max = 10) double mantissa,
                                            @ForAll @IntRange(min = -9, max = 9) int exponent) {
        double span = mantissa * Math.pow(10, exponent);
        Axis axis = Axis.linear(a, a + span, 0.05);
        List<Axis.Tick> ticks = axis.ticks(6);
        double prev = Double.NEGATIVE_INFINITY;
        for (Axis.Tick t : ticks) {
            assertTrue(t.value() >= axis.lo - 1e-9 * Math.abs(axis.lo) - 1e-300 && t.value() <= axis.hi + 1e-9 * Math.abs(axis.hi));
            assertTrue(t.value() > prev);
            assertFalse(t.label().isEmpty());
            prev = t.value();
        }
        assertTrue(ticks.size() <= 40);
    }

    @Test
    void ordinaryRangesGetAHandfulOfTicks() {
        List<Axis.Tick> ticks = Axis.linear(0.3, 5.0, 0.05).ticks(6);
        assertTrue(ticks.size() >= 4 && ticks.size() <= 8, "got " + ticks);
        assertEquals("1", ticks.get(0).label());
    }

    @Test
    void constantDataIsWidenedAroundTheValue() {
        Axis a = Axis.linear(3, 3, 0.05);
        assertTrue(a.lo < 3 && a.hi > 3);
        assertEquals(0.5, a.fraction(3), 1e-9);
        Axis zero = Axis.linear(0, 0, 0);
        assertEquals(-1, zero.lo, 1e-12);
        assertEquals(1, zero.hi, 1e-12);
    }

    @Test
    void tinyRangeFarFromZeroDoesNotLoopForever() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            Axis a = Axis.linear(1e16, 1e16 + 2, 0.05);
            assertTrue(a.ticks(6).size() <= 40);
            Axis b = Axis.linear(1, 1 + 1e-14, 0.05);
            assertTrue(b.ticks(6).size() <= 40);
        });
    }

    @Test
    void logAxisLabelsDecades() {
        Axis a = Axis.log(1e-5, 1e-2, 0.04);
        List<String> labels = a.ticks(6).stream().filter(Axis.Tick::major).map(Axis.Tick::label).toList();
        assertEquals(List.of("1e-5", "1e-4", "1e-3", "1e-2"), labels);
        assertEquals(Double.NaN, a.fraction(0), 0);
        Axis b = Axis.log(1, 1000, 0);
        assertEquals(List.of("1", "10", "100", "1000"),
                b.ticks(6).stream().filter(Axis.Tick::major).map(Axis.Tick::label).toList());
        assertEquals(0.5, Axis.log(10, 1000, 0).fraction(100), 1e-12);
    }

    @Test
    void logAxisWithinOneDecadeStillHasLabels() {
        Axis a = Axis.log(2, 7, 0.05);
        assertTrue(a.ticks(6).stream().filter(Axis.Tick::major).count() >= 2);
    }

    @Test
    void invertedAxisKeepsTicksAndMapsTopToOne() {
        Axis rows = Axis.integers(15.5, -0.5);
        assertEquals(1, rows.fraction(-0.5), 1e-12);
        assertFalse(rows.ticks(5).isEmpty());
        for (Axis.Tick t : rows.ticks(5)) assertEquals(Math.rint(t.value()), t.value(), 0);
    }
}
