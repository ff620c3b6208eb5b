package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;
import io.driftwatch.analysis.ModelSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.data.CategoricalColumnBuilder;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the model-quality oracle ({@code src/test/resources/oracle/quality}, see its
 * {@code README-quality.md}): each case's model definition as a {@link ModelSpec}, its frames as
 * {@link Table}s built with the data builders (pandas {@code int64} → integer, {@code float64} →
 * float with {@code null} missing and {@code "Infinity"} infinite, {@code bool} → boolean,
 * {@code string} → text), and what Evidently 0.7.21 produced: the error it raised, or its metrics,
 * default tests and dummy baselines, with the oracle's tolerances. Public for the end-to-end tests of
 * other packages, which run the same cases through the CLI and the service.
 *
 * <p>Thread-safe: immutable.
 */
public final class QualityOracle {
    /** The oracle files of the quality analysis. */
    public static final List<String> FILES = List.of("classification_binary.json", "classification_multiclass.json",
            "regression.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QualityOracle() {
    }

    /** Every case of every file. */
    public static List<Case> all() {
        List<Case> out = new ArrayList<>();
        for (String f : FILES) {
            out.addAll(load(f));
        }
        return out;
    }

    /** The cases of one file ({@code regression.json}, …). */
    public static List<Case> load(String file) {
        String resource = "/oracle/quality/" + file;
        try (InputStream in = QualityOracle.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            JsonNode root = MAPPER.readTree(in);
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(new Case(file, root.get("kind").asText(), c));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number of the oracle's encoding: a JSON number, or {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; null is NaN. */
    public static double number(JsonNode n) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (n.isTextual()) {
            return switch (n.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + n);
            };
        }
        return n.asDouble();
    }

    /** A class label as the oracle writes it, keeping its JSON type (int, string, bool, float). */
    public static ClassLabel label(JsonNode n) {
        if (n.isTextual()) {
            return ClassLabel.ofText(n.asText());
        }
        if (n.isBoolean()) {
            return ClassLabel.ofBoolean(n.asBoolean());
        }
        if (n.isIntegralNumber()) {
            return ClassLabel.ofInteger(n.asLong());
        }
        return ClassLabel.ofFloat(n.asDouble());
    }

    /** Driftwatch's key of an Evidently metric class ({@code F1ByLabel} → {@code f1_score}, {@code DummyMAE} → {@code dummy_mae}). */
    public static String key(String evidentlyName) {
        return switch (evidentlyName) {
            case "Accuracy" -> "accuracy";
            case "Precision", "PrecisionByLabel" -> "precision";
            case "Recall", "RecallByLabel" -> "recall";
            case "F1Score", "F1ByLabel" -> "f1_score";
            case "RocAuc", "RocAucByLabel" -> "roc_auc";
            case "LogLoss" -> "log_loss";
            case "TPR", "TNR", "FPR", "FNR" -> evidentlyName.toLowerCase(java.util.Locale.ROOT);
            case "MeanError" -> "mean_error";
            case "MAPE" -> "mape";
            case "RMSE" -> "rmse";
            case "MAE" -> "mae";
            case "R2Score" -> "r2_score";
            case "AbsMaxError" -> "abs_max_error";
            default -> {
                if (evidentlyName.startsWith("Dummy")) {
                    yield "dummy_" + key(evidentlyName.substring(5));
                }
                throw new IllegalArgumentException("unknown Evidently metric " + evidentlyName);
            }
        };
    }

    /**
     * The oracle's relative tolerance for a metric (its README, 3.8 and 6.4): ratios of counts 1e-12,
     * ROC AUC and log loss 1e-9 (summation order), every regression value 1e-9.
     */
    public static double relativeTolerance(String kind, String evidentlyName) {
        if (kind.equals("regression")) {
            return 1e-9;
        }
        return evidentlyName.contains("RocAuc") || evidentlyName.contains("LogLoss") ? 1e-9 : 1e-12;
    }

    /**
     * Whether {@code actual} agrees with {@code expected} within {@code relative} of it (NaN agrees
     * with NaN only; an expected 0 must be 0).
     */
    public static boolean close(double expected, double actual, double relative) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true;
        }
        return Math.abs(expected - actual) <= relative * Math.abs(expected);
    }

    /** One oracle case. */
    public record Case(String file, String kind, JsonNode json) {

        public String id() {
            return json.get("id").asText();
        }

        public String scenario() {
            return json.get("scenario").asText();
        }

        public boolean hasReference() {
            return json.get("has_reference").asBoolean();
        }

        @Override
        public String toString() {
            return id();
        }

        /** The model definition and preset parameters as Driftwatch's model spec. */
        public ModelSpec spec() {
            JsonNode definition = json.get("data_definition");
            JsonNode params = json.get("preset").get("params");
            if (definition.has("regression")) {
                JsonNode r = definition.get("regression").get(0);
                return ModelSpec.regression(r.get("target").asText(), r.get("prediction").asText());
            }
            JsonNode c = definition.get("classification").get(0);
            String target = c.get("target").asText();
            String labels = text(c.get("prediction_labels"));
            JsonNode probas = c.get("prediction_probas");
            ModelSpec spec;
            if (c.get("type").asText().equals("MulticlassClassification")) {
                Map<String, String> columns = new LinkedHashMap<>();
                if (probas != null && probas.isArray()) {
                    for (JsonNode p : probas) {
                        columns.put(p.asText(), p.asText());
                    }
                }
                spec = ModelSpec.multiclass(target, labels, columns);
            } else {
                spec = ModelSpec.binary(target, labels, text(probas));
                JsonNode pos = c.get("pos_label");
                if (pos != null && !pos.isNull()) {
                    spec = spec.withPosLabel(label(pos));
                }
            }
            if (params.has("probas_threshold")) {
                spec = spec.withProbasThreshold(params.get("probas_threshold").asDouble());
            }
            return spec;
        }

        /** The current frame. */
        public Table current() {
            return table("current");
        }

        /** The reference frame, or null when the case has none. */
        public Table reference() {
            return hasReference() ? table("reference") : null;
        }

        /** The frame {@code side} ({@code current} or {@code reference}) with the columns' pandas dtypes. */
        public Table table(String side) {
            List<Column> columns = new ArrayList<>();
            for (JsonNode col : json.get("columns")) {
                String name = col.get("name").asText();
                JsonNode values = col.get(side);
                String dtype = col.get("dtype").asText();
                columns.add(switch (dtype) {
                    case "int64" -> numeric(name, PhysicalType.INTEGER, values);
                    case "float64" -> numeric(name, PhysicalType.FLOAT, values);
                    case "bool" -> numeric(name, PhysicalType.BOOLEAN, values);
                    case "string" -> text(name, values);
                    default -> throw new IllegalArgumentException(id() + ": column " + name + " of dtype " + dtype);
                });
            }
            return Table.of(columns);
        }

        /**
         * The frame {@code side} as CSV text that Driftwatch's CSV reader types as pandas typed the
         * frame: integers without a point, floats with one ({@link Double#toString}, {@code inf},
         * an empty cell for a missing value), booleans as {@code True}/{@code False}, text quoted
         * when it needs to be (an empty cell for a missing value). For tests that run a case through
         * files (the command line, the service).
         */
        public String csv(String side) {
            JsonNode columns = json.get("columns");
            StringBuilder sb = new StringBuilder();
            int rows = -1;
            for (int c = 0; c < columns.size(); c++) {
                sb.append(c == 0 ? "" : ",").append(quote(columns.get(c).get("name").asText()));
                rows = columns.get(c).get(side).size();
            }
            sb.append('\n');
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns.size(); c++) {
                    JsonNode col = columns.get(c);
                    JsonNode v = col.get(side).get(r);
                    sb.append(c == 0 ? "" : ",");
                    if (v.isNull()) {
                        continue;
                    }
                    switch (col.get("dtype").asText()) {
                        case "int64" -> sb.append(v.asLong());
                        case "float64" -> {
                            double d = number(v);
                            sb.append(Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toString(d));
                        }
                        case "bool" -> sb.append(v.asBoolean() ? "True" : "False");
                        default -> sb.append(quote(v.asText()));
                    }
                }
                sb.append('\n');
            }
            return sb.toString();
        }

        private static String quote(String text) {
            boolean plain = !text.isEmpty() && text.strip().equals(text);
            for (int i = 0; plain && i < text.length(); i++) {
                char ch = text.charAt(i);
                plain = ch != ',' && ch != '"' && ch != '\n' && ch != '\r' && ch != ';' && ch != '\t' && ch != '|';
            }
            return plain ? text : '"' + text.replace("\"", "\"\"") + '"';
        }

        /** What Evidently produced. */
        public Expected expected() {
            JsonNode e = json.get("expected");
            if (e.has("error")) {
                return new Expected(e.get("error").asText(), List.of(), List.of(), List.of());
            }
            List<ExpectedMetric> metrics = new ArrayList<>();
            for (JsonNode m : e.get("metrics")) {
                metrics.add(ExpectedMetric.of(m));
            }
            List<ExpectedTest> tests = new ArrayList<>();
            for (JsonNode t : e.get("tests")) {
                tests.add(ExpectedTest.of(t));
            }
            List<ExpectedMetric> baselines = new ArrayList<>();
            for (JsonNode m : e.get("baseline_metrics")) {
                baselines.add(ExpectedMetric.of(m));
            }
            return new Expected(null, metrics, tests, baselines);
        }

        private static String text(JsonNode n) {
            return n == null || n.isNull() ? null : n.asText();
        }

        private static Column numeric(String name, PhysicalType type, JsonNode values) {
            NumericColumnBuilder b = new NumericColumnBuilder(name, type, values.size());
            for (JsonNode v : values) {
                if (v.isBoolean()) {
                    b.append(v.asBoolean() ? 1 : 0);
                } else {
                    b.append(number(v));
                }
            }
            return b.build();
        }

        private static Column text(String name, JsonNode values) {
            CategoricalColumnBuilder b = new CategoricalColumnBuilder(name, values.size());
            for (JsonNode v : values) {
                if (v.isNull()) {
                    b.appendMissing();
                } else {
                    b.append(v.asText());
                }
            }
            return b.build();
        }
    }

    /**
     * What Evidently produced for a case.
     *
     * @param error {@code "ExceptionType: message"} when Evidently raised (then nothing else), or null
     * @param metrics every metric of the preset, in Evidently's order
     * @param tests every default test that ran
     * @param baselines the dummy metrics Evidently computed for the no-reference tests
     */
    public record Expected(String error, List<ExpectedMetric> metrics, List<ExpectedTest> tests,
            List<ExpectedMetric> baselines) {
    }

    /** One metric's expected values; {@code reference} is null without a reference. */
    public record ExpectedMetric(String evidentlyName, Value current, Value reference) {
        static ExpectedMetric of(JsonNode m) {
            return new ExpectedMetric(m.get("metric").asText(), Value.of(m.get("current")), Value.of(m.get("reference")));
        }

        /** Driftwatch's key of the metric. */
        public String key() {
            return QualityOracle.key(evidentlyName);
        }

        /** Whether it is a by-label metric. */
        public boolean byLabel() {
            return evidentlyName.endsWith("ByLabel");
        }
    }

    /**
     * A metric's value: a single number, a mean with its standard deviation, or numbers by label.
     *
     * @param value the number, or the mean
     * @param std the standard deviation of a mean-and-deviation value, else NaN
     * @param byLabel the numbers by label, else empty
     */
    public record Value(double value, double std, Map<ClassLabel, Double> byLabel) {
        static Value of(JsonNode v) {
            if (v == null || v.isNull()) {
                return null;
            }
            return switch (v.get("type").asText()) {
                case "single" -> new Value(number(v.get("value")), Double.NaN, Map.of());
                case "mean_std" -> new Value(number(v.get("mean")), number(v.get("std")), Map.of());
                case "by_label" -> {
                    Map<ClassLabel, Double> m = new LinkedHashMap<>();
                    for (JsonNode pair : v.get("values")) {
                        m.put(label(pair.get(0)), number(pair.get(1)));
                    }
                    yield new Value(Double.NaN, Double.NaN, m);
                }
                default -> throw new IllegalArgumentException("value type " + v.get("type"));
            };
        }
    }

    /**
     * One default test as Evidently ran it.
     *
     * @param evidentlyName the metric's Evidently class
     * @param slot {@code value} or {@code mean}
     * @param op {@code eq}, {@code gt}, {@code lt}, …
     * @param referenceBound whether the bound is the reference's value (else a constant)
     * @param bound the constant, or the reference's value
     * @param tolerance the reference bound's tolerance (0 for a constant)
     * @param testedValue the current value compared
     * @param status {@code SUCCESS} or {@code FAIL}
     */
    public record ExpectedTest(String evidentlyName, String slot, String op, boolean referenceBound, double bound,
            double tolerance, double testedValue, String status) {
        static ExpectedTest of(JsonNode t) {
            JsonNode b = t.get("bound");
            boolean reference = b.get("kind").asText().equals("reference");
            return new ExpectedTest(t.get("metric").asText(), t.get("slot").get("kind").asText(), t.get("op").asText(),
                    reference, number(reference ? b.get("reference_value") : b.get("value")),
                    reference ? number(b.get("tolerance")) : 0.0, number(t.get("tested_value")),
                    t.get("status").asText());
        }

        /** Driftwatch's key of the tested metric. */
        public String key() {
            return QualityOracle.key(evidentlyName);
        }

        /**
         * Whether the tested value lies so close to the bound (within 1e-9·max(1, |bound|)) that the
         * oracle accepts either status.
         */
        public boolean onTheEdge() {
            double margin = 1e-9 * Math.max(1, Math.abs(bound));
            if (!referenceBound) {
                return Math.abs(testedValue - bound) <= margin;
            }
            return Math.abs(testedValue - (bound - tolerance)) <= margin
                    || Math.abs(testedValue - (bound + tolerance)) <= margin;
        }
    }
}
