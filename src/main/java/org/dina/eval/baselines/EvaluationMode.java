package org.dina.eval.baselines;

/** What a retrieval query is. */
public enum EvaluationMode {
    /** Every held-out trial is a query on its own. */
    SINGLE_TRIALS,
    /** One query per held-out image: its held-out trials averaged (after normalisation). */
    REPEAT_AVERAGED
}
