/**
 * Speed measurements: kernel benchmarks (records, a timing harness with JSON-lines output, the suites) and the
 * training-step benchmark behind {@code dina bench train} ({@link org.dina.perf.TrainStepBenchmark}).
 */
package org.dina.perf;
