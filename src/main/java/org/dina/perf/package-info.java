/** Kernel speed measurements: benchmark records, a timing harness with JSON-lines output, and the suites. */
package org.dina.perf;
