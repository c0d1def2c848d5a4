package org.dina.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.dina.model.ImageTowerMode;
import org.dina.train.ResultJson;
import org.junit.jupiter.api.Test;

/**
 * The false-positive check on a whole model: an untrained model has learned no alignment, so no claim may come
 * out supported, and the analysis must give the same claims table twice for one seed.
 */
class UntrainedClaimsTest {
    @Test
    void anUntrainedModelSupportsNoClaimAndTheTableIsDeterministic() {
        Untrained u = Untrained.of(60, 16, ImageTowerMode.FROZEN);
        AnalysisOptions o = AnalysisOptions.defaults().quick();
        AnalysisResults a = RunAnalysis.analyze(u.model(), u.data(), o, null);
        AnalysisResults b = RunAnalysis.analyze(u.model(), u.data(), o, null);
        System.out.println("UntrainedClaimsTest: " + ResultJson.text(AnalysisJson.claims(a.claims())));
        for (Claim c : a.claims()) assertNotEquals(Verdict.SUPPORTED, c.verdict(), "claim " + c.number() + ": " + c.tests());
        assertEquals(ResultJson.text(AnalysisJson.claims(a.claims())), ResultJson.text(AnalysisJson.claims(b.claims())));
    }
}
