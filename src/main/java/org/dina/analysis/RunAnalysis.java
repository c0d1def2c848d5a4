package org.dina.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dina.data.SimulationTruth;
import org.dina.eval.Evaluator;
import org.dina.model.DinaModel;
import org.dina.train.ResultJson;
import org.dina.train.RunFolder;
import org.dina.train.TrainingData;
import org.dina.train.RestoredRun;

/** Runs every analysis of a trained model on its test split and writes {@code analysis.json} into the run folder. */
public final class RunAnalysis {
    private RunAnalysis() {}

    /**
     * All five analyses in order (the graph restriction for very large populations uses the neuron attribution).
     * {@code truth} may be null; with it the ground-truth checks are added.
     */
    public static AnalysisResults analyze(DinaModel model, TrainingData data, AnalysisOptions options, SimulationTruth truth) {
        return analyze(model, data, options, truth, OtherModels.none());
    }

    /**
     * As {@link #analyze(DinaModel, TrainingData, AnalysisOptions, SimulationTruth)}, with the models of other runs on
     * the same split scored beside this one in the manipulation sweeps and claim 2's test ({@link BesideRuns}), and
     * the controls already fitted elsewhere taken as they are.
     *
     * @throws BesideRuns.Mismatch naming a run beside whose test split differs
     */
    public static AnalysisResults analyze(DinaModel model, TrainingData data, AnalysisOptions options, SimulationTruth truth,
                                          OtherModels other) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();
        model.setTraining(false);
        RetrievalProbe probe = RetrievalProbe.of(model, data, options);
        BesideRuns others = other.beside().isEmpty() ? BesideRuns.none() : BesideRuns.of(probe, other.beside(), options);
        t = lap(seconds, "setup", t);
        PixelControls controls = PixelControls.fit(probe, other.fittedControls());
        t = lap(seconds, "controls", t);
        ManipulationAnalysis.Result manip = ManipulationAnalysis.run(probe, options, controls, others);
        t = lap(seconds, "manipulations", t);
        SemanticAnalysis.Result semantic = SemanticAnalysis.run(probe, options);
        t = lap(seconds, "semantic", t);
        CoarseVsFine.Result coarse = CoarseVsFine.run(probe, options, controls, others);
        t = lap(seconds, "coarse_vs_fine", t);
        SpatialAnalysis.Result spatial = SpatialAnalysis.run(probe, options);
        t = lap(seconds, "spatial", t);
        SpatialRegionNull.Result regions = SpatialRegionNull.run(probe, options);
        t = lap(seconds, "spatial_null", t);
        ReceptiveFields.Result receptiveFields = ReceptiveFields.of(controls, spatial.specific());
        t = lap(seconds, "receptive_fields", t);
        NeuronAnalysis.Result neurons = NeuronAnalysis.run(probe, options);
        t = lap(seconds, "neurons", t);
        InteractionAnalysis.Result graph = InteractionAnalysis.run(probe, options, neurons.attributionValidation(), neurons.meanResponse(),
                neurons.meanNormalised());
        t = lap(seconds, "interactions", t);
        GroundTruthChecks gt = truth == null ? null : GroundTruthChecks.of(truth, neurons, spatial, graph);
        t = lap(seconds, "ground_truth", t);
        SubsetRetraining.Result retrained = null;
        if (options.retrainShares().length > 0) {
            retrained = SubsetRetraining.run(probe, neurons, options);
            t = lap(seconds, "retrained_subsets", t);
        }
        List<Claim> claims = Claims.of(coarse, semantic, regions, receptiveFields, neurons, graph, retrained, options);
        lap(seconds, "claims", t);
        return new AnalysisResults(probe.protocol(), probe.candidateCount(), probe.allCandidates(), probe.trialCount(),
                manip, semantic, spatial, neurons, graph, gt, seconds, coarse, regions, receptiveFields, claims, retrained, null);
    }

    private static long lap(Map<String, Double> seconds, String key, long since) {
        long now = System.nanoTime();
        seconds.put(key, (now - since) / 1e9);
        return now;
    }

    /** What {@link #analyzeAndWrite} computed and wrote: the results, the evaluation beside them and analysis.json. */
    public record Written(AnalysisResults results, Evaluator.Result evaluation, Path analysisJson) {}

    /**
     * The analysis step of {@code dina analyze} (and of {@code dina demo}) for a restored or freshly trained run:
     * evaluates, runs every analysis with {@code options}, writes analysis.json into the run folder. The HTML view
     * of the results is the caller's to write (the command line's, with the report package).
     */
    public static Written analyzeAndWrite(RestoredRun run, AnalysisOptions options, SimulationTruth truth) throws IOException {
        return analyzeAndWrite(run, options, truth, OtherModels.none());
    }

    /** As {@link #analyzeAndWrite(RestoredRun, AnalysisOptions, SimulationTruth)}, with models from elsewhere ({@link OtherModels}). */
    public static Written analyzeAndWrite(RestoredRun run, AnalysisOptions options, SimulationTruth truth, OtherModels other)
            throws IOException {
        Evaluator.Result eval = Evaluator.evaluate(run.model(), run.data());
        AnalysisResults a = analyze(run.model(), run.data(), options, truth, other);
        return new Written(a, eval, write(run.folder(), a));
    }

    /** Writes analysis.json into the run folder and returns its path. */
    public static Path write(RunFolder folder, AnalysisResults results) throws IOException {
        Path file = analysisFile(folder.root());
        ResultJson.write(file, AnalysisJson.of(results));
        return file;
    }

    public static Path analysisFile(Path runDir) {
        return runDir.resolve("analysis.json");
    }
}
