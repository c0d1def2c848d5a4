package org.dina.analysis;

/**
 * {@code receptive_fields} of analysis.json: the neurons' receptive fields from the ridge encoder on pixels, the
 * population's map on the alignability grid and its correlation with the specific alignability map, or why they are
 * missing.
 *
 * @param pixelSize   the encoder's pixel grid (rows, columns)
 * @param centreX     each neuron's receptive-field centre as a fraction of the image width
 * @param centreY     likewise of the height
 * @param energy      each neuron's summed squared weights
 * @param map         the population's receptive-field energy on the 16 x 64 grid, peak 1
 * @param shifts      cyclic shifts of the map in the null
 */
public record ReceptiveFieldsJson(boolean skipped, String reason, String method, int[] pixelSize, double correlationWithAlignability,
                                  double p, int shifts, double[] centreX, double[] centreY, double[] energy, double[][] map) {

    static ReceptiveFieldsJson of(ReceptiveFields.Result r) {
        return new ReceptiveFieldsJson(r.skipped(), r.skippedReason(), "weights of the ridge encoder on pixels (the matched control) per "
                + "neuron; centre = centre of mass of the squared weights; map = squared weights summed over neurons, resampled to "
                + "the alignability grid; Pearson r with the specific alignability map, one-sided p against every cyclic shift of the map",
                r.pixelSize(), r.correlation(), r.p(), r.shifts(), r.centreX(), r.centreY(), r.energy(), r.map());
    }
}
