package org.dina.analysis;

import java.util.List;
import java.util.Map;
import org.dina.data.SplitProtocol;

/**
 * Everything {@code dina analyze} found, one result per claim, the ground-truth checks on simulated data
 * ({@code null} otherwise), the seconds each analysis took, the claim tests' own statistics and the verdict per claim.
 *
 * @param receptiveFields the ridge encoder's receptive fields against the alignability map
 * @param retrained the models retrained on subsets of neurons; null unless asked for ({@code --retrain-subsets})
 * @param seeds     the claims of this run and its repeats with other seeds combined; null unless {@code --seeds K > 1}
 */
public record AnalysisResults(SplitProtocol protocol, int candidates, int allCandidates, int queries,
                              ManipulationAnalysis.Result manipulations, SemanticAnalysis.Result semantic,
                              SpatialAnalysis.Result spatial, NeuronAnalysis.Result neurons,
                              InteractionAnalysis.Result interactions, GroundTruthChecks groundTruth,
                              Map<String, Double> seconds, CoarseVsFine.Result coarseVsFine,
                              SpatialRegionNull.Result spatialNull, ReceptiveFields.Result receptiveFields, List<Claim> claims,
                              SubsetRetraining.Result retrained, ClaimsAcrossSeeds seeds) {

    /** The same results with the claims across seeds attached. */
    public AnalysisResults withSeeds(ClaimsAcrossSeeds combined) {
        return new AnalysisResults(protocol, candidates, allCandidates, queries, manipulations, semantic, spatial, neurons, interactions,
                groundTruth, seconds, coarseVsFine, spatialNull, receptiveFields, claims, retrained, combined);
    }

    /** The run's neural-to-image top-1 on the analysed task (candidates and queries as above). */
    public double top1() {
        return manipulations.unmanipulated().top1();
    }
}
