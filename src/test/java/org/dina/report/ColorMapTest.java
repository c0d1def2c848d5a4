package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class ColorMapTest {

    @Test
    void endpointsClampingAndMissingValues() {
        assertEquals(0x440154, ColorMap.VIRIDIS.rgb(0));
        assertEquals(0xFDE725, ColorMap.VIRIDIS.rgb(1));
        assertEquals(ColorMap.VIRIDIS.rgb(1), ColorMap.VIRIDIS.rgb(7));
        assertEquals(ColorMap.VIRIDIS.rgb(0), ColorMap.VIRIDIS.rgb(-3));
        assertEquals(Theme.MISSING.getRGB() & 0xFFFFFF, ColorMap.VIRIDIS.rgb(Double.NaN));
        assertEquals(0xF7F7F7, ColorMap.DIVERGING.rgb(0.5));
        // halfway between two stops is their channel-wise mean
        assertEquals(0x46, ColorMap.VIRIDIS.rgb(0.5 / 9) >> 16 & 255, 1);
    }

    @Test
    void viridisGetsSteadilyBrighter() {
        double prev = -1;
        for (int i = 0; i <= 100; i++) {
            double l = Pixels.luminance(ColorMap.VIRIDIS.rgb(i / 100.0));
            assertTrue(l > prev, "luminance must rise, at t=" + i / 100.0);
            prev = l;
        }
    }

    @Test
    void seriesColoursAreDistinctOkabeIto() {
        assertEquals(0x0072B2, Theme.series(0).getRGB() & 0xFFFFFF);
        for (int i = 0; i < 8; i++) {
            for (int j = i + 1; j < 8; j++) assertNotEquals(Theme.series(i), Theme.series(j));
        }
        assertEquals(Theme.series(0), Theme.series(8));
    }

    @Test
    void colourScaleOfConstantValuesStillWorksAndDivergingCentresOnZero() {
        ColorScale s = ColorScale.of(ColorMap.VIRIDIS, new double[] {2, 2, Double.NaN}, "v");
        assertEquals(new Color(ColorMap.VIRIDIS.rgb(0.5)), s.getPaint(2));
        ColorScale d = ColorScale.of(ColorMap.DIVERGING, new double[] {-1, 3}, "v");
        assertEquals(-3, d.getLowerBound(), 0);
        assertEquals(new Color(0xF7F7F7), d.getPaint(0));
        assertEquals(new Color(ColorMap.DIVERGING.rgb(Double.NaN)), d.getPaint(Double.NaN));
    }
}
