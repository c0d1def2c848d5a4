package org.dina.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dina.eval.RetrievalResult;
import org.dina.model.DinaModel;
import org.dina.model.ImageTowerMode;
import org.dina.tensor.Tensor;
import org.dina.train.TrainingData;

/**
 * Other trained DINA runs on the same recording and split, scored beside the analysed run on the same manipulated
 * candidates: typically DINA joint beside DINA frozen. The frozen random backbone and the per-map normalisation
 * may build some robustness into the frozen model; the joint model learns its backbone, so where the two curves
 * part, the architecture rather than the recording shapes the curve.
 *
 * <p>Each run gets its own {@link RetrievalProbe} (its own embeddings of the same candidates and test trials); a
 * run whose probe holds other candidates, other trials or another input size is refused, because its points would
 * not be comparable.
 */
public final class BesideRuns {
    /** A run to score beside the analysed one: where it lies, and its restored model and data. */
    public record Source(String path, DinaModel model, TrainingData data) {}

    /** A run that cannot be scored beside the analysed one; the message starts with the run's folder. */
    public static final class Mismatch extends IllegalArgumentException {
        Mismatch(String message) {
            super(message);
        }
    }

    /** A run's series name (e.g. "DINA joint"), its folder and its image tower. */
    public record Described(String name, String path, ImageTowerMode imageTower) {}

    private final List<Described> described;
    private final List<RetrievalProbe> probes;

    private BesideRuns(List<Described> described, List<RetrievalProbe> probes) {
        this.described = List.copyOf(described);
        this.probes = List.copyOf(probes);
    }

    /** No run beside the analysed one. */
    public static BesideRuns none() {
        return new BesideRuns(List.of(), List.of());
    }

    /**
     * Builds a probe for each source with the analysed run's options and checks that it scores the same task as
     * {@code main}.
     *
     * @throws Mismatch naming the source, when its candidates, trials or input size differ, or when it is given twice
     */
    public static BesideRuns of(RetrievalProbe main, List<Source> sources, AnalysisOptions options) {
        ImageTowerMode mainTower = main.model().config().model().imageTower();
        List<Described> described = new ArrayList<>();
        List<RetrievalProbe> probes = new ArrayList<>();
        Set<String> names = new HashSet<>(Set.of(ManipulationAnalysis.DINA));
        for (Source s : sources) {
            RetrievalProbe p = RetrievalProbe.of(s.model(), s.data(), options);
            String mismatch = mismatch(main, p);
            if (mismatch != null) {
                throw new Mismatch(s.path() + ": cannot be scored beside the analysed run: " + mismatch
                        + " (train it on the same recording with the same split settings and seed)");
            }
            ImageTowerMode tower = s.model().config().model().imageTower();
            String name = ManipulationAnalysis.DINA + " " + tower.key();
            // a run of the analysed run's kind, or a second one of the same kind, is told apart by its folder
            if (tower == mainTower || names.contains(name)) name = ManipulationAnalysis.DINA + " (" + s.path() + ")";
            if (!names.add(name)) throw new Mismatch(s.path() + ": given twice");
            described.add(new Described(name, s.path(), tower));
            probes.add(p);
        }
        return new BesideRuns(described, probes);
    }

    /** What differs between the two probes' identification tasks, or null when nothing does. */
    private static String mismatch(RetrievalProbe main, RetrievalProbe other) {
        if (other.imageHeight() != main.imageHeight() || other.imageWidth() != main.imageWidth()) {
            return "its model takes " + other.imageHeight() + "x" + other.imageWidth() + " images, the analysed run's "
                    + main.imageHeight() + "x" + main.imageWidth();
        }
        if (!Arrays.equals(other.candidates(), main.candidates())) return "its test split has other candidate images";
        if (!Arrays.equals(other.trials(), main.trials())) return "its test split has other trials";
        return null;
    }

    public List<Described> described() { return described; }

    /** Each run's identification of its test trials among {@code candidates} [C, 1, H, W] at the model's input size. */
    public List<RetrievalResult> score(Tensor candidates) {
        List<RetrievalResult> out = new ArrayList<>(probes.size());
        for (RetrievalProbe p : probes) out.add(p.score(p.neuralVectors(), p.embedImages(candidates)).retrieval());
        return out;
    }

    /** Each run's unmanipulated identification, from its cached embeddings (what its own evaluation scores). */
    public List<RetrievalResult> unmanipulated() {
        List<RetrievalResult> out = new ArrayList<>(probes.size());
        for (RetrievalProbe p : probes) out.add(p.baseline().retrieval());
        return out;
    }
}
