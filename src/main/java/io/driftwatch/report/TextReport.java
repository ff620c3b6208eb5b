package io.driftwatch.report;

import io.driftwatch.analysis.Section;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders a check for the terminal, beside {@link HtmlReport} and {@link JsonResult}: the inputs,
 * then each section in its own view ({@link SectionView#text}): for drift, the dataset verdict, a
 * compact table of the tested columns (drifted first, the strongest drift on top), and notes on what
 * was not tested, whose missing share changed, which categories came or went, and which columns
 * could not be tested.
 *
 * <pre>
 * bike-sharing: reference.csv (688 rows) vs current.csv (741 rows)
 * Dataset drift: YES, 9 of 13 columns drifted (69.2%, threshold 50%)
 *
 *   column        type         test       score     threshold  drift
 *   temp          numerical    ks         1.23e-81  p &lt;= 0.05  DRIFT
 * </pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class TextReport {

    private TextReport() {
    }

    /**
     * Prints {@code report} to {@code out}.
     *
     * @param monitorName the monitor's name, printed before the inputs when there is one
     * @param ignored the columns the monitor ignores, in its order; those in the current batch are
     *     listed as not tested
     */
    public static void print(PrintStream out, CheckReport report, Optional<String> monitorName,
            Collection<String> ignored) {
        String inputs = report.hasReference()
                ? String.format(Locale.ROOT, "%s (%,d rows) vs %s (%,d rows)", report.referenceBatch().source(),
                        report.referenceBatch().rows(), report.currentBatch().source(), report.currentBatch().rows())
                : String.format(Locale.ROOT, "%s (%,d rows), no reference: drift not tested",
                        report.currentBatch().source(), report.currentBatch().rows());
        out.println(monitorName.map(name -> name + ": " + inputs).orElse(inputs));
        if (report.hasReference() && report.referenceBatch().lineage() != null) {
            out.println("Reference " + HtmlPage.Source.lineage(report.referenceBatch().lineage()));
        }
        for (Section section : report.sections().all()) {
            SectionViews.of(section).text(out, report, ignored);
        }
    }
}
