package org.dina.analysis;

/** The checks of analysis.json against a simulated recording's known truth ({@link GroundTruthChecks}). */
public record GroundTruthJson(double attributionAucDrivenVsUndriven, double attributionAucSparseVsRest, double meanRankFromTopDriven,
                              double meanRankFromTopUndriven, double hubsDrivenShare, double populationDrivenShare,
                              double alignabilityVsRfDensityPearson, double alignabilityInsideRfRegion, double alignabilityOutsideRfRegion,
                              double medianPreferredSfCyclesPerImageWidth, double[][] rfDensity) {
    static GroundTruthJson of(GroundTruthChecks g) {
        return new GroundTruthJson(g.attributionAucDriven(), g.attributionAucSparse(), g.meanRankDriven(), g.meanRankUndriven(),
                g.hubsDriven(), g.drivenShare(), g.alignabilityVsDensity(), g.alignabilityInside(), g.alignabilityOutside(),
                g.medianPreferredSf(), g.rfDensity());
    }
}
