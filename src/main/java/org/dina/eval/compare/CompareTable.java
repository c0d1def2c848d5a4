package org.dina.eval.compare;

import java.util.List;
import java.util.Locale;

/**
 * The printed comparison: one block per query mode, a row per method with top-1, top-5 and mean rank (mean ± sd over
 * folds and seeds), chance, and each control's top-1 beside it; then WARNING lines for controls that beat chance,
 * the best baseline, notes, and per-fold top-1 when there are several folds or seeds.
 */
public final class CompareTable {
    private static final int NAME = 28;

    private CompareTable() {}

    public static String of(CompareResult r) {
        CompareResult.Setup s = r.setup();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nDINA vs baselines on %s%n", s.dataset()));
        sb.append(String.format(Locale.ROOT, "%s split, %d fold(s) x %d seed(s) %s, config '%s' (%d epochs, image tower %s); test neural -> image identification%n",
                s.protocol(), s.folds(), s.seeds().size(), s.seeds(), s.config(), s.epochs(), s.imageTower()));
        sb.append("baseline image features: ").append(s.features()).append('\n');
        boolean controls = s.controls();
        for (Mode mode : Mode.values()) {
            sb.append(String.format(Locale.ROOT, "%n%s%n", mode == Mode.SINGLE ? "single trials" : "repeat-averaged (test trials of an image averaged)"));
            sb.append(String.format(Locale.ROOT, "%-" + NAME + "s %-15s %-15s %-13s %-8s", "method", "top-1", "top-5", "mean rank", "chance"));
            if (controls) sb.append(String.format(Locale.ROOT, " | %-16s %-16s %-10s", "shuffled-pairs", "shuffled-neurons", "untrained"));
            sb.append('\n');
            for (String method : r.methods()) {
                Summary real = r.summary(method, mode, Condition.REAL).orElse(null);
                if (real == null) continue;
                sb.append(String.format(Locale.ROOT, "%-" + NAME + "s ", method));
                if (!real.applicable()) {
                    sb.append("n/a: ").append(shorten(real.reason(), 110)).append('\n');
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "%-15s %-15s %-13s %-8s", percent(real.top1()), percent(real.top5()), rank(real.meanRank()),
                        String.format(Locale.ROOT, "%.1f%%", 100 * real.chanceTop1())));
                if (controls) {
                    sb.append(" | ");
                    sb.append(String.format(Locale.ROOT, "%-16s %-16s %-10s", control(r, method, mode, Condition.SHUFFLED_PAIRS),
                            control(r, method, mode, Condition.SHUFFLED_NEURONS), control(r, method, mode, Condition.UNTRAINED)));
                }
                sb.append('\n');
            }
        }
        if (controls) {
            sb.append(String.format(Locale.ROOT, "%ncontrols: top-1 when trained on broken training pairs / neurons, or untrained; "
                    + "'!' beats chance (p < %.2g, %.2g Bonferroni-corrected over %d), '*' nominal p < %.2g only%n",
                    ChanceTest.ALPHA / Math.max(1, r.comparisons()), ChanceTest.ALPHA, r.comparisons(), ChanceTest.ALPHA));
        }
        for (Summary f : r.flaggedControls()) sb.append(warning(f, r.comparisons())).append('\n');
        for (Summary f : r.nominalControls()) {
            ChanceTest.Verdict v = f.verdict();
            sb.append(String.format(Locale.ROOT, "note: control %s: %s (%s) top-1 %.1f%% vs chance %.1f%%, nominal p = %.2g, not significant after correction%n",
                    f.condition().label(), f.method(), f.mode().key(), 100 * v.top1(), 100 * v.chance(), v.pValue()));
        }
        for (Mode mode : Mode.values()) {
            r.bestBaseline(mode).ifPresent(b -> {
                Summary dina = r.summary(CompareResult.DINA, mode, Condition.REAL).orElse(null);
                sb.append(String.format(Locale.ROOT, "best baseline (%s): %s top-1 %s", mode.key(), b.method(), percent(b.top1())));
                if (dina != null && dina.applicable()) sb.append(String.format(Locale.ROOT, " vs DINA %s", percent(dina.top1())));
                sb.append(String.format(Locale.ROOT, " (chance %.1f%%)%n", 100 * b.chanceTop1()));
            });
        }
        r.noiseCeiling().ifPresent(c -> {
            sb.append(String.format(Locale.ROOT, "noise ceiling (single trial, repeat vs repeat): top-1 %s", percent(c)));
            r.summary(CompareResult.DINA, Mode.SINGLE, Condition.REAL).filter(Summary::applicable)
                    .ifPresent(d -> sb.append(String.format(Locale.ROOT, "; DINA reaches %.2f of it", d.top1().mean() / c.mean())));
            r.againstRepeatMeans().ifPresent(a -> sb.append(String.format(Locale.ROOT,
                    "; against templates of the other repeats: %s", percent(a))));
            sb.append('\n');
        });
        for (String n : r.notes()) sb.append("note: ").append(n).append('\n');
        if (s.folds() * s.seeds().size() > 1) perFold(sb, r);
        r.neuronCurve().ifPresent(c -> sb.append(c.table(r.neuronDraws())));
        sb.append(String.format(Locale.ROOT, "total time %.0f s%n", r.seconds()));
        return sb.toString();
    }

    /** The loud line for a control that beats chance. */
    static String warning(Summary f, int comparisons) {
        ChanceTest.Verdict v = f.verdict();
        return String.format(Locale.ROOT,
                "WARNING: control %s beats chance for %s (%s): top-1 %.1f%% (%d/%d, 95%% CI %.1f-%.1f%%) vs chance %.1f%%, p = %.2g < %.2g"
                        + " (%.2g Bonferroni over %d control results): %s.",
                f.condition().label(), f.method(), f.mode().key(), 100 * v.top1(), v.hits(), v.queries(), 100 * v.wilson95()[0],
                100 * v.wilson95()[1], 100 * v.chance(), v.pValue(), v.threshold(), ChanceTest.ALPHA, comparisons,
                f.condition().ifBeatsChance());
    }

    private static void perFold(StringBuilder sb, CompareResult r) {
        for (Mode mode : Mode.values()) {
            boolean header = false;
            for (String method : r.methods()) {
                Summary real = r.summary(method, mode, Condition.REAL).orElse(null);
                if (real == null || !real.applicable()) continue;
                if (!header) {
                    sb.append(String.format(Locale.ROOT, "%nper-fold top-1 (%s; %s)%n", mode.key(), foldLabels(real.runs())));
                    header = true;
                }
                sb.append(String.format(Locale.ROOT, "  %-" + NAME + "s", method));
                for (Score sc : real.runs()) {
                    sb.append(sc.applicable() ? String.format(Locale.ROOT, " %5.1f", 100 * sc.result().top1()) : "   n/a");
                }
                sb.append('\n');
            }
        }
    }

    private static String foldLabels(List<Score> runs) {
        StringBuilder sb = new StringBuilder("columns");
        for (Score s : runs) sb.append(' ').append('s').append(s.seed()).append('f').append(s.fold());
        return sb.toString();
    }

    private static String control(CompareResult r, String method, Mode mode, Condition c) {
        Summary s = r.summary(method, mode, c).orElse(null);
        if (s == null) return "";
        if (!s.applicable()) return "n/a";
        String mark = s.verdict() == null ? "" : s.verdict().flagged() ? " !" : s.verdict().nominal() ? " *" : "";
        return String.format(Locale.ROOT, "%.1f%%%s", 100 * s.top1().mean(), mark);
    }

    private static String percent(Stats s) {
        return s.hasSd() ? String.format(Locale.ROOT, "%.1f ± %.1f%%", 100 * s.mean(), 100 * s.sd())
                : String.format(Locale.ROOT, "%.1f%%", 100 * s.mean());
    }

    private static String rank(Stats s) {
        return s.hasSd() ? String.format(Locale.ROOT, "%.1f ± %.1f", s.mean(), s.sd()) : String.format(Locale.ROOT, "%.1f", s.mean());
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
