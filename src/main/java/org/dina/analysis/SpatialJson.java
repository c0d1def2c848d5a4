package org.dina.analysis;

import java.util.Locale;

/**
 * The spatial analysis of analysis.json: alignability of the 16x64 map cells (matched, mismatched, specific), the
 * regions they form, occlusion of image and map cells, and the example shown in the report.
 *
 * @param mapShape rows and columns of the map
 */
public record SpatialJson(int[] mapShape, double matchedCosine, double[][] alignabilityMatched, double[][] alignabilityMismatched,
                          double[][] alignabilitySpecific, Regions regions, Occlusion imageOcclusion, Occlusion mapOcclusion,
                          Example example) {

    /** Connected regions of a map by {@code rule}: the threshold used and each region's size in cells. */
    public record Regions(String rule, double threshold, int count, int[] sizes) {
        static Regions of(ConnectedComponents.Regions g, String rule) {
            return new Regions(rule, g.threshold(), g.count(), g.sizes());
        }
    }

    /** What occluding each cell of a grid costs, and the regions of the largest costs. */
    public record Occlusion(String how, int[] grid, double[][] top1Drop, double[][] top5Drop, double[][] marginDrop,
                            double[][] meanRankIncrease, Regions regions) {
        static Occlusion of(SpatialAnalysis.Occlusion o, String how) {
            return new Occlusion(how, new int[] {o.rows(), o.cols()}, o.top1Drop(), o.top5Drop(), o.marginDrop(), o.meanRankIncrease(),
                    Regions.of(o.regions(), "cells whose margin drop exceeds half the largest drop, 4-connected"));
        }
    }

    /** The candidate image and the query trial the report draws. */
    public record Example(int candidate, int query) {}

    static SpatialJson of(SpatialAnalysis.Result r) {
        return new SpatialJson(new int[] {SpatialAnalysis.H, SpatialAnalysis.W}, r.matchedCosine(), r.matched(), r.mismatched(), r.specific(),
                Regions.of(r.regions(), "specific alignability above half its maximum, 4-connected, at least 2 cells"),
                Occlusion.of(r.imageOcclusion(), "image cells replaced by grey " + String.format(Locale.ROOT, "%.3f", r.fillValue())
                        + " (mean candidate pixel), candidates re-embedded"),
                Occlusion.of(r.mapOcclusion(), "neural-map cells zeroed and the query re-normalised before scoring"),
                new Example(r.exampleCandidate(), r.exampleQuery()));
    }
}
