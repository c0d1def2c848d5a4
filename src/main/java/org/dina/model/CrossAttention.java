package org.dina.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a MixBlock's two cross-attentions hand their output on ({@code model.crossAttention}).
 *
 * <p>{@link #REFERENCE} is the release: {@code Cross_Attention_pure} ends with
 * {@code (attn @ v).transpose(1, 2).reshape(B, N, C)} on 3-D tensors, where the transpose gives [B, C, N] and the
 * reshape reads that memory as [B, N, C]. Output token i therefore holds C consecutive values of the channel-major
 * result, about C / N positions of one channel (stage 2's convolution stream: ~64 positions of ~one channel), and
 * the projection and the fusion that follow see tokens and channels scrambled. {@link #CLEAN} hands on each token's
 * own attention output, which is what the code evidently meant.
 */
public enum CrossAttention {
    /** The release's output, tokens and channels scrambled by its reshape. */
    REFERENCE,
    /** Each token's own attention output. */
    CLEAN;

    /** {@return how {@code model.crossAttention} spells this value in a config file} */
    @JsonValue
    public String key() { return ConfigKeys.key(this); }

    /**
     * The value a config file spells {@code key}.
     *
     * @param key one of {@code reference}, {@code clean}
     * @return the value
     * @throws IllegalArgumentException naming {@code model.crossAttention} and its values, when {@code key} is none
     *                                  of them
     */
    @JsonCreator
    public static CrossAttention of(String key) { return ConfigKeys.parse(CrossAttention.class, "model.crossAttention", key); }
}
