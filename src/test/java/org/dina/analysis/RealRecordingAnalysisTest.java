package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.dina.data.DataSource;
import org.dina.data.Dataset;
import org.dina.data.SplitProtocol;
import org.dina.data.formats.Formats;
import org.dina.data.formats.ReadOptions;
import org.dina.model.DinaConfig;
import org.dina.model.ImageTowerMode;
import org.dina.model.NeuralAttentionMode;
import org.dina.model.TrialMode;
import org.dina.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyses run on a real recording (Antolik et al. 2016, region 1: 103 neurons, 50 images, 10 repeats; no
 * categories, no neuron positions) trained for a few epochs with held-out repeats. Checks that every analysis
 * copes with the real shapes and protocol, not that the model decodes well; the neurons' receptive fields come from
 * the ridge encoder on pixels, as on any recording. Skipped when the shared data is absent.
 */
class RealRecordingAnalysisTest {
    @Test
    void everyAnalysisRunsOnARealRecordingWithHeldOutRepeats(@TempDir Path dir) throws Exception {
        Path data = SharedFolder.require("data/real/antolik2016-region1");
        Dataset d = Formats.read(data, ReadOptions.defaults());
        DinaConfig cfg = new DinaConfig("antolik-test", 1,
                new DinaConfig.Data(new DinaConfig.Simulation(50, d.neuronCount(), 2, 0.3, 0.3), SplitProtocol.REPEATS, TrialMode.SINGLE, 0.1, 0.1, 64, 64),
                new DinaConfig.Model(ImageTowerMode.FROZEN, 16, 1, List.of(64, 256), NeuralAttentionMode.SHORTCUT),
                new DinaConfig.Loss(0.1, false, 0, 0),
                new DinaConfig.Train(32, 3, 100, 1e-2, 5e-5, 1e-3, 0.9, 0.5, 50));
        TrainingRun.Outcome o = TrainingRun.run(cfg, d, DataSource.file(data.toString(), null, null, null), dir.resolve("run"), false);
        AnalysisResults a = RunAnalysis.analyze(o.model(), o.data(), AnalysisOptions.defaults().quick(), null);

        assertEquals(SplitProtocol.REPEATS, a.protocol());
        assertEquals(50, a.candidates());
        assertEquals(0.02, a.manipulations().unmanipulated().retrieval().chanceTop1(), 1e-12);
        assertTrue(a.semantic().skipped());
        assertTrue(a.semantic().skippedReason().contains("no category labels"));
        assertEquals(d.neuronCount(), a.neurons().attribution().length);
        for (double v : a.neurons().attribution()) assertTrue(Double.isFinite(v));
        assertTrue(Double.isFinite(a.neurons().sparsity().gini()));
        assertTrue(a.neurons().reliability()[0] > -1.01, "repeat reliability is defined with 9 training repeats");
        assertEquals(d.neuronCount(), a.interactions().nodes().length);
        assertNull(a.groundTruth());
        for (ManipulationAnalysis.Curve c : a.manipulations().curves()) for (double v : c.top1()) assertTrue(v >= 0 && v <= 1);
        // receptive fields from the ridge encoder on a recording that has no positions: one centre per neuron, inside the image
        ReceptiveFields.Result rf = a.receptiveFields();
        assertFalse(rf.skipped(), rf.skippedReason());
        assertEquals(d.neuronCount(), rf.centreX().length);
        for (int j = 0; j < d.neuronCount(); j++) assertTrue(rf.centreX()[j] > 0 && rf.centreX()[j] < 1 && rf.centreY()[j] > 0 && rf.centreY()[j] < 1);
        assertTrue(Double.isFinite(rf.correlation()) && rf.p() > 0 && rf.p() <= 1);
        System.out.printf("RealRecordingAnalysisTest: receptive-field map vs alignability r = %.3f, p = %.3f; centres x %s%n", rf.correlation(),
                rf.p(), java.util.Arrays.toString(java.util.Arrays.copyOf(rf.centreX(), 5)));
        Path json = RunAnalysis.write(o.folder(), a);
        assertFalse(java.nio.file.Files.readString(json).contains("NaN"));
    }
}
