package org.dina.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the neural tower computes its neuron-to-neuron attention ({@code model.neuralAttention}). Both compute the
 * same function: {@link #SHORTCUT} uses the rank-one structure of per-neuron embeddings (docs/rank-one-shortcut.md),
 * {@link #DIRECT} forms queries, keys and values explicitly, as the release does.
 */
public enum NeuralAttentionMode {
    /** Through the rank-one structure of per-neuron embeddings, without forming queries and keys per neuron. */
    SHORTCUT,
    /** Queries, keys and values formed explicitly, as the release does. */
    DIRECT;

    /** {@return how {@code model.neuralAttention} spells this value in a config file} */
    @JsonValue
    public String key() { return ConfigKeys.key(this); }

    /**
     * The value a config file spells {@code key}.
     *
     * @param key one of {@code shortcut}, {@code direct}
     * @return the value
     * @throws IllegalArgumentException naming {@code model.neuralAttention} and its values, when {@code key} is none
     *                                  of them
     */
    @JsonCreator
    public static NeuralAttentionMode of(String key) { return ConfigKeys.parse(NeuralAttentionMode.class, "model.neuralAttention", key); }
}
