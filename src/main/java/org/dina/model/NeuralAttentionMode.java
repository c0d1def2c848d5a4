package org.dina.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the neural tower computes its neuron-to-neuron attention ({@code model.neuralAttention}). Both compute the
 * same function: {@link #SHORTCUT} uses the rank-one structure of per-neuron embeddings (docs/rank-one-shortcut.md),
 * {@link #DIRECT} forms queries, keys and values explicitly, as the release does.
 */
public enum NeuralAttentionMode {
    SHORTCUT, DIRECT;

    @JsonValue
    public String key() { return ConfigKeys.key(this); }

    @JsonCreator
    public static NeuralAttentionMode of(String key) { return ConfigKeys.parse(NeuralAttentionMode.class, "model.neuralAttention", key); }
}
