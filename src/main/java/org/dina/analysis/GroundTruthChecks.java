package org.dina.analysis;

import org.dina.data.NeuronTruth;
import org.dina.data.SimulationTruth;

/**
 * The analyses checked against what a simulated recording was made from: do driven neurons get more attribution
 * than undriven ones, do hubs fall on driven neurons, and does the alignability map lie where the driven
 * population's receptive fields are?
 *
 * @param attributionAucDriven   chance that a random driven neuron has more attribution than a random undriven one
 * @param attributionAucSparse   the same for the sparse, strongly responsive neurons against all others
 * @param meanRankDriven         mean attribution rank (1 = most) of driven neurons, as a share of N
 * @param meanRankUndriven       the same for undriven neurons
 * @param hubsDriven             share of the listed hubs that are driven neurons (and the population share beside it)
 * @param drivenShare            share of driven neurons in the population
 * @param rfDensity              receptive-field centre density of the driven neurons on the 16 x 64 map grid
 * @param alignabilityVsDensity  Pearson correlation of the specific alignability map with that density
 * @param alignabilityInside     mean specific alignability where the density exceeds half its maximum
 * @param alignabilityOutside    mean specific alignability elsewhere
 * @param medianPreferredSf      median preferred spatial frequency of the driven neurons, cycles per image width
 */
public record GroundTruthChecks(double attributionAucDriven, double attributionAucSparse, double meanRankDriven,
                                double meanRankUndriven, double hubsDriven, double drivenShare, double[][] rfDensity,
                                double alignabilityVsDensity, double alignabilityInside, double alignabilityOutside,
                                double medianPreferredSf) {

    public static GroundTruthChecks of(SimulationTruth truth, NeuronAnalysis.Result neurons, SpatialAnalysis.Result spatial,
                                       InteractionAnalysis.Result interactions) {
        int n = truth.neuronCount();
        if (neurons.neurons() != n) throw new IllegalArgumentException("GroundTruthChecks: truth has " + n + " neurons, the analysis " + neurons.neurons());
        boolean[] driven = truth.drivenMask(), sparse = truth.sparseMask();
        double[] ranks = Stats.ranks(neurons.attribution());
        double rd = 0, ru = 0;
        int nd = 0;
        for (int j = 0; j < n; j++) {
            double fromTop = (n + 1 - ranks[j]) / n;
            if (driven[j]) {
                rd += fromTop;
                nd++;
            } else {
                ru += fromTop;
            }
        }
        int hubDriven = 0;
        for (int h : interactions.hubs()) if (driven[h]) hubDriven++;
        double[][] density = rfDensity(truth);
        double[] flatA = flatten(spatial.specific()), flatD = flatten(density);
        double max = 0;
        for (double v : flatD) max = Math.max(max, v);
        double in = 0, out = 0;
        int nin = 0, nout = 0;
        for (int l = 0; l < flatA.length; l++) {
            if (flatD[l] > 0.5 * max) {
                in += flatA[l];
                nin++;
            } else {
                out += flatA[l];
                nout++;
            }
        }
        double[] sf = new double[nd];
        for (int j = 0, k = 0; j < n; j++) if (driven[j]) sf[k++] = truth.neuron(j).sfCyclesPerPixel() * truth.imageWidth();
        return new GroundTruthChecks(Stats.auc(neurons.attribution(), driven), Stats.auc(neurons.attribution(), sparse),
                nd == 0 ? Double.NaN : rd / nd, nd == n ? Double.NaN : ru / (n - nd),
                interactions.hubs().length == 0 ? Double.NaN : (double) hubDriven / interactions.hubs().length, (double) nd / n,
                density, Stats.pearson(flatA, flatD), nin == 0 ? Double.NaN : in / nin, nout == 0 ? Double.NaN : out / nout,
                Stats.quantile(sf, 0.5));
    }

    /**
     * Density of the driven neurons' receptive fields on the 16 x 64 map grid: each neuron adds its Gaussian envelope
     * (centre and sigma scaled from image pixels to map cells), normalised to a peak of 1.
     */
    public static double[][] rfDensity(SimulationTruth truth) {
        int mh = SpatialAnalysis.H, mw = SpatialAnalysis.W;
        double sy = (double) mh / truth.imageHeight(), sx = (double) mw / truth.imageWidth();
        double[][] d = new double[mh][mw];
        for (NeuronTruth t : truth.neurons()) {
            if (!t.driven()) continue;
            double cy = (t.rfY() + 0.5) * sy - 0.5, cx = (t.rfX() + 0.5) * sx - 0.5;
            double vy = Math.max(0.25, t.rfSigma() * sy), vx = Math.max(0.25, t.rfSigma() * sx);
            for (int y = 0; y < mh; y++) {
                for (int x = 0; x < mw; x++) {
                    double dy = (y - cy) / vy, dx = (x - cx) / vx;
                    d[y][x] += Math.exp(-0.5 * (dy * dy + dx * dx));
                }
            }
        }
        double max = 0;
        for (double[] row : d) for (double v : row) max = Math.max(max, v);
        if (max > 0) for (double[] row : d) for (int x = 0; x < mw; x++) row[x] /= max;
        return d;
    }

    static double[] flatten(double[][] m) {
        double[] f = new double[m.length * m[0].length];
        for (int y = 0; y < m.length; y++) System.arraycopy(m[y], 0, f, y * m[0].length, m[0].length);
        return f;
    }
}
