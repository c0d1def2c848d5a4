package org.dina.analysis;

import java.util.List;
import java.util.Map;
import org.dina.data.SplitProtocol;

/**
 * Everything {@code dina analyze} found, one result per claim, the ground-truth checks on simulated data
 * ({@code null} otherwise), the seconds each analysis took, the claim tests' own statistics and the verdict per claim.
 */
public record AnalysisResults(SplitProtocol protocol, int candidates, int allCandidates, int queries,
                              ManipulationAnalysis.Result manipulations, SemanticAnalysis.Result semantic,
                              SpatialAnalysis.Result spatial, NeuronAnalysis.Result neurons,
                              InteractionAnalysis.Result interactions, GroundTruthChecks groundTruth,
                              Map<String, Double> seconds, CoarseVsFine.Result coarseVsFine,
                              SpatialRegionNull.Result spatialNull, List<Claim> claims) {}
