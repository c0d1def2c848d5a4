package org.dina.eval.compare;

import java.util.List;

/**
 * {@code neuron_curve} of compare.json: every method's single-trial top-1 on random neuron subsets of each size.
 *
 * @param draws   random subsets drawn per size, fold and seed
 * @param neurons the subset sizes, increasing; the largest is every neuron
 */
public record NeuronCurveJson(String description, int draws, int[] neurons, List<Method> methods) {

    /** One method's curve, a point per size it ran at. */
    public record Method(String name, List<Point> top1) {}

    /**
     * Top-1 on random subsets of {@code neurons} neurons: mean and sd over draws, folds and seeds.
     *
     * @param perDraw top-1 of every draw, fold and seed
     */
    public record Point(int neurons, double mean, double sd, double[] perDraw) {}
}
