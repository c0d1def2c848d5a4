package org.dina.analysis;

import java.util.Map;

/**
 * Everything {@code dina analyze} found, one result per claim, the ground-truth checks on simulated data
 * ({@code null} otherwise) and the seconds each analysis took.
 */
public record AnalysisResults(String protocol, int candidates, int allCandidates, int queries,
                              ManipulationAnalysis.Result manipulations, SemanticAnalysis.Result semantic,
                              SpatialAnalysis.Result spatial, NeuronAnalysis.Result neurons,
                              InteractionAnalysis.Result interactions, GroundTruthChecks groundTruth,
                              Map<String, Double> seconds) {}
