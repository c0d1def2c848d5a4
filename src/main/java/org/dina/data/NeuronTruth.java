package org.dina.data;

/**
 * The ground truth of one simulated neuron: where its receptive field is, what it is tuned to and how its drive
 * becomes a mean response. Pixel coordinates: x = column, y = row, pixel centres at integers.
 *
 * <p>Receptive field: a Gabor filter, envelope exp(-r²/2σ²) times cos(2π·sf·x' + phase) with
 * x' = (x - rfX)·cos(orientation) + (y - rfY)·sin(orientation); {@code orientation} is the direction of the
 * carrier's wave vector (the bars run perpendicular to it), in radians in [0, π). Simple cells respond to the
 * rectified filter output, complex cells to the energy of a quadrature pair. The mean response to an image is
 * {@code baseline + gain * max(0, (drive - driveCenter) / driveScale - threshold)}; undriven neurons stay at
 * {@code baseline}.
 *
 * @param rfX                   receptive-field centre, column (pixels)
 * @param rfY                   receptive-field centre, row (pixels)
 * @param rfSigma               Gaussian envelope standard deviation (pixels)
 * @param sfCyclesPerPixel      preferred spatial frequency, cycles per pixel
 * @param sfCyclesPerImageWidth preferred spatial frequency, cycles per image width
 * @param orientation           preferred orientation (radians, [0, π))
 * @param phase                 carrier phase of the (first) filter (radians)
 * @param driven                false for neurons that respond with noise only
 * @param complex               energy model (true) or rectified linear (false)
 * @param sparse                one of the sparse, strongly responsive neurons
 * @param gain                  response gain
 * @param baseline              spontaneous mean response
 * @param threshold             rectification threshold on the standardised drive
 * @param driveCenter           mean drive over the simulated image set
 * @param driveScale            standard deviation of the drive over the simulated image set
 */
public record NeuronTruth(double rfX, double rfY, double rfSigma, double sfCyclesPerPixel, double sfCyclesPerImageWidth,
                          double orientation, double phase, boolean driven, boolean complex, boolean sparse,
                          double gain, double baseline, double threshold, double driveCenter, double driveScale) {

    /** Preferred orientation in degrees, [0, 180). */
    public double orientationDegrees() {
        return Math.toDegrees(orientation);
    }

    /** The same neuron with its drive standardisation set. */
    NeuronTruth withDriveStats(double center, double scale) {
        return new NeuronTruth(rfX, rfY, rfSigma, sfCyclesPerPixel, sfCyclesPerImageWidth, orientation, phase, driven,
                complex, sparse, gain, baseline, threshold, center, scale);
    }

    /** Noise-free mean response for a drive value (the filter output, or its energy for complex cells). */
    public double meanResponse(double drive) {
        if (!driven) return baseline;
        return baseline + gain * Math.max(0.0, (drive - driveCenter) / driveScale - threshold);
    }
}
