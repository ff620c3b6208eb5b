package io.driftwatch.report;

import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.ClassLabel;
import io.driftwatch.quality.ClassificationMetric;
import io.driftwatch.quality.ClassificationSide;
import io.driftwatch.quality.ConfusionMatrix;
import io.driftwatch.quality.DegradationTest;
import io.driftwatch.quality.LabelMetrics;
import io.driftwatch.quality.MetricValue;
import io.driftwatch.analysis.ModelTask;
import io.driftwatch.quality.QualityCharts;
import io.driftwatch.quality.QualityMetric;
import io.driftwatch.quality.QualityOptions;
import io.driftwatch.quality.QualityResult;
import io.driftwatch.quality.QualitySide;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code quality.ftlh} lays out, all formatted: the verdict, a line on what was scored, one row
 * per metric with the reference's value, the current one and the metric's test, the degradation tests,
 * and the model's charts: a classifier's confusion matrices, ROC and precision-recall curves and (for a
 * multiclass model) its per-class metrics; a regression's predicted-against-actual density and error
 * histogram.
 *
 * <p>Thread-safe: immutable.
 *
 * @param verdict the section's verdict ({@link QualityView#verdict})
 * @param failed whether the model failed its tests
 * @param summary what was scored, in a sentence
 * @param withReference whether the check has a reference side
 * @param metrics one row per metric of the current side, in Evidently's order
 * @param degradation the degradation tests, one row each; empty when none ran
 * @param confusion the confusion matrices, the reference's first; empty for a regression or when too big
 * @param confusionNote why a confusion matrix is not shown, or null
 * @param curves a binary classifier's ROC and precision-recall charts; null without curves
 * @param classCurves a multiclass classifier's charts, one per class drawn
 * @param curvesNote why curves are missing or only some are drawn, or null
 * @param byClass a multiclass classifier's per-class metrics, one row per class (at most {@value #CLASS_ROWS})
 * @param moreClasses classes left out of {@code byClass}
 * @param density a regression's predicted-against-actual density; null otherwise
 * @param errorChart a regression's error histogram; null otherwise
 * @param errors what could not be computed
 */
record QualityHtmlView(String verdict, boolean failed, String summary, boolean withReference, List<MetricRow> metrics,
        List<DegradationRow> degradation, List<Confusion> confusion, String confusionNote,
        ModelCharts.ClassCurves curves, List<ModelCharts.ClassCurves> classCurves, String curvesNote,
        List<ClassRow> byClass, int moreClasses, ModelCharts.DensityChart density, ModelCharts.ErrorChart errorChart,
        List<String> errors) {

    /** Classes past which a confusion matrix is left to the JSON result. */
    static final int CONFUSION_CLASSES = 15;
    /** The most classes the per-class table lists (the first in sorted order; the JSON result has all). */
    static final int CLASS_ROWS = 50;

    /**
     * One metric's row.
     *
     * @param name the metric's key ({@code f1_score})
     * @param reference the reference's value, or empty
     * @param current the current value
     * @param status {@code pass}, {@code fail} or {@code none} (no test)
     * @param test the test's condition in words, or empty
     */
    record MetricRow(String name, String reference, String current, String status, String test) {
    }

    /**
     * One degradation test.
     *
     * @param metric the metric's key
     * @param reference the reference's value
     * @param current the current value
     * @param worsening how much worse the current value is (negative: better)
     * @param bound the lower confidence bound of the worsening, with the confidence
     * @param tolerance the tolerance as given, and in the metric's units
     * @param status {@code fail}, {@code pass} or {@code error}
     * @param verdict the verdict in words
     */
    record DegradationRow(String metric, String reference, String current, String worsening, String bound,
            String tolerance, String status, String verdict) {
    }

    /**
     * One side's confusion matrix: rows are the actual classes, columns the predicted.
     *
     * @param side {@code Reference} or {@code Current}
     * @param cls the side's colour class ({@code r} or {@code c})
     * @param labels the predicted classes, printed
     * @param rows one per actual class
     */
    record Confusion(String side, String cls, List<String> labels, List<ConfusionRow> rows) {
    }

    /** One actual class: its cells, and its rows in all. */
    record ConfusionRow(String label, List<Cell> cells, String total) {
    }

    /**
     * One cell.
     *
     * @param count rows, printed
     * @param share the cell's share of its actual class, printed
     * @param cls {@code dg} on the diagonal, then a shade: {@code d1…d5} (diagonal) or {@code e1…e5} (errors)
     * @param title which cell it is ({@code actual 1, predicted 0}), for a pointer over a big matrix
     */
    record Cell(String count, String share, String cls, String title) {
    }

    /**
     * One class's metrics on both sides (reference values empty without a reference).
     *
     * @param support the current rows of the class
     */
    record ClassRow(String label, String support, String refPrecision, String precision, String refRecall, String recall,
            String refF1, String f1, String refRocAuc, String rocAuc) {
    }

    static QualityHtmlView of(QualityResult section) {
        QualitySide current = section.current();
        QualitySide reference = section.reference();
        List<String> errors = new ArrayList<>(section.errors());
        if (reference != null && reference.error() != null) {
            errors.add(0, "the reference could not be scored: " + reference.error());
        }
        if (current.error() != null) {
            errors.add(0, "the current batch could not be scored: " + current.error());
        }
        String summary = section.task().label().replace('_', ' ') + ": " + DisplayNumbers.count(current.rowsUsed())
                + " of " + DisplayNumbers.count(current.rowsRead()) + " rows scored"
                + (reference == null ? "; no reference" : "; reference " + DisplayNumbers.count(reference.rowsUsed())
                        + " rows");
        QualityCharts charts = section.charts();
        QualityCharts.Side curSide = current.error() == null ? charts.current() : QualityCharts.Side.EMPTY;
        QualityCharts.Side refSide = charts.reference() == null || reference == null || reference.error() != null
                ? QualityCharts.Side.EMPTY : charts.reference();

        List<Confusion> confusion = new ArrayList<>();
        String confusionNote = null;
        ModelCharts.ClassCurves curves = null;
        List<ModelCharts.ClassCurves> classCurves = new ArrayList<>();
        String curvesNote = null;
        List<ClassRow> byClass = new ArrayList<>();
        int moreClasses = 0;
        ModelCharts.DensityChart density = null;
        ModelCharts.ErrorChart errorChart = null;
        if (section.task().isClassification()) {
            for (QualitySide side : new QualitySide[] {reference, current}) {
                if (side instanceof ClassificationSide c && c.error() == null && c.confusionMatrix() != null) {
                    if (c.confusionMatrix().labels().size() > CONFUSION_CLASSES) {
                        confusionNote = "The confusion matrix has " + c.confusionMatrix().labels().size()
                                + " classes, too many to read here: it is in the JSON result.";
                    } else {
                        confusion.add(confusion(side == reference ? "Reference" : "Current", side == reference ? "r" : "c",
                                c.confusionMatrix()));
                    }
                }
            }
            curvesNote = curvesNote(section, curSide, refSide);
            if (section.task() == ModelTask.BINARY_CLASSIFICATION) {
                QualityCharts.Curves cur = curSide.curves().isEmpty() ? null : curSide.curves().get(0);
                QualityCharts.Curves ref = refSide.curves().isEmpty() ? null : refSide.curves().get(0);
                if (cur != null || ref != null) {
                    curves = ModelCharts.curves((cur != null ? cur : ref).label().toString(), ref, cur);
                }
            } else {
                Map<ClassLabel, QualityCharts.Curves[]> byLabel = new LinkedHashMap<>();
                for (QualityCharts.Curves c : curSide.curves()) {
                    byLabel.computeIfAbsent(c.label(), k -> new QualityCharts.Curves[2])[1] = c;
                }
                for (QualityCharts.Curves c : refSide.curves()) {
                    byLabel.computeIfAbsent(c.label(), k -> new QualityCharts.Curves[2])[0] = c;
                }
                List<ClassLabel> labels = new ArrayList<>(byLabel.keySet());
                labels.sort(null);
                for (ClassLabel l : labels) {
                    QualityCharts.Curves[] pair = byLabel.get(l);
                    classCurves.add(ModelCharts.curves(l.toString(), pair[0], pair[1]));
                }
                byClass = byClass(reference, current);
                if (current instanceof ClassificationSide c && c.error() == null) {
                    moreClasses = c.byLabel().size() - byClass.size();
                }
            }
        } else {
            density = ModelCharts.density(refSide.density(), curSide.density());
            errorChart = ModelCharts.errors(refSide.errors(), curSide.errors());
        }
        return new QualityHtmlView(QualityView.verdict(section), section.failed(), summary, reference != null,
                metricRows(section), degradationRows(section), confusion, confusionNote, curves, classCurves, curvesNote,
                byClass, moreClasses, density, errorChart, errors);
    }

    private static List<MetricRow> metricRows(QualityResult section) {
        QualitySide reference = section.reference();
        List<MetricRow> rows = new ArrayList<>();
        for (Map.Entry<QualityMetric, MetricValue> e : section.current().metrics().entrySet()) {
            QualityMetric metric = e.getKey();
            MetricValue ref = reference == null ? null : reference.metric(metric);
            String status = "none";
            String test = "";
            for (MetricTest t : section.tests()) {
                if (t.metric().equals(metric.key()) && (t.slot().equals("value") || t.slot().equals("mean"))) {
                    status = t.status().failed() ? "fail" : "pass";
                    test = IntegrityView.condition(t.condition());
                }
            }
            for (DegradationTest t : section.degradation()) {
                if (t.metric() == metric) {
                    status = t.failed() ? "fail" : t.error() != null ? "error" : "pass";
                    test = t.error() != null ? t.error() : t.failed() ? "worse than tolerated: "
                            + QualityView.degradationText(t) : "not worse than the reference by more than "
                            + DisplayNumbers.score(t.allowed());
                }
            }
            rows.add(new MetricRow(metric.key(), ref == null ? "" : QualityView.value(ref),
                    QualityView.value(e.getValue()), status, test));
        }
        return rows;
    }

    private static List<DegradationRow> degradationRows(QualityResult section) {
        List<DegradationRow> rows = new ArrayList<>();
        for (DegradationTest t : section.degradation()) {
            String status = t.failed() ? "fail" : t.error() != null ? "error" : "pass";
            String tolerance = t.tolerance().scale() == QualityOptions.Scale.RELATIVE
                    ? DisplayNumbers.percent(t.tolerance().amount()) + " of the reference (" + DisplayNumbers.score(t.allowed())
                            + ")"
                    : DisplayNumbers.score(t.allowed());
            String verdict = t.error() != null ? t.error() : t.failed() ? "worse than tolerated"
                    : t.worsening() <= 0 ? "not worse" : "within tolerance";
            rows.add(new DegradationRow(t.metric().key(), DisplayNumbers.score(t.reference()),
                    DisplayNumbers.score(t.current()), DisplayNumbers.score(t.worsening()),
                    Double.isNaN(t.worseningBound()) ? "n/a" : "≥ " + DisplayNumbers.score(t.worseningBound()) + " at "
                            + DisplayNumbers.percent(t.confidence()),
                    tolerance, status, verdict));
        }
        return rows;
    }

    private static Confusion confusion(String side, String cls, ConfusionMatrix m) {
        int k = m.labels().size();
        List<String> labels = new ArrayList<>(k);
        for (ClassLabel l : m.labels()) {
            labels.add(l.toString());
        }
        List<ConfusionRow> rows = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            long total = 0;
            for (int j = 0; j < k; j++) {
                total += m.count(i, j);
            }
            List<Cell> cells = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                long count = m.count(i, j);
                double share = total == 0 ? 0 : (double) count / total;
                int shade = count == 0 ? 0 : Math.min(5, 1 + (int) (share * 5));
                String shadeClass = shade == 0 ? "" : (i == j ? "d" : "e") + shade;
                String cellClass = i == j ? ("dg " + shadeClass).strip() : shadeClass;
                cells.add(new Cell(DisplayNumbers.count(count), total == 0 ? "–" : DisplayNumbers.percent(share),
                        cellClass, "actual " + labels.get(i) + ", predicted " + labels.get(j)));
            }
            rows.add(new ConfusionRow(labels.get(i), cells, DisplayNumbers.count(total)));
        }
        return new Confusion(side, cls, labels, rows);
    }

    /** Why there are no curves, or why only some classes have them; null when every curve is drawn. */
    private static String curvesNote(QualityResult section, QualityCharts.Side current, QualityCharts.Side reference) {
        QualitySide side = section.current();
        if (side.error() != null) {
            return null;
        }
        MetricValue auc = side.metric(ClassificationMetric.ROC_AUC);
        if (auc == null) {
            return "No ROC or precision-recall curves: the monitor names no probability columns (model.probabilities).";
        }
        if (current.curves().isEmpty() && reference.curves().isEmpty()) {
            return "No ROC or precision-recall curves: " + (auc.ok() ? "the scored rows hold a single class" : auc.error())
                    + ".";
        }
        if (section.task() == ModelTask.MULTICLASS_CLASSIFICATION && side instanceof ClassificationSide c
                && c.byLabel().size() > QualityCharts.MAX_CLASSES_DRAWN) {
            return "Curves of the first " + QualityCharts.MAX_CLASSES_DRAWN + " classes in sorted order; every class's"
                    + " ROC AUC is in the table.";
        }
        return null;
    }

    private static List<ClassRow> byClass(QualitySide reference, QualitySide current) {
        List<ClassRow> rows = new ArrayList<>();
        if (!(current instanceof ClassificationSide cur) || cur.error() != null) {
            return rows;
        }
        Map<ClassLabel, LabelMetrics> refByLabel = new LinkedHashMap<>();
        if (reference instanceof ClassificationSide ref && ref.error() == null) {
            for (LabelMetrics m : ref.byLabel()) {
                refByLabel.put(m.label(), m);
            }
        }
        Map<ClassLabel, Long> support = new LinkedHashMap<>();
        ConfusionMatrix matrix = cur.confusionMatrix();
        if (matrix != null) {
            int k = matrix.labels().size();
            for (int i = 0; i < k; i++) {
                long total = 0;
                for (int j = 0; j < k; j++) {
                    total += matrix.count(i, j);
                }
                support.put(matrix.labels().get(i), total);
            }
        }
        for (LabelMetrics m : cur.byLabel()) {
            LabelMetrics r = null;
            for (Map.Entry<ClassLabel, LabelMetrics> e : refByLabel.entrySet()) {
                if (e.getKey().matches(m.label())) {
                    r = e.getValue();
                }
            }
            Long rowsOfClass = null;
            for (Map.Entry<ClassLabel, Long> e : support.entrySet()) {
                if (e.getKey().matches(m.label())) {
                    rowsOfClass = e.getValue();
                }
            }
            rows.add(new ClassRow(m.label().toString(), rowsOfClass == null ? "" : DisplayNumbers.count(rowsOfClass),
                    r == null ? "" : DisplayNumbers.score(r.precision()), DisplayNumbers.score(m.precision()),
                    r == null ? "" : DisplayNumbers.score(r.recall()), DisplayNumbers.score(m.recall()),
                    r == null ? "" : DisplayNumbers.score(r.f1Score()), DisplayNumbers.score(m.f1Score()),
                    r == null ? "" : DisplayNumbers.score(r.rocAuc()), DisplayNumbers.score(m.rocAuc())));
            if (rows.size() == CLASS_ROWS) {
                break;
            }
        }
        return rows;
    }
}
