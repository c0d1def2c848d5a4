/**
 * DINA beside simple decoders on the same splits, with controls that would expose a leak and K-fold
 * cross-validation: {@link org.dina.eval.compare.CompareRun} runs it, {@link org.dina.eval.compare.CompareResult}
 * holds it, {@link org.dina.eval.compare.CompareTable} prints it and {@link org.dina.eval.compare.CompareJson} writes
 * {@code compare.json}.
 */
package org.dina.eval.compare;
