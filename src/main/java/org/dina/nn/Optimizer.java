package org.dina.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dina.tensor.Tensor;

/**
 * Updates one flat parameter tensor in place from the flat gradient tensor of the same length.
 *
 * <p>Its whole state is a few per-element buffers ({@link #state()}), the number of steps taken and the learning
 * rate. A checkpoint saves the buffers as tensors and the two scalars as text ({@link #scalarState()}); loading them
 * back with {@link #loadState(Map, Map)} continues bit for bit as if the run had not been interrupted.
 */
public interface Optimizer {
    /** Applies one update from the current gradients (which it does not clear). */
    void step();

    double lr();

    /** Sets the learning rate used from the next {@link #step()} on (schedulers call this). */
    void setLr(double lr);

    /** Number of {@link #step()} calls so far (PyTorch's {@code state['step']}). */
    long steps();

    /**
     * The per-element buffers, live (not copies), in a fixed order and under PyTorch's names
     * ({@code exp_avg}, {@code square_avg}, ...); each has the parameters' length.
     */
    Map<String, Tensor> state();

    /**
     * Copies {@code buffers} into this optimizer's buffers and restores the step count and learning rate.
     * Every buffer of {@link #state()} must be present with the same number of elements.
     */
    void loadState(Map<String, Tensor> buffers, long steps, double lr);

    /** The scalars of the state as text that round-trips exactly: {@code steps} and {@code lr}. */
    default Map<String, String> scalarState() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("steps", Long.toString(steps()));
        // Double.toString is the shortest text that parses back to the same double, so lr survives bit for bit
        m.put("lr", Double.toString(lr()));
        return m;
    }

    /** {@link #loadState(Map, long, double)} with the scalars as written by {@link #scalarState()}. */
    default void loadState(Map<String, Tensor> buffers, Map<String, String> scalars) {
        String steps = scalars.get("steps"), lr = scalars.get("lr");
        if (steps == null || lr == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".loadState: scalars need 'steps' and 'lr', got "
                    + scalars.keySet());
        }
        loadState(buffers, Long.parseLong(steps), Double.parseDouble(lr));
    }
}
