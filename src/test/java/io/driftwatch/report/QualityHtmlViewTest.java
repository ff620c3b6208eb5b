package io.driftwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.Table;
import io.driftwatch.quality.ClassificationMetric;
import io.driftwatch.quality.QualityCharts;
import io.driftwatch.quality.QualityEvaluator;
import io.driftwatch.quality.QualityResult;
import io.driftwatch.quality.RegressionMetric;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The model-quality section of the HTML page, computed by the real quality evaluator on synthetic
 * batches: the metric table, the confusion matrices, the ROC and precision-recall curves (reference and
 * current overlaid, thinned to their cap), a multiclass model's per-class table and curves, a
 * regression's density and error histogram, the degradation tests, and what a side that could not be
 * scored leaves; escaped, and small for a million rows.
 */
class QualityHtmlViewTest {
    private static final Pattern CURVE = Pattern.compile("<path class=\"cv (r|c)\" d=\"([^\"]*)\"/>");
    private static final Pattern POINT = Pattern.compile("[ML]([-\\d.]+) ([-\\d.]+)");

    private static String html(QualityResult section) {
        return QualityFixtures.section(HtmlReport.render(QualityFixtures.report(section)));
    }

    /** Each curve path of the section as its points, in order: {@code r} or {@code c}, then x and y pairs. */
    private static List<Curve> curves(String html) {
        List<Curve> out = new ArrayList<>();
        Matcher m = CURVE.matcher(html);
        while (m.find()) {
            List<double[]> points = new ArrayList<>();
            Matcher p = POINT.matcher(m.group(2));
            while (p.find()) {
                points.add(new double[] {Double.parseDouble(p.group(1)), Double.parseDouble(p.group(2))});
            }
            out.add(new Curve(m.group(1), points));
        }
        return out;
    }

    private record Curve(String side, List<double[]> points) {
        double[] first() {
            return points.get(0);
        }

        double[] last() {
            return points.get(points.size() - 1);
        }
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void binaryClassifierShowsBothConfusionMatricesAndOverlaidCurvesWithTheirAuc() {
        QualityResult r = QualityFixtures.binaryWithProbabilities();
        String html = html(r);

        assertThat(html).contains("<h2 id=\"mq-verdict\">" + QualityView.verdict(r) + "</h2>")
                .contains("<th scope=\"col\" class=\"n\">Reference</th>");
        assertThat(count(html, "<table class=\"cm\"")).isEqualTo(2);
        assertThat(html.indexOf("<caption><i class=\"sw r\"></i>Reference</caption>"))
                .isLessThan(html.indexOf("<caption><i class=\"sw c\"></i>Current</caption>"));
        // the diagonal of a binary matrix: two outlined cells per side
        assertThat(count(html, "<td class=\"dg ")).isEqualTo(4);
        assertThat(html).contains("ROC and precision-recall curves of class 1</h2>")
                .contains("<path class=\"diag\" d=\"M48 252L292 8\"/>")
                .contains("Reference · AUC " + DisplayNumbers.score(
                        r.reference().metric(ClassificationMetric.ROC_AUC).value()))
                .contains("Current · AUC " + DisplayNumbers.score(r.current().metric(ClassificationMetric.ROC_AUC).value()))
                .contains("role=\"img\" aria-label=\"ROC curve of class 1: true-positive rate against false-positive rate"
                        + " as the threshold falls; reference AUC ");
        List<Curve> curves = curves(html);
        assertThat(curves).extracting(Curve::side).containsExactly("r", "c", "r", "c");
        // ROC: from (0, 0) at the plot's bottom left to (1, 1) at its top right
        assertThat(curves.get(1).first()).containsExactly(48, 252);
        assertThat(curves.get(1).last()).containsExactly(292, 8);
        // precision-recall: from (recall 0, precision 1) to (recall 1, the class's share)
        assertThat(curves.get(3).first()).containsExactly(48, 8);
        assertThat(curves.get(3).last()[0]).isEqualTo(292);
    }

    @Test
    void everyCurveHasAtMostTheCapOfPoints() {
        for (Curve c : curves(html(QualityFixtures.binaryWithProbabilities()))) {
            assertThat(c.points().size()).isBetween(3, QualityCharts.MAX_POINTS);
        }
        List<Curve> multiclass = curves(html(QualityFixtures.multiclassWithProbabilities("a", "b", "c")));
        assertThat(multiclass).hasSize(3 * 2 * 2);
        for (Curve c : multiclass) {
            assertThat(c.points().size()).isBetween(3, QualityCharts.MAX_POINTS_PER_CLASS);
        }
    }

    @Test
    void classifierWithoutProbabilitiesSaysWhyItHasNoCurves() {
        String html = html(QualityFixtures.binaryLabelsOnly());

        assertThat(count(html, "<table class=\"cm\"")).isEqualTo(2);
        assertThat(html).doesNotContain("class=\"chart curve\"")
                .contains("No ROC or precision-recall curves: the monitor names no probability columns"
                        + " (model.probabilities).");
    }

    @Test
    void multiclassClassifierListsEachClassOnBothSidesWithItsCurves() {
        QualityResult r = QualityFixtures.multiclassWithProbabilities("setosa", "versicolor", "virginica");
        String html = html(r);

        assertThat(html).contains("<h2 class=\"ph\" id=\"mq-classes-title\">Per class</h2>")
                .contains("<th scope=\"colgroup\" colspan=\"2\" class=\"grp\">ROC AUC</th>");
        Matcher rows = Pattern.compile("<tr><th scope=\"row\"><span class=\"colname\">([^<]*)</span></th>"
                + "<td class=\"n\">([\\d,]+)</td>").matcher(html);
        List<String> classes = new ArrayList<>();
        int support = 0;
        while (rows.find()) {
            classes.add(rows.group(1));
            support += Integer.parseInt(rows.group(2).replace(",", ""));
        }
        assertThat(classes).containsExactly("setosa", "versicolor", "virginica");
        assertThat(support).isEqualTo(r.current().rowsUsed());
        assertThat(count(html, "<table class=\"cm\"")).isEqualTo(2);
        assertThat(count(html, "<td class=\"dg ")).isEqualTo(6);
        assertThat(count(html, "against the rest</h3>")).isEqualTo(3);
        assertThat(html).contains("Class <span class=\"colname\">versicolor</span> against the rest");
    }

    @Test
    void regressionDrawsBothSidesDensityOnOneGridAndTheirErrors() {
        QualityResult r = QualityFixtures.regressionWithReference();
        String html = html(r);

        assertThat(html).doesNotContain("<table class=\"cm\"").doesNotContain("class=\"cv ");
        assertThat(html).contains("Predicted against actual · Reference").contains("Predicted against actual · Current")
                .contains("<path class=\"hr l6\"").contains("<path class=\"hc l")
                .contains("aria-label=\"Current: density of 2,000 rows, predicted against actual from ")
                .contains("Error distribution (predicted − actual)")
                .contains("<path class=\"ar\" d=\"M48 186V").contains("<path class=\"ac\" d=\"M48 186V")
                .contains("<line class=\"zero\"");
        assertThat(count(html, "<path class=\"diag\"")).isEqualTo(2);
        assertThat(html).contains("mean_error").contains(DisplayNumbers.score(
                r.current().metric(RegressionMetric.MEAN_ERROR).value()));
    }

    @Test
    void withoutAReferenceOnlyTheCurrentSideIsDrawn() {
        String binary = html(QualityEvaluator.of(QualityFixtures.BINARY).evaluate(QualityFixtures.binary(1_000, 1.5, 4)));
        assertThat(binary).doesNotContain("<th scope=\"col\" class=\"n\">Reference</th>")
                .contains("; no reference").doesNotContain("class=\"cv r\"").contains("class=\"cv c\"")
                .doesNotContain("<i class=\"sw r\">");
        assertThat(count(binary, "<table class=\"cm\"")).isEqualTo(1);

        String regression = html(QualityEvaluator.of(QualityFixtures.REGRESSION)
                .evaluate(QualityFixtures.regression(1_000, 20, 5, 4)));
        assertThat(regression).doesNotContain("class=\"hr ").contains("class=\"hc ")
                .doesNotContain("<path class=\"ar\"").contains("<path class=\"ac\"");
    }

    @Test
    void aSideThatCouldNotBeScoredIsListedAndLeavesNoCharts() {
        Table probabilitiesOnly = Table.of(List.of(QualityFixtures.binary(500, 2, 3).column("churn_proba").orElseThrow()));
        QualityResult noLabels = QualityEvaluator.of(QualityFixtures.BINARY).evaluate(probabilitiesOnly,
                QualityFixtures.binary(500, 2, 1));
        String html = html(noLabels);

        assertThat(html).contains("<h2 id=\"mq-verdict\">Model quality not measured</h2>")
                .contains("<li class=\"error\">the current batch could not be scored: the batch has no target column"
                        + " &#39;churned&#39;</li>");
        assertThat(count(html, "<table class=\"cm\"")).as("the reference's only").isEqualTo(1);
        assertThat(curves(html)).extracting(Curve::side).containsExactly("r", "r");

        QualityResult noReferenceLabels = QualityEvaluator.of(QualityFixtures.REGRESSION).evaluate(
                QualityFixtures.regression(500, 10, 0, 3), Table.of(List.of(
                        QualityFixtures.regression(500, 10, 0, 1).column("predicted_price").orElseThrow())));
        String regression = html(noReferenceLabels);
        assertThat(regression).contains("<li class=\"error\">the reference could not be scored: the batch has no target"
                + " column &#39;price&#39;</li>").doesNotContain("class=\"hr ").contains("class=\"hc ");
    }

    @Test
    void degradationTestsShowBothValuesTheWorseningItsBoundAndTheTolerance() {
        String html = html(QualityFixtures.withDegradation(QualityFixtures.binaryWithProbabilities()));

        assertThat(html).contains("<h2 class=\"ph\" id=\"mq-deg-title\">Degradation tests</h2>")
                .contains("<tr class=\"bad\"><th scope=\"row\">accuracy</th><td class=\"n\">0.84</td><td class=\"n\">0.74"
                        + "</td><td class=\"n\">0.1</td><td class=\"n\">≥ 0.072 at 95%</td><td class=\"n\">5% of the"
                        + " reference (0.042)</td><td class=\"tests\"><span class=\"chk fail\">")
                .contains("<th scope=\"row\">roc_auc</th><td class=\"n\">0.91</td><td class=\"n\">0.92</td>"
                        + "<td class=\"n\">-0.01</td>")
                .contains("Pass</span> not worse</span>")
                .contains("<span class=\"chk error\"><span class=\"st\">Error</span> log loss &lt;undefined&gt; here")
                .doesNotContain("<undefined>");
        assertThat(html.indexOf("mq-deg-title")).isGreaterThan(html.indexOf("mq-metrics-title"));
        assertThat(html(QualityFixtures.binaryWithProbabilities())).doesNotContain("mq-deg-title");
    }

    @Test
    void classLabelsThatLookLikeMarkupAreEscapedEverywhere() {
        String label = "<img src=x onerror=alert(5)>";
        String page = HtmlReport.render(QualityFixtures.report(
                QualityFixtures.multiclassWithProbabilities("plain", label, "\"quoted\"")));

        assertThat(page).doesNotContain(label).doesNotContain("<img")
                .contains("<span class=\"colname\">&lt;img src=x onerror=alert(5)&gt;</span>")
                .contains("<th scope=\"col\">&lt;img src=x onerror=alert(5)&gt;</th>")
                .contains("aria-label=\"ROC curve of class &lt;img src=x onerror=alert(5)&gt;:")
                .contains("title=\"actual &lt;img src=x onerror=alert(5)&gt;, predicted plain\"")
                .contains("&quot;quoted&quot;");
        assertThat(count(page, "<script")).as("only the report's own script").isEqualTo(1);
    }

    @Test
    void aMillionRowBinaryBatchKeepsTheSectionSmall() {
        QualityResult r = QualityEvaluator.of(QualityFixtures.BINARY).evaluate(QualityFixtures.binary(1_000_000, 1.4, 2),
                QualityFixtures.binary(1_000_000, 2, 1));
        String html = html(r);

        assertThat(curves(html)).hasSize(4);
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(200_000);
    }

    @Test
    void aMillionRowRegressionBatchKeepsTheSectionSmall() {
        QualityResult r = QualityEvaluator.of(QualityFixtures.REGRESSION).evaluate(
                QualityFixtures.regression(1_000_000, 25, 8, 2), QualityFixtures.regression(1_000_000, 15, 0, 1));
        String html = html(r);

        assertThat(r.charts().current().density().outside()).as("no far tail in normal data").isZero();
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(200_000);
    }
}
