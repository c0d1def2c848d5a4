package org.dina.data.formats;

import org.dina.data.Dataset;
import org.dina.data.Tier;
import org.dina.tensor.Tensor;

/** Joins images and the rows of a response array into a dataset builder, dropping trials with NaN responses. */
final class TrialAssembly {
    private TrialAssembly() {}

    /**
     * @param rowBase   storage position of each candidate trial's first neuron
     * @param colStride storage step from one neuron to the next
     * @param mapped    a zero-copy [rows, n] view of exactly these rows, or null
     * @param imageIds  the image of each candidate trial
     * @param tiers     the tier of each candidate trial, or null when the dataset has none
     */
    static Dataset.Builder build(String name, Tensor images, NdArray responses, long[] rowBase, long colStride, int n,
                                 Tensor mapped, int[] imageIds, Tier[] tiers, ReportBuilder report) throws DataFormatException {
        ResponseRows rows = ResponseRows.gather(responses, rowBase, colStride, n, mapped);
        report.nanTrialsDropped += rows.nanDropped();
        if (rows.nanDropped() > 0) {
            report.note(rows.nanDropped() + " of " + rowBase.length + " trials dropped: their responses hold NaN (missing trials)");
        }
        int[] kept = rows.kept();
        int[] ids = new int[kept.length];
        Tier[] keptTiers = tiers == null ? null : new Tier[kept.length];
        for (int i = 0; i < kept.length; i++) {
            ids[i] = imageIds[kept[i]];
            if (keptTiers != null) keptTiers[i] = tiers[kept[i]];
        }
        Dataset.Builder b = Dataset.builder(name, images, rows.responses(), ids);
        if (keptTiers != null) b.tiers(keptTiers);
        return b;
    }
}
