/**
 * Speed measurements: kernel benchmarks (records, a timing harness with JSON-lines output, the suites) and the
 * training-step benchmark behind {@code dina bench train} ({@link org.dina.perf.TrainStepBenchmark}), the machine's
 * peak and bandwidth, and the {@code dina bench} command ({@link org.dina.perf.BenchMain}). Compiled with the tests
 * from src/bench, never into the product jar.
 */
package org.dina.perf;
