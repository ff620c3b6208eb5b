package io.driftwatch.monitor.policy;

import io.driftwatch.analysis.MetricCondition;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Sections;
import io.driftwatch.monitor.definitions.Policy;
import io.driftwatch.quality.DegradationTest;
import io.driftwatch.quality.MetricValue;
import io.driftwatch.quality.QualityResult;
import io.driftwatch.quality.QualitySide;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model-quality findings of a check as alerts print them, one line of plain text each saying
 * which metric moved from what to what: first the policy's bounds the current batch crossed
 * ({@code accuracy 0.91 → 0.62, below 0.8}), then the failed degradation tests
 * ({@code f1_score 0.712 → 0.618 (degraded; tolerated 0.0356)}), then Evidently's failed tests
 * ({@code roc_auc 0.83 → 0.65: Evidently test failed (expected within ±20 % of 0.83)}). Channels escape
 * and cut the lines for their receivers.
 *
 * <p>Thread-safe: stateless.
 */
final class ModelQualityLines {
    private ModelQualityLines() {
    }

    /**
     * The lines of the check's quality section; empty without one or without findings.
     *
     * @param watched the policy's model-quality condition whose bounds are reported when crossed; null
     *     when the policy has none (failed tests are reported either way)
     */
    static List<String> of(Sections sections, Policy.ModelQuality watched) {
        QualityResult quality = sections.find(QualityResult.class).orElse(null);
        if (quality == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        if (watched != null) {
            for (Policy.ModelQuality.Bound b : watched.crossed(quality)) {
                String key = b.metric().key();
                MetricValue reference = quality.reference() == null ? null : quality.reference().metric(b.metric());
                String from = reference != null && reference.ok() ? number(reference.value()) + " → " : "";
                lines.add(key + " " + from + number(current(quality.current(), b)) + ", " + b.side().label() + " "
                        + number(b.value()));
            }
        }
        for (DegradationTest t : quality.degradation()) {
            if (t.failed()) {
                lines.add(t.metric().key() + " " + number(t.reference()) + " → " + number(t.current())
                        + " (degraded; tolerated " + number(t.allowed()) + ")");
            }
        }
        for (MetricTest t : quality.tests()) {
            if (t.status().failed()) {
                MetricCondition c = t.condition();
                lines.add(c.isReference()
                        ? t.metric() + " " + number(c.value()) + " → " + number(t.value())
                                + ": Evidently test failed (expected within ±" + number(c.relative() * 100) + " % of "
                                + number(c.value()) + ")"
                        : t.metric() + " " + number(t.value()) + ": Evidently test failed (expected " + c.describe()
                                + ")");
            }
        }
        return List.copyOf(lines);
    }

    private static double current(QualitySide side, Policy.ModelQuality.Bound b) {
        return side.metric(b.metric()).value(); // crossed() found it computed
    }

    /** Four significant digits without trailing zeros (0.712, 0.0356, 12.5); no exponent from 1000 up. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String text = Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.4g", v);
        int exponent = text.indexOf('e');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return exponent < 0 ? mantissa : mantissa + text.substring(exponent);
    }
}
