package org.dina.analysis;

/**
 * Claim 3's test in analysis.json: cells of the specific alignability map above the permutation null, the regions
 * they form with an interval, and how the region count moves with the threshold.
 */
public record SpatialNullJson(String method, double threshold, int significantCells, double significantCellsLeftHalfShare,
                              int regions, double[] regionPeaks, double[] regionsCi95, double pSecondRegion, int permutations,
                              ThresholdSensitivity thresholdSensitivity) {

    /** Region counts with their intervals at each threshold, as a fraction of the map's maximum. */
    public record ThresholdSensitivity(double[] fractionOfMax, int[] regions, double[] regionsCi95Low, double[] regionsCi95High) {}

    static SpatialNullJson of(SpatialRegionNull.Result r) {
        return new SpatialNullJson("specific alignability map against image-label permutations; cells above the 95th percentile"
                + " of the permuted maps' maximum", r.threshold(), r.significantCells(), r.leftHalfShare(), r.regions(), r.regionPeaks(),
                new double[] {r.ciLow(), r.ciHigh()}, r.p(), r.permutations(),
                new ThresholdSensitivity(r.fractions(), r.countsByFraction(), r.countsLow(), r.countsHigh()));
    }
}
