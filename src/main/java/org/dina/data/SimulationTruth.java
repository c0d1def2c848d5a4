package org.dina.data;

import java.util.List;

/**
 * What the simulated recording was made from, kept beside the data so analyses can be checked against it: one
 * {@link NeuronTruth} per neuron (same order as the response columns) and the image size they refer to.
 */
public record SimulationTruth(int imageHeight, int imageWidth, List<NeuronTruth> neurons) {

    public SimulationTruth {
        neurons = List.copyOf(neurons);
    }

    public int neuronCount() { return neurons.size(); }

    public NeuronTruth neuron(int n) { return neurons.get(n); }

    /** Receptive-field centres as [x0, y0, x1, y1, ...] in pixels. */
    public double[] rfCentres() {
        double[] c = new double[2 * neurons.size()];
        for (int i = 0; i < neurons.size(); i++) {
            c[2 * i] = neurons.get(i).rfX();
            c[2 * i + 1] = neurons.get(i).rfY();
        }
        return c;
    }

    /** Preferred spatial frequency of every neuron, cycles per pixel. */
    public double[] preferredSf() {
        double[] s = new double[neurons.size()];
        for (int i = 0; i < s.length; i++) s[i] = neurons.get(i).sfCyclesPerPixel();
        return s;
    }

    /** Preferred orientation of every neuron, radians in [0, π). */
    public double[] orientations() {
        double[] s = new double[neurons.size()];
        for (int i = 0; i < s.length; i++) s[i] = neurons.get(i).orientation();
        return s;
    }

    public boolean[] drivenMask() {
        boolean[] m = new boolean[neurons.size()];
        for (int i = 0; i < m.length; i++) m[i] = neurons.get(i).driven();
        return m;
    }

    public boolean[] complexMask() {
        boolean[] m = new boolean[neurons.size()];
        for (int i = 0; i < m.length; i++) m[i] = neurons.get(i).complex();
        return m;
    }

    public boolean[] sparseMask() {
        boolean[] m = new boolean[neurons.size()];
        for (int i = 0; i < m.length; i++) m[i] = neurons.get(i).sparse();
        return m;
    }

    public double[] gains() {
        double[] s = new double[neurons.size()];
        for (int i = 0; i < s.length; i++) s[i] = neurons.get(i).gain();
        return s;
    }

    public int drivenCount() {
        int c = 0;
        for (NeuronTruth n : neurons) if (n.driven()) c++;
        return c;
    }
}
