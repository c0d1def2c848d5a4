package org.dina.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dina.data.Dataset;
import org.dina.data.NeuronTruth;
import org.dina.data.SimulatedV1;
import org.dina.data.SimulationConfig;
import org.dina.data.SimulationTruth;
import org.dina.tensor.Tensor;

/**
 * A simulated recording whose receptive fields all lie in one horizontal band of the image, so spatial analyses
 * have a known answer: SimulatedV1's images and neurons (complex cells only unless asked otherwise), with every
 * receptive-field centre moved into [xLo, xHi] of the image width; each neuron's drive is standardised again over the
 * images for its new position.
 */
record PlantedPopulation(Dataset dataset, SimulationTruth truth) {

    static PlantedPopulation build(SimulationConfig base, double xLo, double xHi) {
        return build(base, xLo, xHi, 1.0);
    }

    /**
     * The same band with {@code complexFraction} of the neurons complex cells and the rest simple cells (rectified
     * linear filters, which a linear model of the pixels can read).
     */
    static PlantedPopulation build(SimulationConfig base, double xLo, double xHi, double complexFraction) {
        SimulatedV1.Result sim = SimulatedV1.generate(base.withPopulation(base.undrivenFraction(), base.sparseFraction(), complexFraction));
        Dataset d = sim.dataset();
        int w = d.width(), k = d.imageCount();
        List<NeuronTruth> raw = new ArrayList<>();
        for (NeuronTruth t : sim.truth().neurons()) {
            double x = xLo * w + (t.rfX() - 0.05 * w) / (0.90 * w) * (xHi - xLo) * w;
            raw.add(new NeuronTruth(x, t.rfY(), t.rfSigma(), t.sfCyclesPerPixel(), t.sfCyclesPerImageWidth(), t.orientation(),
                    t.phase(), t.driven(), t.complex(), t.sparse(), 1.0, 0.0, 0.0, 0.0, 1.0));
        }
        SimulationTruth rawTruth = new SimulationTruth(d.height(), w, raw);
        Tensor drive = SimulatedV1.meanResponses(rawTruth, d.images());
        int n = raw.size();
        List<NeuronTruth> fin = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            double s = 0, ss = 0;
            for (int i = 0; i < k; i++) s += drive.getFlat((long) i * n + j);
            double m = s / k;
            for (int i = 0; i < k; i++) ss += Math.pow(drive.getFlat((long) i * n + j) - m, 2);
            double sd = Math.sqrt(ss / k);
            NeuronTruth o = sim.truth().neuron(j), r = raw.get(j);
            fin.add(new NeuronTruth(r.rfX(), r.rfY(), r.rfSigma(), r.sfCyclesPerPixel(), r.sfCyclesPerImageWidth(), r.orientation(),
                    r.phase(), r.driven(), r.complex(), r.sparse(), o.gain(), o.baseline(), o.threshold(), m, sd > 1e-12 ? sd : 1.0));
        }
        SimulationTruth truth = new SimulationTruth(d.height(), w, fin);
        Tensor mean = SimulatedV1.meanResponses(truth, d.images());
        int[] ids = d.imageIds();
        Tensor responses = Tensor.zeros(ids.length, n);
        SplittableRandom rng = new SplittableRandom(base.seed() * 7 + 3);
        for (int t = 0; t < ids.length; t++) {
            for (int j = 0; j < n; j++) {
                double m = mean.getFlat((long) ids[t] * n + j);
                double v = m + base.noise() * Math.sqrt(m + 0.1) * rng.nextGaussian();
                responses.setFlat((long) t * n + j, (float) Math.max(0, v));
            }
        }
        Tensor positions = Tensor.zeros(n, 2);
        for (int j = 0; j < n; j++) {
            positions.set((float) fin.get(j).rfX(), j, 0);
            positions.set((float) fin.get(j).rfY(), j, 1);
        }
        int[] cats = new int[k];
        for (int i = 0; i < k; i++) cats[i] = d.category(i);
        Dataset planted = Dataset.builder("planted-left-band(" + d.name() + ")", d.images(), responses, ids)
                .neuronPositions(positions, Dataset.PositionKind.RETINOTOPIC)
                .categories(cats, d.categoryNames())
                .build();
        return new PlantedPopulation(planted, truth);
    }
}
