package org.dina.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColorMapTest {

    @Test
    void endpointsClampingAndMissingValues() {
        assertEquals(0x440154, ColorMap.VIRIDIS.rgb(0));
        assertEquals(0xFDE725, ColorMap.VIRIDIS.rgb(1));
        assertEquals(ColorMap.VIRIDIS.rgb(1), ColorMap.VIRIDIS.rgb(7));
        assertEquals(ColorMap.VIRIDIS.rgb(0), ColorMap.VIRIDIS.rgb(-3));
        assertEquals(Palette.MISSING.getRGB() & 0xFFFFFF, ColorMap.VIRIDIS.rgb(Double.NaN));
        assertEquals(0xF7F7F7, ColorMap.DIVERGING.rgb(0.5));
        assertEquals(0x808080, ColorMap.GRAY.rgb(0.5), 0x010101);
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
        assertEquals(0x0072B2, Palette.series(0).getRGB() & 0xFFFFFF);
        for (int i = 0; i < Palette.seriesCount(); i++) {
            for (int j = i + 1; j < Palette.seriesCount(); j++) assertNotEquals(Palette.series(i), Palette.series(j));
        }
        assertEquals(Palette.series(0), Palette.series(Palette.seriesCount()));
    }

    @Test
    void colourScaleOfConstantValuesStillWorks() {
        ColorScale s = ColorScale.over(ColorMap.VIRIDIS, new Extent(false).add(2).add(2), "v", false);
        assertEquals(0.5, s.t(2), 1e-12);
        ColorScale d = ColorScale.over(ColorMap.DIVERGING, new Extent(false).add(-1).add(3), "v", true);
        assertEquals(0.5, d.t(0), 1e-12);
    }
}
