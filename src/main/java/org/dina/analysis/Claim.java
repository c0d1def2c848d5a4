package org.dina.analysis;

import java.util.List;

/** One of the paper's claims with the tests that bear on it; its verdict combines theirs ({@link Verdict#combine}). */
public record Claim(int number, String statement, List<ClaimTest> tests, String note) {
    public Verdict verdict() {
        return Verdict.combine(tests.stream().map(ClaimTest::verdict).toList());
    }
}
