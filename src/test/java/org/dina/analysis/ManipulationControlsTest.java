package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dina.eval.RetrievalResult;
import org.dina.eval.baselines.BaselineInput;
import org.dina.eval.baselines.BaselineResult;
import org.dina.eval.baselines.Baselines;
import org.dina.eval.baselines.EvaluationMode;
import org.dina.eval.baselines.FittedImageModel;
import org.dina.eval.baselines.ImageRepresentation;
import org.dina.eval.baselines.LinearTwoTower;
import org.dina.eval.baselines.RidgeEncoder;
import org.dina.model.ImageTowerMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The manipulations' matched controls: fitted as compare fits them, unmoved by an identity manipulation, with sound intervals. */
class ManipulationControlsTest {
    private static Untrained u;
    private static RetrievalProbe probe;
    private static PixelControls controls;

    @BeforeAll
    static void setUp() {
        u = Untrained.of(80, 16, ImageTowerMode.FROZEN);
        probe = RetrievalProbe.of(u.model(), u.data(), AnalysisOptions.defaults());
        controls = PixelControls.fit(probe);
    }

    @Test
    void unmanipulatedCandidatesReproduceWhatCompareScores() {
        // the recording's images are already the model's input size, so the probe's path must give compare's ranks exactly
        BaselineInput in = BaselineInput.of(u.data().dataset(), u.data().split(), EvaluationMode.SINGLE_TRIALS);
        List<BaselineResult> compare = List.of(new RidgeEncoder(ImageRepresentation.PIXELS).fitAndEvaluate(in),
                new LinearTwoTower(ImageRepresentation.PIXELS, LinearTwoTower.Config.defaults(u.config().seed())).fitAndEvaluate(in));
        List<RetrievalResult> here = controls.score(probe.candidateImages());
        assertEquals(2, controls.models().size(), "skipped: " + controls.skipped());
        for (int i = 0; i < 2; i++) {
            assertEquals(compare.get(i).baseline(), controls.models().get(i).name());
            assertArrayEquals(compare.get(i).neuralToImage().ranks(), here.get(i).ranks(), compare.get(i).baseline());
            assertEquals(compare.get(i).validation().top1(), controls.models().get(i).validationTop1(), 0.0);
        }
        int best = controls.best();
        for (var m : controls.models()) assertTrue(controls.models().get(best).validationTop1() >= m.validationTop1());
    }

    @Test
    void controlsThatCompareAlreadyFittedAreTakenAsTheyAre() {
        BaselineInput in = BaselineInput.of(u.data().dataset(), u.data().split(), EvaluationMode.SINGLE_TRIALS);
        Map<String, FittedImageModel> fitted = new HashMap<>();
        List<BaselineResult> kept = Baselines.evaluate(Baselines.standard(u.config().seed()), in, fitted);
        List<BaselineResult> plain = Baselines.evaluate(Baselines.standard(u.config().seed()), in);
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.get(i).applicable(), kept.get(i).applicable(), plain.get(i).baseline());
            if (plain.get(i).applicable()) assertArrayEquals(plain.get(i).neuralToImage().ranks(), kept.get(i).neuralToImage().ranks());
        }
        PixelControls reused = PixelControls.fit(probe, fitted);
        assertSame(fitted.get("ridge-encoder-pixels"), reused.models().get(0));
        assertSame(fitted.get("linear-two-tower-pixels"), reused.models().get(1));
        List<RetrievalResult> fresh = controls.score(probe.candidateImages()), again = reused.score(probe.candidateImages());
        for (int i = 0; i < 2; i++) assertArrayEquals(fresh.get(i).ranks(), again.get(i).ranks(), "fitting is deterministic: the same control");
        RidgeEncoder ridge = new RidgeEncoder(ImageRepresentation.PIXELS);
        assertThrows(IllegalArgumentException.class, () -> ridge.evaluate(fitted.get("linear-two-tower-pixels"), in));
    }

    private static AnalysisOptions only(Manipulation m, double... strengths) {
        AnalysisOptions opt = AnalysisOptions.defaults().quick();
        for (Manipulation other : Manipulation.values()) opt = opt.withStrengths(other);
        return opt.withStrengths(m, strengths);
    }

    @Test
    void anIdentityManipulationLeavesEveryControlAtItsUnmanipulatedScore() {
        ManipulationAnalysis.Result r = ManipulationAnalysis.run(probe, only(Manipulation.CONTRAST, 1.0), controls);
        assertEquals(List.of(ManipulationAnalysis.DINA, "ridge-encoder-pixels", "linear-two-tower-pixels"), r.methods());
        ManipulationAnalysis.Curve c = r.curves().get(0);
        for (int j = 1; j < r.methods().size(); j++) assertEquals(r.reference()[j], c.points()[j][0], r.methods().get(j));
        // DINA re-embeds the images through the backbone instead of reading its cached features: equal up to float rounding
        assertEquals(r.reference()[0].rankScore(), c.points()[0][0].rankScore(), 0.02);
    }

    @Test
    void everyIntervalContainsItsPointEstimate() {
        ManipulationAnalysis.Result r = ManipulationAnalysis.run(probe, only(Manipulation.LOW_PASS, 16, 4, 1), controls);
        for (ManipulationAnalysis.Point p : r.reference()) contains(p);
        for (ManipulationAnalysis.Point[] method : r.curves().get(0).points()) for (ManipulationAnalysis.Point p : method) contains(p);
        // planted: every query right, then every query at the worst rank
        int[][] images = Resampling.clusters(probe.correct());
        int[] best = new int[probe.trialCount()], worst = new int[probe.trialCount()];
        java.util.Arrays.fill(best, 1);
        java.util.Arrays.fill(worst, probe.candidateCount());
        assertEquals(new ManipulationAnalysis.Point(1, 1, 1, 1, 1, 1), ManipulationAnalysis.Point.of(best, probe.candidateCount(), images, 1));
        assertEquals(new ManipulationAnalysis.Point(0, 0, 0, 0, 0, 0), ManipulationAnalysis.Point.of(worst, probe.candidateCount(), images, 1));
    }

    @Test
    void theCoarseOverFineTestRunsOnEveryControl() {
        CoarseVsFine.Result r = CoarseVsFine.run(probe, AnalysisOptions.defaults().quick(), controls);
        assertEquals(List.of("ridge-encoder-pixels", "linear-two-tower-pixels"), List.copyOf(r.controls().keySet()));
        for (CoarseVsFine.Result c : r.controls().values()) {
            assertTrue(c.ciLow() <= c.effect() && c.effect() <= c.ciHigh(), c.toString());
            assertTrue(c.controls().isEmpty());
        }
        assertTrue(CoarseVsFine.run(probe, AnalysisOptions.defaults().quick()).controls().isEmpty());
    }

    @Test
    void anotherRunIsScoredBesideOnTheSameCandidates() {
        Untrained joint = Untrained.of(80, 16, ImageTowerMode.JOINT);
        AnalysisOptions opt = only(Manipulation.CONTRAST, 1.0, 0.25);
        BesideRuns beside = BesideRuns.of(probe, List.of(new BesideRuns.Source("runs/joint", joint.model(), joint.data())), opt);
        assertEquals(List.of(new BesideRuns.Described("DINA joint", "runs/joint", ImageTowerMode.JOINT)), beside.described());

        ManipulationAnalysis.Result r = ManipulationAnalysis.run(probe, opt, controls, beside);
        assertEquals(List.of(ManipulationAnalysis.DINA, "ridge-encoder-pixels", "linear-two-tower-pixels", "DINA joint"), r.methods());
        assertEquals(beside.described(), r.beside());
        // the joint run's unmanipulated point is its own evaluation; the identity manipulation re-embeds to the same ranks
        RetrievalProbe own = RetrievalProbe.of(joint.model(), joint.data(), opt);
        int[][] images = Resampling.clusters(probe.correct());
        assertEquals(ManipulationAnalysis.Point.of(own.baseline().retrieval().ranks(), probe.candidateCount(), images, opt.seed() + 301),
                r.reference()[3]);
        ManipulationAnalysis.Curve c = r.curves().get(0);
        assertEquals(r.reference()[3].rankScore(), c.points()[3][0].rankScore(), 0.02);
        assertNotEquals(c.points()[0][1], c.points()[3][1], "two different models give two curves");

        CoarseVsFine.Result coarse = CoarseVsFine.run(probe, opt, controls, beside);
        assertEquals(List.of("DINA joint"), List.copyOf(coarse.beside().keySet()));
        assertEquals(2, coarse.controls().size(), "the pixel controls stay controls");
        assertTrue(Claims.claim2(coarse, SemanticAnalysis.run(probe, opt)).note().contains("the same test on DINA joint"));
    }

    @Test
    void aRunOfTheSameKindIsNamedByItsFolderAndARunOnOtherDataIsRefused() {
        Untrained frozen = Untrained.of(80, 16, ImageTowerMode.FROZEN);
        AnalysisOptions opt = AnalysisOptions.defaults().quick();
        BesideRuns same = BesideRuns.of(probe, List.of(new BesideRuns.Source("runs/other-seed", frozen.model(), frozen.data())), opt);
        assertEquals("DINA (runs/other-seed)", same.described().get(0).name());

        Untrained smaller = Untrained.of(60, 16, ImageTowerMode.JOINT);
        BesideRuns.Mismatch e = assertThrows(BesideRuns.Mismatch.class,
                () -> BesideRuns.of(probe, List.of(new BesideRuns.Source("runs/small", smaller.model(), smaller.data())), opt));
        assertTrue(e.getMessage().startsWith("runs/small: cannot be scored beside the analysed run: its test split has other"), e.getMessage());
        BesideRuns.Source twice = new BesideRuns.Source("runs/a", frozen.model(), frozen.data());
        assertThrows(BesideRuns.Mismatch.class, () -> BesideRuns.of(probe, List.of(twice, twice), opt));
    }

    private static void contains(ManipulationAnalysis.Point p) {
        assertTrue(0 <= p.top1Low() && p.top1Low() <= p.top1() && p.top1() <= p.top1High() && p.top1High() <= 1, p.toString());
        assertTrue(0 <= p.rankScoreLow() && p.rankScoreLow() <= p.rankScore() && p.rankScore() <= p.rankScoreHigh() && p.rankScoreHigh() <= 1,
                p.toString());
        assertTrue(p.top1High() > p.top1Low() || p.top1() == 0 || p.top1() == 1, "a degenerate interval needs a degenerate score: " + p);
    }
}
