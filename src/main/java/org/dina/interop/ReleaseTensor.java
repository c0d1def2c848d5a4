package org.dina.interop;

import org.dina.tensor.Tensor;

/**
 * One entry of a release state dict, seen as a view of this tool's storage: {@code value} has the release's shape
 * and shares memory with our parameter (or BatchNorm statistic), so copying into it loads the model and copying out
 * of it exports it. {@code grad} is the same view of the gradient buffer, or null for running statistics.
 */
public record ReleaseTensor(String key, Tensor value, Tensor grad) {}
