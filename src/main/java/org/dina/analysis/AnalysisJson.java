package org.dina.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;
import org.dina.eval.RetrievalJson;

/**
 * {@code analysis.json}: the task the analyses re-score, the verdict per claim, then every analysis with every number
 * the report shows, and the seconds each took. Written through {@link org.dina.train.ResultJson} (snake_case keys in
 * this order; non-finite numbers as null).
 *
 * @param seeds                  absent unless the claims were repeated over seeds ({@code --seeds K})
 * @param neuronSubsetsRetrained absent unless the model was retrained on subsets of neurons ({@code --retrain-subsets})
 * @param groundTruth            absent unless the run was trained on a simulated recording whose truth is known
 */
public record AnalysisJson(Task task, List<ClaimJson> claims, @JsonInclude(JsonInclude.Include.NON_NULL) SeedsJson seeds,
                           CoarseVsFineJson coarseVsFine, SpatialNullJson spatialNull, ReceptiveFieldsJson receptiveFields,
                           ManipulationsJson manipulations, SemanticJson semantic, SpatialJson spatial, NeuronsJson neurons,
                           @JsonInclude(JsonInclude.Include.NON_NULL) RetrainedSubsetsJson neuronSubsetsRetrained,
                           InteractionsJson interactions, @JsonInclude(JsonInclude.Include.NON_NULL) GroundTruthJson groundTruth,
                           Map<String, Double> seconds) {

    /**
     * The identification task every analysis re-scores.
     *
     * @param protocolCandidates the candidates the split's protocol has, before subsampling to {@code candidates}
     */
    public record Task(String protocol, String direction, int candidates, int protocolCandidates, boolean candidatesSubsampled,
                       int queries) {}

    /** A re-scored identification: the retrieval numbers, the matched pair's similarity and the margin over the rest. */
    public record Score(@JsonUnwrapped RetrievalJson retrieval, double matchedSimilarity, double margin) {
        static Score of(RetrievalProbe.Score s) {
            return new Score(RetrievalJson.of(s.retrieval()), s.matchedSimilarity(), s.margin());
        }
    }

    public static AnalysisJson of(AnalysisResults a) {
        Task task = new Task(a.protocol().key(), "neural_to_image", a.candidates(), a.allCandidates(), a.candidates() < a.allCandidates(),
                a.queries());
        return new AnalysisJson(task, claims(a.claims()), a.seeds() == null ? null : SeedsJson.of(a.seeds()),
                CoarseVsFineJson.of(a.coarseVsFine()), SpatialNullJson.of(a.spatialNull()), ReceptiveFieldsJson.of(a.receptiveFields()),
                ManipulationsJson.of(a.manipulations()), SemanticJson.of(a.semantic()), SpatialJson.of(a.spatial()),
                NeuronsJson.of(a.neurons()), a.retrained() == null ? null : RetrainedSubsetsJson.of(a.retrained()),
                InteractionsJson.of(a.interactions()),
                a.groundTruth() == null ? null : GroundTruthJson.of(a.groundTruth()), a.seconds());
    }

    static List<ClaimJson> claims(List<Claim> claims) {
        return claims.stream().map(ClaimJson::of).toList();
    }
}
