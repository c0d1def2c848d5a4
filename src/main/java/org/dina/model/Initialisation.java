package org.dina.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the towers' weights are drawn where the release and this tool's first versions differ
 * ({@code model.initialisation}). Everything else (convolutions, per-neuron layers, the MLP) is PyTorch's default in
 * both.
 *
 * <p>{@link #REFERENCE} is the release: the image tower's Linear weights come from timm's {@code trunc_normal_(std=.02)},
 * whose bounds are absolute (±2, i.e. 100 standard deviations, so in effect an untruncated N(0, 0.02²)); the neural
 * attention's q, k, v and output projections are four {@code nn.Linear(d, d)} layers, weights and biases all
 * U(±1/√d). {@link #XAVIER} is what this tool did before: Linear weights truncated at ±2 standard deviations, and
 * {@code nn.MultiheadAttention}'s scheme for the neural attention (xavier_uniform q, k, v weights, zero biases).
 */
public enum Initialisation {
    /** The release's draws. */
    REFERENCE,
    /** This tool's earlier draws: truncated Linear weights and xavier_uniform neural attention. */
    XAVIER;

    /** {@return how {@code model.initialisation} spells this value in a config file} */
    @JsonValue
    public String key() { return ConfigKeys.key(this); }

    /**
     * The value a config file spells {@code key}.
     *
     * @param key one of {@code reference}, {@code xavier}
     * @return the value
     * @throws IllegalArgumentException naming {@code model.initialisation} and its values, when {@code key} is none
     *                                  of them
     */
    @JsonCreator
    public static Initialisation of(String key) { return ConfigKeys.parse(Initialisation.class, "model.initialisation", key); }
}
