package org.dina.eval.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.data.Split;
import org.dina.data.SplitProtocol;
import org.dina.data.Tier;
import org.dina.eval.Evaluator;
import org.dina.eval.RunEvaluation;
import org.dina.eval.baselines.Baseline;
import org.dina.eval.baselines.BaselineInput;
import org.dina.eval.baselines.BaselineResult;
import org.dina.eval.baselines.Baselines;
import org.dina.eval.baselines.EvaluationMode;
import org.dina.eval.baselines.FittedImageModel;
import org.dina.model.DinaConfig;
import org.dina.model.DinaModel;
import org.dina.model.image.ImageBackbone;
import org.dina.progress.Progress;
import org.dina.tensor.Tensor;
import org.dina.train.MemoryBudget;
import org.dina.train.ResultJson;
import org.dina.train.RunFolder;
import org.dina.train.TrainingData;
import org.dina.train.TrainingFeasibility;
import org.dina.train.TrainingRun;

/**
 * DINA next to the baselines on exactly the same splits, with controls that would expose a leak: for every seed and
 * fold it trains DINA (a run folder under {@code out/seed-S/fold-F/real}), evaluates it, fits every baseline on the
 * same split, and, with controls on, does the same on training data whose pairs or neuron identities are shuffled and
 * evaluates an untrained DINA. Writes {@code compare.json} and returns the result.
 */
public final class CompareRun {
    private static final String PART_FILE = "compare-part.json";
    private final Dataset dataset;
    private final DataSource source;
    private final CompareOptions options;
    private final List<Score> scores = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private final Set<String> methods = new LinkedHashSet<>();
    private final List<Double> ceilingTop1 = new ArrayList<>(), againstMeansTop1 = new ArrayList<>();
    private final NeuronCurve neuronCurve = new NeuronCurve();
    private String featureNote;

    private CompareRun(Dataset dataset, DataSource source, CompareOptions options) {
        this.dataset = dataset;
        this.source = source;
        this.options = options;
    }

    /** Runs the comparison and writes {@code compare.json} into {@code options.out()}. */
    public static CompareResult run(Dataset dataset, DataSource source, CompareOptions options) throws IOException {
        return new CompareRun(dataset, source, options).execute();
    }

    private CompareResult execute() throws IOException {
        long start = System.nanoTime();
        DinaConfig cfg = options.config();
        int conditions = options.controls() ? 3 : 1;
        int[] subsetSizes = options.neuronCounts() == null ? new int[0]
                : Arrays.stream(options.neuronCounts().resolve(dataset.neuronCount())).filter(n -> n < dataset.neuronCount()).toArray();
        int subsets = subsetSizes.length * (options.neuronCounts() == null ? 0 : options.neuronCounts().draws());
        int parts = options.seeds() * options.folds() * (conditions + subsets);
        methods.add(CompareResult.DINA);
        featureNote = cfg.model().jointImageTower() ? "none: the image tower is trained jointly, so there are no frozen features" : null;
        options.log().printf(Locale.ROOT, "compare: %d seed(s) x %d fold(s) x %d condition(s) = %d DINA trainings of up to %d epochs,"
                        + " each followed by the baselines; the total time is estimated after the first%n",
                options.seeds(), options.folds(), conditions, parts, cfg.train().epochs());
        List<Long> seeds = new ArrayList<>();
        try (Progress.Task bar = Progress.start("compare", parts)) {
            int done = 0;
            for (int s = 0; s < options.seeds(); s++) {
                long seed = cfg.seed() + s;
                seeds.add(seed);
                DinaConfig c = cfg.withSeed(seed);
                List<Split> splits = splits(dataset, options.folds(), c);
                for (int f = 0; f < splits.size(); f++) {
                    Split split = splits.get(f);
                    Dataset foldData = options.folds() == 1 ? dataset : ControlData.withTiers(dataset, split);
                    Path dir = options.out().resolve("seed-" + seed).resolve("fold-" + (f + 1));
                    FoldContext fold = new FoldContext(c, seed, f + 1, split, dir);
                    Tensor features = realCondition(fold, foldData);
                    bar.step(String.format(Locale.ROOT, "seed %d fold %d real", seed, f + 1));
                    estimate(++done, parts, start);
                    if (options.controls()) {
                        long controlSeed = ControlData.mix(seed, 1000L + f);
                        controlCondition(fold, Condition.SHUFFLED_PAIRS, ControlData.shuffledPairs(foldData, split.trainTrials(), controlSeed), features);
                        bar.step(String.format(Locale.ROOT, "seed %d fold %d shuffled pairs", seed, f + 1));
                        controlCondition(fold, Condition.SHUFFLED_NEURONS, ControlData.shuffledNeurons(foldData, split.trainTrials(), controlSeed), features);
                        bar.step(String.format(Locale.ROOT, "seed %d fold %d shuffled neurons", seed, f + 1));
                        done += 2;
                    }
                    if (options.neuronCounts() != null) {
                        neuronSubsets(fold, foldData, features, subsetSizes, bar);
                        done += subsets;
                    }
                }
            }
        }
        if (options.folds() == 1 && dataset.hasTiers()) {
            notes.add("the dataset has its own train/validation/test tiers, so the config's split is those tiers (protocol DATASET_TIERS)");
        }
        String protocol = options.folds() == 1 ? TrainingData.split(cfg, dataset).protocol().name().toLowerCase(Locale.ROOT)
                : protocolOf(cfg).name().toLowerCase(Locale.ROOT);
        CompareResult.Setup setup = new CompareResult.Setup(dataset.name(), describe(source), cfg.name(), protocol, options.folds(),
                seeds, cfg.train().epochs(), cfg.model().imageTower().key(), options.controls(), featureNote == null ? "none" : featureNote);
        CompareResult result = new CompareResult(setup, new ArrayList<>(methods), scores, new ArrayList<>(notes), (System.nanoTime() - start) / 1e9,
                ceilingTop1.stream().mapToDouble(Double::doubleValue).toArray(),
                againstMeansTop1.stream().mapToDouble(Double::doubleValue).toArray(),
                options.neuronCounts() == null ? null : neuronCurve, options.neuronCounts() == null ? 0 : options.neuronCounts().draws());
        CompareJson.write(options.out().resolve("compare.json"), result);
        return result;
    }

    /**
     * Checks, before any training, that every seed's splits can be made on {@code dataset} and leave each side
     * something to do; throws IllegalArgumentException naming the problem (too many folds, too few repeats, ...).
     */
    public static void checkFeasible(Dataset dataset, CompareOptions options) {
        TrainingFeasibility.checkData(options.config(), dataset);
        MemoryBudget.check(options.config(), dataset);
        for (int s = 0; s < options.seeds(); s++) {
            DinaConfig c = options.config().withSeed(options.config().seed() + s);
            List<Split> splits = splits(dataset, options.folds(), c);
            for (int f = 0; f < splits.size(); f++) {
                Split split = splits.get(f);
                String where = dataset.name() + (splits.size() > 1 ? " fold " + (f + 1) + " of " + splits.size() : "") + ": ";
                if (split.trialCount(Tier.TRAIN) < 2) throw new IllegalArgumentException(where + "fewer than 2 training trials");
                if (split.trialCount(Tier.VALIDATION) < 2) throw new IllegalArgumentException(where + "fewer than 2 validation trials");
                if (split.trialCount(Tier.TEST) < 1) throw new IllegalArgumentException(where + "no test trials");
            }
        }
    }

    private record FoldContext(DinaConfig config, long seed, int fold, Split split, Path dir) {}

    /** The splits of one seed: the config's own, or K cross-validation folds. */
    public static List<Split> splits(Dataset dataset, int folds, DinaConfig c) {
        if (folds == 1) return List.of(TrainingData.split(c, dataset));
        return CrossValidationFolds.of(dataset, protocolOf(c), folds, c.data().validationFraction(), c.seed());
    }

    static SplitProtocol protocolOf(DinaConfig c) {
        return c.data().split();
    }

    /** Trains and evaluates DINA, the untrained DINA and the baselines on the real data; returns the baselines' features. */
    private Tensor realCondition(FoldContext fold, Dataset foldData) throws IOException {
        long t0 = System.nanoTime();
        TrainingRun.Outcome o = TrainingRun.run(fold.config(), foldData, source, fold.dir().resolve(Condition.REAL.key()), false);
        requireSameSplit(o.data().split(), fold.split());
        writePartNote(o.folder(), fold, Condition.REAL);
        Evaluator.Result r = Evaluator.evaluate(o.model(), o.data());
        addDina(fold, Condition.REAL, r, o, (System.nanoTime() - t0) / 1e9);
        RunEvaluation.ceiling(o.data(), r, fold.seed()).ifPresent(c -> {
            ceilingTop1.add(c.top1());
            againstMeansTop1.add(c.top1AgainstMeans());
        });
        Tensor features = null;
        if (!fold.config().model().jointImageTower()) {
            Tensor maps = o.data().imageInputs();
            features = FeaturePooling.pool(maps, options.maxFeatures());
            int[] g = FeaturePooling.grid(maps.dim(1), maps.dim(2), maps.dim(3), options.maxFeatures());
            featureNote = String.format(Locale.ROOT, "frozen image-tower feature maps %dx%dx%d area-pooled to %dx%dx%d (%d per image)",
                    maps.dim(1), maps.dim(2), maps.dim(3), maps.dim(1), g[0], g[1], features.dim(1));
        }
        if (options.controls()) {
            long u0 = System.nanoTime();
            DinaModel untrained = new DinaModel(fold.config(), dataset.neuronCount());
            Evaluator.Result ur = Evaluator.evaluate(untrained, o.data());
            addDina(fold, Condition.UNTRAINED, ur, null, (System.nanoTime() - u0) / 1e9);
        }
        runBaselines(fold, Condition.REAL, foldData, features, r.candidateImages());
        return features;
    }

    /** Retrains DINA and refits the baselines on manipulated training data; evaluates on the untouched test side. */
    private void controlCondition(FoldContext fold, Condition c, Dataset data, Tensor features) throws IOException {
        long t0 = System.nanoTime();
        TrainingRun.Outcome o = TrainingRun.run(fold.config(), data, source, fold.dir().resolve(c.key()), false);
        requireSameSplit(o.data().split(), fold.split());
        writePartNote(o.folder(), fold, c);
        Evaluator.Result r = Evaluator.evaluate(o.model(), o.data());
        addDina(fold, c, r, o, (System.nanoTime() - t0) / 1e9);
        runBaselines(fold, c, data, features, r.candidateImages());
    }

    /**
     * Top-1 against the number of neurons on this fold's split: for every smaller size, {@code draws} seeded random
     * subsets, each with DINA retrained (under {@code neurons-<size>/draw-<d>}) and the baselines refitted, single
     * trials only; all neurons is the real condition's score.
     */
    private void neuronSubsets(FoldContext fold, Dataset foldData, Tensor features, int[] sizes, Progress.Task bar) throws IOException {
        int n = dataset.neuronCount();
        for (Score s : scores) {
            if (s.seed() == fold.seed() && s.fold() == fold.fold() && s.condition() == Condition.REAL && s.mode() == Mode.SINGLE
                    && s.applicable()) {
                neuronCurve.add(s.method(), n, fold.seed(), fold.fold(), 0, s.result().top1());
            }
        }
        for (int size : sizes) {
            for (int d = 0; d < options.neuronCounts().draws(); d++) {
                int[] subset = NeuronCurve.draw(n, size, fold.seed(), fold.fold(), d);
                Dataset sub = NeuronCurve.subset(foldData, subset);
                Path dir = fold.dir().resolve("neurons-" + size).resolve("draw-" + (d + 1));
                TrainingRun.Outcome o = TrainingRun.run(fold.config(), sub, source, dir, false);
                requireSameSplit(o.data().split(), fold.split());
                ResultJson.write(o.folder().root().resolve(PART_FILE), new ComparePartJson.SubsetRun(fold.seed(), fold.fold(), subset,
                        "part of 'dina compare --neuron-counts': trained on these neurons of the data named in data.json, "
                                + "on the fold's split; 'dina eval' on this folder would not reproduce it"));
                neuronCurve.add(CompareResult.DINA, size, fold.seed(), fold.fold(), d, Evaluator.evaluate(o.model(), o.data()).neuralToImage().top1());
                BaselineInput in = BaselineInput.of(sub, fold.split(), EvaluationMode.SINGLE_TRIALS);
                if (features != null) in = in.withImageFeatures(features);
                for (Baseline b : options.baselines().apply(fold.seed())) {
                    Score sc = fitBaseline(b, in, fold, Condition.REAL, Mode.SINGLE);
                    if (sc.applicable()) neuronCurve.add(b.name(), size, fold.seed(), fold.fold(), d, sc.result().top1());
                }
                bar.step(String.format(Locale.ROOT, "seed %d fold %d %d neurons draw %d", fold.seed(), fold.fold(), size, d + 1));
            }
        }
    }

    private void addDina(FoldContext fold, Condition c, Evaluator.Result r, TrainingRun.Outcome o, double seconds) {
        Map<String, String> d = new LinkedHashMap<>();
        if (o != null) {
            d.put("epochs", Integer.toString(o.state().epochsDone()));
            d.put("best_epoch", Integer.toString(o.state().bestEpoch() + 1));
            d.put("best_val_loss", Double.toString(o.state().bestValLoss()));
            d.put("run_folder", options.out().relativize(o.folder().root()).toString());
        } else {
            d.put("epochs", "0");
        }
        scores.add(Score.of(CompareResult.DINA, c, Mode.SINGLE, fold.seed(), fold.fold(), r.neuralToImage(), d, seconds));
        String why = averagedNotApplicable(fold.split());
        scores.add(why == null ? Score.of(CompareResult.DINA, c, Mode.AVERAGED, fold.seed(), fold.fold(), r.averagedNeuralToImage(), d, seconds)
                : Score.notApplicable(CompareResult.DINA, c, Mode.AVERAGED, fold.seed(), fold.fold(), why));
    }

    private void runBaselines(FoldContext fold, Condition c, Dataset data, Tensor features, int[] dinaCandidates) {
        BaselineInput single = BaselineInput.of(data, fold.split(), EvaluationMode.SINGLE_TRIALS);
        if (features != null) single = single.withImageFeatures(features);
        int[] candidates = single.candidateImages(Tier.TEST);
        if (!Arrays.equals(candidates, dinaCandidates)) {
            notes.add(String.format(Locale.ROOT, "DINA's evaluator ranks %d candidate images but the baselines rank %d on some folds"
                    + " (images with too few repeats train only); their chance levels differ", dinaCandidates.length, candidates.length));
        }
        String averagedWhy = averagedNotApplicable(fold.split());
        for (Baseline b : options.baselines().apply(fold.seed())) {
            methods.add(b.name());
            scores.add(fitBaseline(b, single, fold, c, Mode.SINGLE));
            scores.add(averagedWhy == null ? fitBaseline(b, single.withMode(EvaluationMode.REPEAT_AVERAGED), fold, c, Mode.AVERAGED)
                    : Score.notApplicable(b.name(), c, Mode.AVERAGED, fold.seed(), fold.fold(), averagedWhy));
        }
    }

    private Score fitBaseline(Baseline b, BaselineInput in, FoldContext fold, Condition c, Mode m) {
        long t0 = System.nanoTime();
        BaselineResult r;
        try {
            r = b.fitAndEvaluate(in);
        } catch (RuntimeException e) {
            // one failing baseline should not lose hours of DINA training; it is reported beside the table
            String why = "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            notes.add(b.name() + " " + why);
            options.log().println("compare: " + b.name() + " " + why);
            return Score.notApplicable(b.name(), c, m, fold.seed(), fold.fold(), why);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!r.applicable()) return Score.notApplicable(b.name(), c, m, fold.seed(), fold.fold(), r.notApplicableReason());
        return Score.of(b.name(), c, m, fold.seed(), fold.fold(), r.neuralToImage(), r.hyperParameters(), seconds);
    }

    /** Why repeat-averaging does not apply: no test image has two test trials, so it would equal single trials. */
    static String averagedNotApplicable(Split split) {
        int[] test = split.testTrials();
        if (test.length == 0) return "the split has no test trials";
        return split.imageCount(Tier.TEST) < test.length ? null
                : "every test image has a single test trial, so repeat-averaged equals single-trial";
    }

    private static void requireSameSplit(Split trained, Split intended) {
        for (Tier t : Tier.values()) {
            if (!Arrays.equals(trained.trials(t), intended.trials(t))) {
                throw new IllegalStateException("compare: DINA trained on another split than the baselines (" + t + " trials differ): "
                        + trained + " vs " + intended);
            }
        }
    }

    private void writePartNote(RunFolder folder, FoldContext fold, Condition c) throws IOException {
        String note = "part of 'dina compare': trained on "
                + (c == Condition.REAL && options.folds() == 1 ? "the data named in data.json with the config's split"
                : "a modified copy of the data named in data.json (see condition and split); 'dina eval' on this folder would not reproduce it");
        ResultJson.write(folder.root().resolve(PART_FILE), new ComparePartJson.ConditionRun(c.key(), c.description(), fold.seed(), fold.fold(),
                options.folds(), fold.split().toString(), note));
    }

    private void estimate(int done, int parts, long start) {
        if (done != 1 || parts == 1) return;
        double first = (System.nanoTime() - start) / 1e9;
        options.log().printf(Locale.ROOT, "compare: the first of %d parts took %.0f s; estimated total %.0f min%n", parts, first, first * parts / 60);
    }

    private static String describe(DataSource s) {
        return s.isSimulated() ? "simulated" : s.path() + (s.format() != null ? " (format " + s.format() + ")" : "");
    }

    /** The config with another split protocol ({@code IMAGES} or {@code REPEATS}). */
    public static DinaConfig withSplit(DinaConfig c, SplitProtocol split) {
        DinaConfig.Data d = c.data();
        return new DinaConfig(c.name(), c.seed(), new DinaConfig.Data(d.simulation(), split, d.trials(), d.validationFraction(),
                d.testFraction(), d.imageHeight(), d.imageWidth()), c.model(), c.loss(), c.train());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The best baseline, for showing DINA beside it.

    /** The best baseline of a comparison under {@code mode} (highest mean top-1 on real data). */
    public static Optional<Summary> bestBaseline(CompareResult result, Mode mode) {
        return result.bestBaseline(mode);
    }

    /** The applicable result with the highest test top-1 (ties: the earlier one). */
    public static Optional<BaselineResult> bestBaseline(List<BaselineResult> results) {
        BaselineResult best = null;
        for (BaselineResult r : results) {
            if (r.applicable() && (best == null || r.neuralToImage().top1() > best.neuralToImage().top1())) best = r;
        }
        return Optional.ofNullable(best);
    }

    /**
     * Fits the standard baselines on a trained run's own split (with its frozen image-tower features, pooled, when the
     * tower is frozen) and returns the one with the highest test top-1. Picked on the test side, so the yardstick
     * flatters the baselines, never DINA.
     */
    public static Optional<BaselineResult> bestBaseline(TrainingData data, EvaluationMode mode, long seed) {
        return bestBaseline(data, mode, seed, new HashMap<>());
    }

    /** As {@link #bestBaseline(TrainingData, EvaluationMode, long)}, keeping every fitted image model in {@code fitted} by name. */
    public static Optional<BaselineResult> bestBaseline(TrainingData data, EvaluationMode mode, long seed, Map<String, FittedImageModel> fitted) {
        BaselineInput in = BaselineInput.of(data.dataset(), data.split(), mode);
        Tensor inputs = data.imageInputs();
        if (inputs.rank() == 4 && inputs.dim(1) == ImageBackbone.CHANNELS) {
            in = in.withImageFeatures(FeaturePooling.pool(inputs, FeaturePooling.DEFAULT_MAX_FEATURES));
        }
        return bestBaseline(Baselines.evaluate(Baselines.standard(seed), in, fitted));
    }
}
