package org.dina.eval.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one comparison produced: every score, their summaries per method, mode and condition, and the verdict of
 * every control against chance. Controls are flagged at {@link ChanceTest#ALPHA} after a Bonferroni correction over
 * all control summaries that ran, so that a long table does not raise false alarms by sheer number.
 */
public final class CompareResult {
    /** What was compared on what. */
    public record Setup(String dataset, String source, String config, String protocol, int folds, List<Long> seeds,
                        int epochs, String imageTower, boolean controls, String features) {}

    public static final String DINA = "dina";

    private final Setup setup;
    private final List<String> methods;
    private final List<Score> scores;
    private final List<String> notes;
    private final double seconds;
    private final Map<String, Summary> summaries = new LinkedHashMap<>();
    private final int comparisons;
    private final Stats noiseCeiling, againstMeans;
    private final NeuronCurve neuronCurve;
    private final int neuronDraws;

    public CompareResult(Setup setup, List<String> methods, List<Score> scores, List<String> notes, double seconds) {
        this(setup, methods, scores, notes, seconds, new double[0], new double[0]);
    }

    /**
     * @param noiseCeilingTop1 the repeat-vs-repeat noise ceiling's top-1 on each fold and seed of the real data
     *                         (empty when the test images were shown only once)
     * @param againstMeansTop1 the same test trials against templates of all but one repeat of each candidate
     */
    public CompareResult(Setup setup, List<String> methods, List<Score> scores, List<String> notes, double seconds,
                         double[] noiseCeilingTop1, double[] againstMeansTop1) {
        this(setup, methods, scores, notes, seconds, noiseCeilingTop1, againstMeansTop1, null, 0);
    }

    /**
     * @param neuronCurve top-1 against the number of neurons ({@code --neuron-counts}), or null when not asked for
     * @param neuronDraws random subsets per size behind it
     */
    public CompareResult(Setup setup, List<String> methods, List<Score> scores, List<String> notes, double seconds,
                         double[] noiseCeilingTop1, double[] againstMeansTop1, NeuronCurve neuronCurve, int neuronDraws) {
        this.neuronCurve = neuronCurve;
        this.neuronDraws = neuronDraws;
        this.noiseCeiling = noiseCeilingTop1.length == 0 ? null : Stats.of(noiseCeilingTop1);
        this.againstMeans = againstMeansTop1.length == 0 ? null : Stats.of(againstMeansTop1);
        this.setup = setup;
        this.methods = List.copyOf(methods);
        this.scores = List.copyOf(scores);
        this.notes = List.copyOf(notes);
        this.seconds = seconds;
        List<Summary> all = new ArrayList<>();
        for (String m : this.methods) {
            for (Mode mode : Mode.values()) {
                for (Condition c : Condition.values()) {
                    List<Score> runs = this.scores.stream()
                            .filter(s -> s.method().equals(m) && s.mode() == mode && s.condition() == c).toList();
                    if (!runs.isEmpty()) all.add(Summary.of(m, c, mode, runs));
                }
            }
        }
        int tested = 0;
        for (Summary s : all) if (s.condition().isControl() && s.applicable()) tested++;
        this.comparisons = tested;
        for (Summary s : all) {
            Summary withVerdict = s.condition().isControl() && s.applicable() ? s.withVerdict(ChanceTest.test(s.counts(), tested)) : s;
            summaries.put(key(s.method(), s.mode(), s.condition()), withVerdict);
        }
    }

    private static String key(String method, Mode mode, Condition c) {
        return method + "|" + mode.key() + "|" + c.key();
    }

    public Setup setup() { return setup; }

    /** Repeat-vs-repeat single-trial top-1 over the folds and seeds ({@link org.dina.eval.NoiseCeiling}), if any. */
    public Optional<Stats> noiseCeiling() { return Optional.ofNullable(noiseCeiling); }

    /** Test trials against templates of all but one repeat of each candidate, over the folds and seeds, if any. */
    public Optional<Stats> againstRepeatMeans() { return Optional.ofNullable(againstMeans); }
    /** Top-1 against the number of neurons, when compare was asked for it. */
    public Optional<NeuronCurve> neuronCurve() { return Optional.ofNullable(neuronCurve); }

    /** Random subsets per size behind {@link #neuronCurve()}. */
    public int neuronDraws() { return neuronDraws; }

    /** Methods in table order: DINA first, then the baselines. */
    public List<String> methods() { return methods; }
    public List<Score> scores() { return scores; }
    /** Remarks worth reading beside the table (candidate sets that differ, images left out of folds, ...). */
    public List<String> notes() { return notes; }
    public double seconds() { return seconds; }
    /** How many control results were tested against chance (the Bonferroni factor). */
    public int comparisons() { return comparisons; }

    /** The summary of {@code method} under {@code mode} and {@code c}, if that combination ran. */
    public Optional<Summary> summary(String method, Mode mode, Condition c) {
        return Optional.ofNullable(summaries.get(key(method, mode, c)));
    }

    public List<Summary> summaries() { return List.copyOf(summaries.values()); }

    /** Control results that beat chance after correction, in table order. */
    public List<Summary> flaggedControls() {
        return summaries.values().stream().filter(s -> s.verdict() != null && s.verdict().flagged()).toList();
    }

    /** Control results with a nominal p below {@link ChanceTest#ALPHA} that do not survive the correction. */
    public List<Summary> nominalControls() {
        return summaries.values().stream().filter(s -> s.verdict() != null && s.verdict().nominal() && !s.verdict().flagged()).toList();
    }

    public boolean anyControlFlagged() { return !flaggedControls().isEmpty(); }

    /**
     * The baseline with the highest mean top-1 on real data under {@code mode}. Chosen on the test folds, which
     * flatters the baselines: a conservative yardstick for DINA.
     */
    public Optional<Summary> bestBaseline(Mode mode) {
        Summary best = null;
        for (String m : methods) {
            if (m.equals(DINA)) continue;
            Summary s = summaries.get(key(m, mode, Condition.REAL));
            if (s != null && s.applicable() && (best == null || s.top1().mean() > best.top1().mean())) best = s;
        }
        return Optional.ofNullable(best);
    }
}
