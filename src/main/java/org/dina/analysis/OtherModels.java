package org.dina.analysis;

import java.util.List;
import java.util.Map;
import org.dina.eval.baselines.FittedImageModel;

/**
 * Models an analysis takes from elsewhere rather than from the analysed run alone.
 *
 * @param beside         other trained runs on the same split, scored beside the analysed one ({@code analyze --beside})
 * @param fittedControls pixel baselines already fitted on the run's split, by name, that the matched controls use
 *                       instead of fitting them again ({@link PixelControls#fit(RetrievalProbe, Map)})
 */
public record OtherModels(List<BesideRuns.Source> beside, Map<String, FittedImageModel> fittedControls) {
    public OtherModels {
        beside = List.copyOf(beside);
        fittedControls = Map.copyOf(fittedControls);
    }

    /** Nothing from elsewhere: the analysed run alone, controls fitted here. */
    public static OtherModels none() {
        return new OtherModels(List.of(), Map.of());
    }
}
