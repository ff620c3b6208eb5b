package io.driftwatch.monitor.definitions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.driftwatch.drift.ColumnOverride;
import io.driftwatch.drift.Correction;
import io.driftwatch.drift.DriftOptions;
import io.driftwatch.analysis.Chunking;
import io.driftwatch.estimate.Calibration;
import io.driftwatch.estimate.EstimateOptions;
import io.driftwatch.multivariate.MultivariateOptions;
import io.driftwatch.integrity.IntegrityFinding;
import io.driftwatch.integrity.IntegrityOptions;
import io.driftwatch.analysis.ClassLabel;
import io.driftwatch.quality.ClassificationMetric;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.analysis.ModelTask;
import io.driftwatch.quality.QualityMetric;
import io.driftwatch.quality.QualityOptions;
import io.driftwatch.stats.BinningStrategy;
import io.driftwatch.stats.ColumnKind;
import io.driftwatch.stats.DriftTest;
import io.driftwatch.stats.DriftTests;
import io.driftwatch.monitor.sources.SourceSpec;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a {@link MonitorDefinition} from YAML or JSON text and validates it, collecting every
 * problem with its field path and, from a first streaming pass over the text, its line and column.
 * Parsing is done by hand over a Jackson tree rather than by data binding, so that each message can
 * say what was expected at that exact place.
 *
 * <p>The cost of reading a definition is bounded by its length whatever it holds: nesting, key, string
 * and number lengths are capped ({@link #MAX_DEPTH}, {@link #MAX_KEY_LENGTH}, {@link #MAX_NUMBER_LENGTH}),
 * the locations kept for messages are capped in total, and no check is quadratic in the number of
 * columns. Only one document is read: YAML with several documents ({@code ---}) or JSON with a second
 * value after the first is refused rather than cut short.
 *
 * <p>Thread-safe: stateless (the factories are thread-safe once configured).
 */
final class MonitorParser {
    /** How deep mappings and lists may nest; a definition needs five levels. */
    static final int MAX_DEPTH = 64;
    /** The longest key, in characters: keys are field names, column names and header names. */
    static final int MAX_KEY_LENGTH = 10_000;
    /** The longest number, in characters. */
    static final int MAX_NUMBER_LENGTH = 100;
    /**
     * The longest field path whose location is kept for messages (one key at its longest, under a few
     * short ones); longer ones are reported without a line.
     */
    private static final int MAX_LOCATED_PATH = MAX_KEY_LENGTH + 100;
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
            .maxNameLength(MAX_KEY_LENGTH).maxNumberLength(MAX_NUMBER_LENGTH).build();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final YAMLFactory YAML = YAMLFactory.builder().streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    static final List<String> TOP_KEYS = List.of("name", "reference", "columns", "drift", "alerts", "retrain",
            "schedule", "source", "chunks", "reference_roll", "integrity", "model", "quality", "estimate",
            "multivariate");
    static final List<String> ESTIMATE_KEYS = List.of("chunks", "calibrate", "metrics");
    static final List<String> MULTIVARIATE_KEYS = List.of("methods", "chunks", "columns", "variance");
    static final List<String> ANALYSIS_CHUNK_KEYS = List.of("count", "size", "period");
    static final List<String> MODEL_KEYS = List.of("task", "target", "prediction", "probabilities", "pos_label",
            "probas_threshold", "id");
    static final List<String> QUALITY_KEYS = List.of("tests", "degradation", "confidence");
    static final List<String> TOLERANCE_KEYS = List.of("relative", "absolute");
    static final List<String> SCHEDULE_KEYS = List.of("cron", "cron_type", "time_zone", "every");
    static final List<String> DIRECTORY_KEYS = List.of("type", "path", "glob", "settle");
    static final List<String> JDBC_KEYS = List.of("type", "datasource", "query");
    static final List<String> HTTP_KEYS = List.of("type", "url", "headers", "timeout");
    static final List<String> S3_KEYS = List.of("type", "url", "glob");
    static final List<String> CHUNK_KEYS = List.of("every", "column", "rows");
    static final List<String> ROLL_KEYS = List.of("previous", "every");
    static final List<String> ALERT_KEYS = List.of("when", "channels", "cooldown", "notify_resolved");
    static final List<String> RETRAIN_KEYS = List.of("when", "triggers");
    static final List<String> WHEN_KEYS = List.of("dataset_drift", "drift_share", "columns", "check_error",
            "integrity", "quality", "estimate", "multivariate");
    static final List<String> WHEN_INTEGRITY_KEYS = List.of("severity", "columns");
    static final List<String> WHEN_QUALITY_KEYS = List.of("degraded", "below", "above");
    static final List<String> WHEN_ESTIMATE_KEYS = List.of("metrics");
    static final List<String> WHEN_MULTIVARIATE_KEYS = List.of("methods");
    static final List<String> COLUMN_KEYS = List.of("numerical", "categorical", "text", "datetime", "target",
            "prediction", "ignored");
    static final List<String> DRIFT_KEYS = List.of("share", "method", "num_method", "cat_method", "threshold",
            "num_threshold", "cat_threshold", "per_column", "correction", "binning", "n_bins", "missing_share_threshold");
    static final List<String> PER_COLUMN_KEYS = List.of("method", "threshold");
    static final List<String> INTEGRITY_KEYS = List.of("tests", "range_margin", "missing_tolerance",
            "duplicated_tolerance", "confidence");
    /** Keys of Evidently's or other tools' vocabulary mapped to ours, for "did you mean" hints. */
    private static final Map<String, String> ALIASES = Map.of("timestamp", "datetime", "numerical_features",
            "numerical", "categorical_features", "categorical", "stattest", "method", "stattest_threshold",
            "threshold", "drift_share", "share", "per_column_stattest", "per_column");

    private final String source;
    private final Map<String, JsonLocation> locations;
    private final Map<String, String> yamlBooleanWords;
    private final List<InvalidMonitorException.Problem> problems = new ArrayList<>();

    private MonitorParser(String source, Map<String, JsonLocation> locations, Map<String, String> yamlBooleanWords) {
        this.source = source;
        this.locations = locations;
        this.yamlBooleanWords = yamlBooleanWords;
    }

    static MonitorDefinition parse(String text, String source) {
        JsonFactory factory = text.stripLeading().startsWith("{") ? JSON : YAML;
        String format = factory == JSON ? "JSON" : "YAML";
        JsonNode root;
        Map<String, JsonLocation> locations;
        Map<String, String> booleanWords;
        try {
            Located located = locate(factory, text);
            if (located.documents() > 1) {
                JsonLocation at = located.second();
                throw new InvalidMonitorException(source, List.of(new InvalidMonitorException.Problem("",
                        at.getLineNr(), at.getColumnNr(), "the definition holds " + located.documents() + " " + format
                                + " documents; send one" + (factory == YAML ? " (remove the --- separators)" : ""))));
            }
            locations = located.locations();
            booleanWords = located.booleanWords();
            root = new ObjectMapper(factory).readTree(text);
        } catch (StreamConstraintsException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidMonitorException(source, List.of(new InvalidMonitorException.Problem("",
                    at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not a valid monitor definition: " + pastLimit(e.getOriginalMessage()))));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage();
            throw new InvalidMonitorException(source, List.of(new InvalidMonitorException.Problem("",
                    at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid " + format + ": " + firstLine(message))));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        MonitorParser parser = new MonitorParser(source, locations, booleanWords);
        MonitorDefinition definition = parser.definition(root);
        if (!parser.problems.isEmpty()) {
            List<InvalidMonitorException.Problem> sorted = new ArrayList<>(parser.problems);
            sorted.sort(Comparator.comparingInt((InvalidMonitorException.Problem p) -> p.line() == 0
                    ? Integer.MAX_VALUE : p.line()).thenComparingInt(InvalidMonitorException.Problem::column));
            throw new InvalidMonitorException(source, sorted);
        }
        return definition;
    }

    /** Which of Jackson's read limits the text went past, in the definition's own terms. */
    private static String pastLimit(String jacksonMessage) {
        String m = jacksonMessage == null ? "" : jacksonMessage;
        if (m.contains("nesting depth")) {
            return "mappings and lists are nested more than " + MAX_DEPTH + " levels deep";
        }
        if (m.contains("Name length")) {
            return "a key is longer than " + MAX_KEY_LENGTH + " characters";
        }
        if (m.contains("Number value length")) {
            return "a number is longer than " + MAX_NUMBER_LENGTH + " characters";
        }
        return "a value is longer than a monitor definition may hold";
    }

    /**
     * What the streaming pass learnt: the location of keys and list elements by field path, how many
     * documents the text holds, where the second one starts, and the values YAML read as true or false
     * from another word ({@code yes}, {@code no}, {@code on}, {@code off}, {@code y}, {@code n}) by
     * field path, with the word.
     */
    private record Located(Map<String, JsonLocation> locations, int documents, JsonLocation second,
            Map<String, String> booleanWords) {
    }

    /**
     * The location of every key (and of every list element) of the first document, by field path,
     * and the number of documents. Paths longer than {@link #MAX_LOCATED_PATH}, and any past a total
     * of a few times the text's length, are not kept (their problems are reported without a line), so
     * that long keys with many children cost memory in proportion to the text, not its square.
     */
    private static Located locate(JsonFactory factory, String text) throws IOException {
        Map<String, JsonLocation> out = new HashMap<>();
        Map<String, String> words = new HashMap<>();
        long budget = 8L * text.length() + 4096;
        int documents = 0;
        JsonLocation second = null;
        try (JsonParser p = factory.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (documents > 0) {
                    if (second == null) {
                        second = p.currentTokenLocation();
                    }
                    if (t.isStructStart()) {
                        p.skipChildren();
                    }
                    documents++;
                    continue;
                }
                if (t == JsonToken.FIELD_NAME || p.getParsingContext().inArray()) {
                    int length = pathLength(p);
                    if (length <= MAX_LOCATED_PATH && length <= budget) {
                        String path = path(p, length);
                        if (out.putIfAbsent(path, p.currentTokenLocation()) == null) {
                            budget -= length;
                        }
                    }
                }
                if (t.isBoolean() && !p.getText().equalsIgnoreCase(t == JsonToken.VALUE_TRUE ? "true" : "false")) {
                    int length = pathLength(p);
                    if (length <= MAX_LOCATED_PATH && length <= budget) {
                        words.put(path(p, length), p.getText());
                        budget -= length;
                    }
                }
                if (p.getParsingContext().inRoot() && !t.isStructStart()) {
                    documents = 1;
                }
            }
        }
        return new Located(out, Math.max(documents, 1), second, words);
    }

    /** The length {@link #path(JsonParser, int)} will have, found without building it. */
    private static int pathLength(JsonParser p) {
        int length = 0;
        for (var ctx = p.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inArray()) {
                length += 2 + Integer.toString(ctx.getCurrentIndex()).length();
            } else if (ctx.getCurrentName() != null) {
                length += 1 + ctx.getCurrentName().length();
            }
            if (length > MAX_LOCATED_PATH) {
                return length;
            }
        }
        return length;
    }

    private static String path(JsonParser p, int length) {
        List<String> parts = new ArrayList<>();
        for (var ctx = p.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inArray()) {
                parts.add("[" + ctx.getCurrentIndex() + "]");
            } else if (ctx.getCurrentName() != null) {
                parts.add("." + ctx.getCurrentName());
            }
        }
        StringBuilder joined = new StringBuilder(length);
        for (int i = parts.size() - 1; i >= 0; i--) {
            joined.append(parts.get(i));
        }
        return joined.length() > 0 && joined.charAt(0) == '.' ? joined.substring(1) : joined.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private MonitorDefinition definition(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            problem("", "the definition is empty; expected a mapping with " + String.join(", ", TOP_KEYS));
            return null;
        }
        if (!root.isObject()) {
            problem("", "expected a mapping with " + String.join(", ", TOP_KEYS) + ", found " + describe(root));
            return null;
        }
        checkKeys(root, "", TOP_KEYS);
        String name = string(root, "name", "name");
        String reference = string(root, "reference", "reference");

        JsonNode columns = mapping(root, "columns", "columns");
        List<String> numerical = columnList(columns, "numerical");
        List<String> categorical = columnList(columns, "categorical");
        List<String> text = columnList(columns, "text");
        String datetime = columns == null ? null : string(columns, "datetime", "columns.datetime");
        String target = columns == null ? null : string(columns, "target", "columns.target");
        String prediction = columns == null ? null : string(columns, "prediction", "columns.prediction");
        List<String> ignored = columnList(columns, "ignored");
        if (columns != null) {
            checkKeys(columns, "columns", COLUMN_KEYS);
            checkRoles(numerical, categorical, text, datetime, ignored);
            checkRole(target, "target", text, datetime, ignored);
            checkRole(prediction, "prediction", text, datetime, ignored);
            if (target != null && target.equals(prediction)) {
                problem("columns.prediction", "'" + target + "' is already the target; target and prediction are"
                        + " different columns");
            }
        }

        DriftOptions options = DriftOptions.defaults();
        JsonNode drift = mapping(root, "drift", "drift");
        if (drift != null) {
            checkKeys(drift, "drift", DRIFT_KEYS);
            Double share = number(drift, "share", "drift.share");
            if (share != null) {
                if (share > 1) {
                    problem("drift.share", "must be between 0 and 1 (a share of columns), got " + share
                            + (share <= 100 ? "; for " + share + " % write " + share / 100 : ""));
                } else {
                    options = options.withShare(share);
                }
            }
            options = options.withMethod(method(drift, "method", null))
                    .withNumMethod(method(drift, "num_method", ColumnKind.NUMERICAL))
                    .withCatMethod(method(drift, "cat_method", ColumnKind.CATEGORICAL))
                    .withThreshold(number(drift, "threshold", "drift.threshold"))
                    .withNumThreshold(number(drift, "num_threshold", "drift.num_threshold"))
                    .withCatThreshold(number(drift, "cat_threshold", "drift.cat_threshold"))
                    .withPerColumn(perColumn(drift, numerical, categorical, ignored, text, datetime));
            String correction = string(drift, "correction", "drift.correction");
            if (correction != null) {
                try {
                    options = options.withCorrection(Correction.fromLabel(correction));
                } catch (IllegalArgumentException e) {
                    problem("drift.correction", "unknown correction '" + correction + "'; valid: " + labels());
                }
            }
            options = binning(drift, options);
            Double missing = number(drift, "missing_share_threshold", "drift.missing_share_threshold");
            if (missing != null) {
                if (missing > 1) {
                    problem("drift.missing_share_threshold", "must be between 0 and 1 (a change in the share of missing "
                            + "cells), got " + missing);
                } else {
                    options = options.withMissingShareThreshold(missing);
                }
            }
        }
        Schedule schedule = schedule(root);
        SourceSpec source = source(root);
        if (source != null && schedule == null && root.get("schedule") == null) {
            problem("source", "a source is read by scheduled runs: add a schedule (e.g. schedule: {every: 1h})");
        }
        if (schedule != null && source == null && root.get("source") == null) {
            problem("schedule", "a scheduled run reads its batch from a source: add one (type: directory, jdbc or http)");
        }
        ChunkSpec chunks = chunks(root, datetime);
        ReferenceRoll roll = referenceRoll(root, source);
        IntegrityOptions integrity = integrity(root);
        ModelSection model = model(root, target, prediction, text, datetime, ignored);
        QualityOptions quality = quality(root, model == null ? null : model.spec());
        if (model != null) {
            target = model.spec().target();
            prediction = model.spec().prediction();
        }
        EstimateOptions estimate = estimate(root, model == null ? null : model.spec(), datetime);
        MultivariateOptions multivariate = multivariate(root, model, text, datetime, ignored);
        Policy policy = policy(root, new WatchedModel(model == null ? null : model.spec(), quality,
                root.has("model"), estimate, root.has("estimate"), multivariate, root.has("multivariate")));
        return new MonitorDefinition(name, reference, numerical, categorical, text, datetime, target, prediction,
                ignored, options, policy, schedule, source, chunks, roll, integrity,
                model == null ? null : model.spec(), model == null ? null : model.id(), quality, this.source, modelLocations(),
                estimate, multivariate);
    }

    /** The {@code model:} section read: the model and the column that joins late labels (or null). */
    private record ModelSection(ModelSpec spec, String id) {
    }

    /**
     * {@code model:} the model whose quality the check measures (DESIGN.md, "Model quality in the
     * monitor definition"). Its target and prediction are {@code columns.target} and
     * {@code columns.prediction}: either place may name them, both only alike. Null without the key.
     */
    private ModelSection model(JsonNode root, String columnsTarget, String columnsPrediction, List<String> text,
            String datetime, List<String> ignored) {
        JsonNode given = root.get("model");
        if (given != null && (given.isNull() || given.isTextual() && given.asText().isBlank())) {
            // YAML reads "model:" with nothing after it as null, or as an empty text at the document's end
            problem("model", "is empty: describe the model ({task, target, prediction, …}) or leave the key out");
            return null;
        }
        JsonNode node = mapping(root, "model", "model");
        if (node == null) {
            return null;
        }
        checkKeys(node, "model", MODEL_KEYS);
        String target = sameColumn(string(node, "target", "model.target"), columnsTarget, "target");
        String prediction = sameColumn(string(node, "prediction", "model.prediction"), columnsPrediction,
                "prediction");
        String probability = null;
        Map<String, String> classProbabilities = new LinkedHashMap<>();
        JsonNode probabilities = node.get("probabilities");
        if (probabilities != null && !probabilities.isNull()) {
            if (probabilities.isObject()) {
                for (Map.Entry<String, JsonNode> e : probabilities.properties()) {
                    String column = string(probabilities, e.getKey(), "model.probabilities." + e.getKey());
                    if (column != null) {
                        classProbabilities.put(e.getKey(), column);
                    }
                }
            } else {
                probability = string(node, "probabilities", "model.probabilities");
            }
        }
        ModelTask task = null;
        String taskText = string(node, "task", "model.task");
        if (taskText != null) {
            task = named(taskText, "model.task", "task", ModelTask.values(), ModelTask::label, "");
        } else if (!classProbabilities.isEmpty()) {
            task = ModelTask.MULTICLASS_CLASSIFICATION;
        } else if (probability != null) {
            task = ModelTask.BINARY_CLASSIFICATION;
        } else {
            problem("model.task", "is required: one of " + labels(ModelTask.values(), ModelTask::label));
        }
        if (target == null) {
            problem("model.target", "is required: the column of true labels (or values, for a regression)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("model.target", target);
        fields.put("model.prediction", prediction);
        fields.put("model.probabilities", probability);
        classProbabilities.forEach((label, column) -> fields.put("model.probabilities." + label, column));
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String column = f.getValue();
            if (column != null && (text.contains(column) || column.equals(datetime) || ignored.contains(column))) {
                problem(f.getKey(), "column '" + column + "' is listed as text, datetime or ignored; the model's"
                        + " columns are scored");
            }
        }
        ClassLabel posLabel = null;
        JsonNode pos = node.get("pos_label");
        if (pos != null && !pos.isNull()) {
            if (pos.isIntegralNumber()) {
                posLabel = ClassLabel.ofInteger(pos.longValue());
            } else if (pos.isNumber()) {
                posLabel = ClassLabel.ofFloat(pos.doubleValue());
            } else if (pos.isBoolean() && yamlBooleanWords.containsKey("model.pos_label")) {
                String word = yamlBooleanWords.get("model.pos_label");
                problem("model.pos_label", word + " reads as " + pos.booleanValue() + " in YAML (as yes, no, on and off"
                        + " do): write pos_label: \"" + word + "\" for the class '" + word + "', or " + pos.booleanValue()
                        + " for a true/false class");
            } else if (pos.isBoolean()) {
                posLabel = ClassLabel.ofBoolean(pos.booleanValue());
            } else if (pos.isTextual() && !pos.asText().isEmpty()) {
                posLabel = ClassLabel.ofText(pos.asText());
            } else {
                problem("model.pos_label", "expected the positive class (a number or a name), found " + describe(pos));
            }
        }
        Double threshold = number(node, "probas_threshold", "model.probas_threshold");
        if (threshold != null && threshold > 1) {
            problem("model.probas_threshold", "must be between 0 and 1 (a probability), got " + threshold);
            threshold = null;
        }
        String id = string(node, "id", "model.id");
        if (id != null && (id.equals(target) || id.equals(prediction) || id.equals(probability)
                || classProbabilities.containsValue(id))) {
            problem("model.id", "column '" + id + "' is already one of the model's columns; the id identifies a"
                    + " prediction row (e.g. request_id)");
        }
        if (task == null || target == null) {
            return null;
        }
        try {
            ModelSpec spec = new ModelSpec(task, target, prediction, probability, classProbabilities,
                    task == ModelTask.BINARY_CLASSIFICATION ? posLabel : null,
                    threshold == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(threshold));
            if (posLabel != null && task != ModelTask.BINARY_CLASSIFICATION) {
                problem("model.pos_label", "applies to binary classification only; this model is a "
                        + task.label());
                return null;
            }
            return new ModelSection(spec, id);
        } catch (IllegalArgumentException e) {
            // ModelSpec names the field first: "probabilities: a regression has none"
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            String field = colon > 0 && !message.substring(0, colon).contains(" ")
                    ? "model." + message.substring(0, colon) : "model";
            problem(field, colon > 0 && field.length() > 5 ? message.substring(colon + 2) : message);
            return null;
        }
    }

    /** The column named in {@code model.<role>} or {@code columns.<role>}: either, or both alike. */
    private String sameColumn(String inModel, String inColumns, String role) {
        if (inModel != null && inColumns != null && !inModel.equals(inColumns)) {
            problem("model." + role, "names '" + shorten(inModel) + "' but columns." + role + " names '"
                    + shorten(inColumns) + "'; they are the same column: name it once, or alike in both");
            return inModel;
        }
        return inModel != null ? inModel : inColumns;
    }

    /**
     * {@code quality:} the tests the model-quality analysis runs: a mapping ({@code tests},
     * {@code degradation} tolerances, {@code confidence}) or just the tests ({@code quality: degradation}).
     * Evidently's default tests when left out; a problem when given without a {@code model:}.
     */
    private QualityOptions quality(JsonNode root, ModelSpec model) {
        JsonNode node = root.get("quality");
        QualityOptions options = QualityOptions.defaults();
        if (node == null) {
            return options;
        }
        if (model == null) {
            if (!root.has("model")) {
                problem("quality", "needs a model: section (task, target, prediction…) whose quality it tests");
            }
            return options;
        }
        TestsSection<QualityOptions.Tests> section = testsSection(node, "quality", options.tests(),
                QualityOptions.Tests.values(), QualityOptions.Tests::label, QUALITY_KEYS, "{tests: degradation}",
                "", "evidently: Evidently's default tests; degradation: fail only when worse"
                        + " than the reference by more than a tolerance; none: the metrics only");
        if (section == null) {
            return options;
        }
        QualityOptions.Tests tests = section.tests();
        if (section.mapping() == null) {
            return options.withTests(tests);
        }
        Map<QualityMetric, QualityOptions.Tolerance> tolerances = new LinkedHashMap<>();
        JsonNode degradation = mapping(node, "degradation", "quality.degradation");
        if (degradation != null) {
            List<QualityMetric> valid = QualityMetric.of(model.task());
            for (Map.Entry<String, JsonNode> e : degradation.properties()) {
                String path = "quality.degradation." + e.getKey();
                QualityMetric metric = null;
                for (QualityMetric m : valid) {
                    if (m.key().equals(e.getKey())) {
                        metric = m;
                    }
                }
                if (metric == null) {
                    List<String> keys = new ArrayList<>();
                    valid.forEach(m -> keys.add(m.key()));
                    problem(path, "unknown metric '" + shorten(e.getKey()) + "' for a " + model.task().label()
                            + "; valid: " + String.join(", ", keys));
                    continue;
                }
                QualityOptions.Tolerance tolerance = tolerance(e.getValue(), path);
                if (tolerance != null) {
                    tolerances.put(metric, tolerance);
                }
            }
        }
        double confidence = options.confidence();
        Double level = number(node, "confidence", "quality.confidence");
        if (level != null) {
            if (level <= 0 || level >= 1) {
                problem("quality.confidence", "must be between 0 and 1, both excluded (e.g. 0.95), got " + level
                        + (level > 1 && level < 100 ? "; for " + level + " % write " + level / 100 : ""));
            } else {
                confidence = level;
            }
        }
        if (tests != QualityOptions.Tests.DEGRADATION) {
            for (String key : List.of("degradation", "confidence")) {
                if (node.has(key)) {
                    problem("quality." + key, "applies to tests: degradation only; these tests are " + tests.label());
                }
            }
        }
        return new QualityOptions(tests, tolerances, confidence);
    }

    /**
     * A tolerance: a number (a share of the reference's value, e.g. 0.05 for 5 %), or
     * {@code {absolute: 0.02}} in the metric's units, or {@code {relative: 0.05}}.
     */
    private QualityOptions.Tolerance tolerance(JsonNode node, String path) {
        if (node.isNumber()) {
            double v = node.doubleValue();
            if (!Double.isFinite(v) || v < 0) {
                problem(path, "must be a finite number of at least 0 (a share of the reference's value), got "
                        + node.asText());
                return null;
            }
            return share(v, node.asText(), path);
        }
        if (!node.isObject()) {
            problem(path, "expected a share of the reference's value (e.g. 0.05) or {absolute: 0.02}, found "
                    + describe(node));
            return null;
        }
        checkKeys(node, path, TOLERANCE_KEYS);
        boolean hasRelative = node.hasNonNull("relative");
        if (hasRelative == node.hasNonNull("absolute")) {
            problem(path, "give exactly one of relative (a share of the reference's value) or absolute (in the"
                    + " metric's units)");
            return null;
        }
        if (hasRelative) {
            Double relative = number(node, "relative", path + ".relative");
            return relative == null ? null : share(relative, node.get("relative").asText(), path + ".relative");
        }
        Double absolute = number(node, "absolute", path + ".absolute");
        return absolute == null ? null : QualityOptions.Tolerance.absolute(absolute);
    }

    /** A relative tolerance {@code v} (written {@code text}): at most the reference's whole value. */
    private QualityOptions.Tolerance share(double v, String text, String path) {
        if (v > 1) {
            problem(path, "a tolerance of " + v + " is more than the reference's whole value; for " + v
                    + " % write " + v / 100 + ", or {absolute: " + text + "} in the metric's units");
            return null;
        }
        return QualityOptions.Tolerance.relative(v);
    }

    /**
     * A section written as a mapping holding {@code tests:} or as the tests' name alone
     * ({@code integrity: reference}).
     *
     * @param mapping the mapping, or null when the section is the tests' name alone
     * @param tests the tests named, or the default when the mapping names none
     */
    private record TestsSection<E>(JsonNode mapping, E tests) {
    }

    /**
     * Reads a {@link TestsSection} at {@code key}; null, with a problem, when it is empty, of the wrong
     * shape or names unknown tests. A mapping's keys are checked against {@code keys}.
     *
     * @param example a mapping to show when the shape is wrong, e.g. {@code {tests: degradation}}
     * @param purpose what the section is for, e.g. {@code to check data quality}; may be empty
     * @param meanings what each name means, for the message listing them
     */
    private <E> TestsSection<E> testsSection(JsonNode node, String key, E defaults, E[] values,
            Function<E, String> label, List<String> keys, String example, String purpose, String meanings) {
        String valid = labels(values, label);
        if (node.isNull() || node.isTextual() && node.asText().isBlank()) {
            List<String> others = new ArrayList<>();
            for (E v : values) {
                if (v != defaults) {
                    others.add(label.apply(v));
                }
            }
            problem(key, "is empty: write " + key + ": {tests: " + label.apply(defaults) + "} (or "
                    + String.join(", ", others) + ")" + (purpose.isEmpty() ? "" : " " + purpose)
                    + ", or leave the key out");
            return null;
        }
        if (node.isTextual()) {
            E tests = named(node.asText(), key, "tests", values, label, meanings);
            return tests == null ? null : new TestsSection<>(null, tests);
        }
        if (!node.isObject()) {
            problem(key, "expected a mapping such as " + example + ", or one of " + valid + ", found "
                    + describe(node));
            return null;
        }
        checkKeys(node, key, keys);
        String testsText = string(node, "tests", key + ".tests");
        if (testsText == null) {
            return new TestsSection<>(node, defaults);
        }
        E tests = named(testsText, key + ".tests", "tests", values, label, meanings);
        return tests == null ? null : new TestsSection<>(node, tests);
    }

    /**
     * The one of {@code values} whose label is {@code text}; null, with a problem at {@code path} listing
     * the valid labels (and, when given, what they mean), when none is.
     */
    private <E> E named(String text, String path, String noun, E[] values, Function<E, String> label,
            String meanings) {
        for (E v : values) {
            if (label.apply(v).equals(text)) {
                return v;
            }
        }
        problem(path, "unknown " + noun + " '" + shorten(text) + "'; valid: " + labels(values, label)
                + (meanings.isEmpty() ? "" : " (" + meanings + ")"));
        return null;
    }

    private static <E> String labels(E[] values, Function<E, String> label) {
        List<String> labels = new ArrayList<>(values.length);
        for (E v : values) {
            labels.add(label.apply(v));
        }
        return String.join(", ", labels);
    }

    /** Where each field under {@code model:} was written, for problems found later on the data. */
    private Map<String, InvalidMonitorException.Problem> modelLocations() {
        Map<String, InvalidMonitorException.Problem> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonLocation> e : locations.entrySet()) {
            if (e.getKey().startsWith("model") || e.getKey().startsWith("columns.target")
                    || e.getKey().startsWith("columns.prediction")) {
                out.put(e.getKey(), new InvalidMonitorException.Problem(e.getKey(), e.getValue().getLineNr(),
                        e.getValue().getColumnNr(), ""));
            }
        }
        return out;
    }

    /**
     * {@code integrity:} the data-quality analysis: a mapping ({@code tests}, and for
     * {@code tests: reference} the margins, tolerances and confidence of the reference-derived
     * conditions), or just the tests ({@code integrity: evidently}). Null when the key is left out:
     * the monitor then runs no integrity analysis.
     */
    private IntegrityOptions integrity(JsonNode root) {
        JsonNode node = root.get("integrity");
        if (node == null) {
            return null;
        }
        IntegrityOptions options = IntegrityOptions.defaults();
        TestsSection<IntegrityOptions.Tests> section = testsSection(node, "integrity", options.tests(),
                IntegrityOptions.Tests.values(), IntegrityOptions.Tests::label, INTEGRITY_KEYS, "{tests: evidently}",
                "to check data quality", "evidently: Evidently's DataSummaryPreset tests; reference: conditions"
                        + " derived from the reference; none: the summary only");
        if (section == null) {
            return null;
        }
        IntegrityOptions.Tests tests = section.tests();
        if (section.mapping() == null) {
            return options.withTests(tests);
        }
        double rangeMargin = options.rangeMargin();
        double missingTolerance = options.missingTolerance();
        double duplicatedTolerance = options.duplicatedTolerance();
        double confidence = options.confidence();
        Double margin = number(node, "range_margin", "integrity.range_margin");
        if (margin != null) {
            rangeMargin = margin;
        }
        Double missing = share(node, "missing_tolerance", "a share of rows, e.g. 0.05 for five percentage points");
        if (missing != null) {
            missingTolerance = missing;
        }
        Double duplicated = share(node, "duplicated_tolerance", "a share of rows, e.g. 0.05 for five percentage points");
        if (duplicated != null) {
            duplicatedTolerance = duplicated;
        }
        Double level = number(node, "confidence", "integrity.confidence");
        if (level != null) {
            if (level <= 0 || level >= 1) {
                problem("integrity.confidence", "must be between 0 and 1, both excluded (e.g. 0.99), got " + level
                        + (level > 1 && level < 100 ? "; for " + level + " % write " + level / 100 : ""));
            } else {
                confidence = level;
            }
        }
        if (tests != IntegrityOptions.Tests.REFERENCE) {
            for (String key : INTEGRITY_KEYS.subList(1, INTEGRITY_KEYS.size())) {
                if (node.has(key)) {
                    problem("integrity." + key, "applies to tests: reference only (the conditions derived from the "
                            + "reference); these tests are " + tests.label());
                }
            }
        }
        return new IntegrityOptions(tests, rangeMargin, missingTolerance, duplicatedTolerance, confidence);
    }

    /** A share from 0 to 1 under {@code integrity}, or null (with a problem) when it is not one. */
    private Double share(JsonNode integrity, String key, String what) {
        String path = "integrity." + key;
        Double v = number(integrity, key, path);
        if (v != null && v > 1) {
            problem(path, "must be between 0 and 1 (" + what + "), got " + v
                    + (v <= 100 ? "; for " + v + " % write " + v / 100 : ""));
            return null;
        }
        return v;
    }

    /** {@code schedule:} a cron expression (Unix or Quartz, in a time zone) or {@code every:} an interval. */
    private Schedule schedule(JsonNode root) {
        JsonNode node = mapping(root, "schedule", "schedule");
        if (node == null) {
            return null;
        }
        checkKeys(node, "schedule", SCHEDULE_KEYS);
        String cron = string(node, "cron", "schedule.cron");
        Duration every = duration(node, "every", "schedule.every");
        if (!exactlyOne(node, "schedule", "cron", cron, "every", every,
                "cron (e.g. cron: \"0 * * * *\") or every (e.g. every: 1h)")) {
            return null;
        }
        if (every != null) {
            if (node.get("cron_type") != null || node.get("time_zone") != null) {
                problem("schedule.every", "cron_type and time_zone apply to cron schedules only; every counts in UTC");
            }
            try {
                return Schedule.every(every);
            } catch (IllegalArgumentException e) {
                problem("schedule.every", e.getMessage());
                return null;
            }
        }
        Schedule.CronType type = Schedule.CronType.UNIX;
        String typeText = string(node, "cron_type", "schedule.cron_type");
        if (typeText != null) {
            switch (typeText) {
                case "unix" -> type = Schedule.CronType.UNIX;
                case "quartz" -> type = Schedule.CronType.QUARTZ;
                default -> {
                    problem("schedule.cron_type", "unknown cron type '" + typeText + "'; valid: unix (5 fields), "
                            + "quartz (6 or 7 fields, with seconds)");
                    return null;
                }
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        String zoneText = string(node, "time_zone", "schedule.time_zone");
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                problem("schedule.time_zone", "unknown time zone '" + zoneText + "'; write e.g. UTC or Europe/Paris");
                return null;
            }
        }
        try {
            return Schedule.cron(cron, type, zone);
        } catch (IllegalArgumentException e) {
            problem("schedule.cron", "'" + cron + "' is not a valid " + typeText(type) + " cron expression: "
                    + firstLine(e.getMessage()));
            return null;
        }
    }

    private static String typeText(Schedule.CronType type) {
        return type == Schedule.CronType.QUARTZ ? "Quartz" : "Unix";
    }

    /** {@code source:} by {@code type:}; see {@link SourceSpec}. */
    private SourceSpec source(JsonNode root) {
        JsonNode node = mapping(root, "source", "source");
        if (node == null) {
            return null;
        }
        String type = string(node, "type", "source.type");
        if (type == null) {
            problem("source.type", "is required: directory, jdbc, http or s3");
            return null;
        }
        switch (type) {
            case "directory" -> {
                checkKeys(node, "source", DIRECTORY_KEYS);
                String path = required(node, "path", "source.path", "the folder to watch");
                String glob = string(node, "glob", "source.glob");
                Duration settle = duration(node, "settle", "source.settle");
                if (glob != null) {
                    try {
                        java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
                    } catch (IllegalArgumentException e) {
                        problem("source.glob", "'" + glob + "' is not a valid glob: " + firstLine(e.getMessage()));
                    }
                }
                if (path == null) {
                    return null;
                }
                try {
                    return new SourceSpec.Directory(java.nio.file.Path.of(path), glob == null ? "*" : glob,
                            settle == null ? Duration.ofSeconds(10) : settle);
                } catch (java.nio.file.InvalidPathException e) {
                    problem("source.path", "'" + path + "' is not a valid path: " + e.getReason());
                    return null;
                }
            }
            case "jdbc" -> {
                checkKeys(node, "source", JDBC_KEYS);
                String dataSource = required(node, "datasource", "source.datasource",
                        "the name of a data source declared in config.yml (sources.dataSources)");
                String query = required(node, "query", "source.query",
                        "SQL selecting the window's rows, e.g. SELECT * FROM predictions WHERE ts >= :from AND ts < :to");
                return dataSource == null || query == null ? null : new SourceSpec.Jdbc(dataSource, query);
            }
            case "http" -> {
                checkKeys(node, "source", HTTP_KEYS);
                String url = required(node, "url", "source.url", "the URL answering a CSV or Arrow batch");
                Map<String, String> headers = new LinkedHashMap<>();
                JsonNode h = mapping(node, "headers", "source.headers");
                if (h != null) {
                    for (Map.Entry<String, JsonNode> e : h.properties()) {
                        if (e.getValue().isTextual() || e.getValue().isNumber()) {
                            headers.put(e.getKey(), e.getValue().asText());
                        } else {
                            problem("source.headers." + e.getKey(), "expected a header value, found "
                                    + describe(e.getValue()));
                        }
                    }
                }
                Duration timeout = duration(node, "timeout", "source.timeout");
                return url == null ? null : new SourceSpec.Http(url, headers,
                        timeout == null ? Duration.ofSeconds(60) : timeout);
            }
            case "s3" -> {
                checkKeys(node, "source", S3_KEYS);
                String url = required(node, "url", "source.url",
                        "s3://BUCKET/PREFIX/ (each new object read once) or s3://BUCKET/KEY with {from} and {to}");
                String glob = string(node, "glob", "source.glob");
                if (glob != null) {
                    try {
                        java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
                    } catch (IllegalArgumentException e) {
                        problem("source.glob", "'" + glob + "' is not a valid glob: " + firstLine(e.getMessage()));
                    }
                }
                if (url != null && !url.startsWith("s3://")) {
                    problem("source.url", "'" + url + "' is not an s3://BUCKET/KEY URL");
                    return null;
                }
                if (url != null && url.length() <= "s3://".length() || url != null && url.startsWith("s3:///")) {
                    problem("source.url", "'" + url + "' names no bucket: s3://BUCKET/PREFIX/");
                    return null;
                }
                if (url != null && glob != null && (url.contains("{from}") || url.contains("{to}"))) {
                    problem("source.glob", "a window template (with {from} or {to}) names one object; glob is for "
                            + "a prefix");
                }
                return url == null ? null : new SourceSpec.S3(url, glob == null ? "*" : glob);
            }
            default -> {
                problem("source.type", "unknown source type '" + type + "'; valid: directory, jdbc, http, s3");
                return null;
            }
        }
    }

    /** {@code chunks:} {@code every} (with {@code column}, default the datetime column) or {@code rows}. */
    private ChunkSpec chunks(JsonNode root, String datetime) {
        JsonNode node = mapping(root, "chunks", "chunks");
        if (node == null) {
            return null;
        }
        checkKeys(node, "chunks", CHUNK_KEYS);
        Duration every = duration(node, "every", "chunks.every");
        Double rows = number(node, "rows", "chunks.rows");
        String column = string(node, "column", "chunks.column");
        if (!exactlyOne(node, "chunks", "every", every, "rows", rows,
                "every (a time chunk, e.g. every: 1h) or rows (e.g. rows: 10000)")) {
            return null;
        }
        if (rows != null) {
            if (column != null) {
                problem("chunks.column", "applies to time chunks (every) only");
            }
            if (rows != Math.rint(rows) || rows < 1 || rows > Integer.MAX_VALUE) {
                problem("chunks.rows", "must be a whole number of at least 1, got " + rows);
                return null;
            }
            return new ChunkSpec(null, null, rows.intValue());
        }
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            problem("chunks.every", "must be at least 1s, got " + every);
            return null;
        }
        String by = column != null ? column : datetime;
        if (by == null) {
            problem("chunks.column", "is required for time chunks when columns.datetime is not set: the timestamp "
                    + "column to cut by");
            return null;
        }
        return new ChunkSpec(every, by, 0);
    }

    /**
     * {@code estimate:} label-free performance: {@code chunks}, {@code calibrate} (CBPE) and
     * {@code metrics}; {@code estimate: {}} for the defaults. Needs a {@code model:}; a classifier's
     * needs its probabilities. Null when the key is left out.
     */
    private EstimateOptions estimate(JsonNode root, ModelSpec model, String datetime) {
        JsonNode node = root.get("estimate");
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            problem("estimate", "is empty: write estimate: {} for the defaults (10 chunks, calibrate: auto, every"
                    + " metric), or leave the key out");
            return null;
        }
        if (!node.isObject()) {
            problem("estimate", "expected a mapping such as {chunks: {count: 10}, calibrate: auto}, found "
                    + describe(node));
            return null;
        }
        checkKeys(node, "estimate", ESTIMATE_KEYS);
        Chunking chunks = analysisChunks(node, "estimate", datetime);
        if (model == null) {
            if (!root.has("model")) {
                problem("estimate", "needs a model: section (task, target, prediction, probabilities…) whose "
                        + "performance it estimates");
            }
            return null;
        }
        boolean regression = model.task() == ModelTask.REGRESSION;
        if (!regression && !model.hasProbabilities()) {
            problem("estimate", "CBPE estimates a classifier's performance from its probabilities, and model: names"
                    + " none: add model.probabilities");
        }
        Calibration calibration = Calibration.AUTO;
        String calibrate = string(node, "calibrate", "estimate.calibrate");
        if (calibrate != null) {
            Calibration named = named(calibrate, "estimate.calibrate", "calibration", Calibration.values(),
                    EstimateOptions::label, "auto: NannyML's rule, calibrate when it lowers the expected calibration"
                            + " error on the reference; always; never");
            if (regression) {
                problem("estimate.calibrate", "applies to classifiers (CBPE) only; a regression is estimated with"
                        + " DLE");
            } else if (named != null) {
                calibration = named;
            }
        }
        List<String> valid = EstimateOptions.metricNames(model.task());
        List<String> metrics = new ArrayList<>();
        JsonNode metricsNode = node.get("metrics");
        if (metricsNode != null && metricsNode.isArray() && metricsNode.isEmpty()) {
            problem("estimate.metrics", "is empty: name at least one metric (" + String.join(", ", valid)
                    + "), or leave the key out for all");
        }
        List<String> given = nameList(metricsNode, "estimate.metrics", "metric");
        for (int i = 0; i < given.size(); i++) {
            String m = given.get(i);
            String path = "estimate.metrics[" + i + "]";
            if (!valid.contains(m)) {
                problem(path, "unknown metric '" + shorten(m) + "' for a " + model.task().label() + " ("
                        + (regression ? "DLE" : "CBPE") + "); valid: " + String.join(", ", valid));
            } else if (metrics.contains(m)) {
                problem(path, "'" + m + "' is listed twice");
            } else {
                metrics.add(m);
            }
        }
        return chunks == null ? null : new EstimateOptions(chunks, calibration, metrics);
    }

    /**
     * {@code multivariate:} drift across columns: {@code methods} ({@code pca} by default,
     * {@code domain_classifier}), {@code chunks}, {@code columns} (default: the tested features) and
     * {@code variance} (PCA). Null when the key is left out.
     */
    private MultivariateOptions multivariate(JsonNode root, ModelSection model, List<String> text, String datetime,
            List<String> ignored) {
        JsonNode node = root.get("multivariate");
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            problem("multivariate", "is empty: write multivariate: {} for the defaults (methods: [pca], 10 chunks),"
                    + " or leave the key out");
            return null;
        }
        if (!node.isObject()) {
            problem("multivariate", "expected a mapping such as {methods: [pca], chunks: {count: 10}}, found "
                    + describe(node));
            return null;
        }
        checkKeys(node, "multivariate", MULTIVARIATE_KEYS);
        MultivariateOptions defaults = MultivariateOptions.defaults();
        List<MultivariateOptions.Method> methods = new ArrayList<>();
        JsonNode methodsNode = node.get("methods");
        if (methodsNode != null && methodsNode.isArray() && methodsNode.isEmpty()) {
            problem("multivariate.methods", "is empty: name pca, domain_classifier or both, or leave the key out"
                    + " for pca");
        }
        List<String> names = nameList(methodsNode, "multivariate.methods", "method");
        for (int i = 0; i < names.size(); i++) {
            String path = "multivariate.methods[" + i + "]";
            MultivariateOptions.Method m = named(names.get(i), path, "method", MultivariateOptions.Method.values(),
                    MultivariateOptions.Method::label, "pca: PCA reconstruction error; domain_classifier: how well a"
                            + " classifier tells a chunk from the reference");
            if (m != null && methods.contains(m)) {
                problem(path, "'" + m.label() + "' is listed twice");
            } else if (m != null) {
                methods.add(m);
            }
        }
        if (methods.isEmpty()) {
            methods.addAll(defaults.methods());
        }
        Chunking chunks = analysisChunks(node, "multivariate", datetime);
        List<String> columns = new ArrayList<>();
        List<String> given = nameList(node.get("columns"), "multivariate.columns", "column name");
        Map<String, String> roleOf = new HashMap<>();
        ignored.forEach(c -> roleOf.put(c, "ignored"));
        text.forEach(c -> roleOf.put(c, "a text column"));
        if (datetime != null) {
            roleOf.put(datetime, "the datetime column");
        }
        if (model != null) {
            roleOf.put(model.spec().target(), "the model's target");
            if (model.spec().prediction() != null) {
                roleOf.put(model.spec().prediction(), "the model's prediction");
            }
            for (String c : model.spec().columns()) {
                roleOf.putIfAbsent(c, "one of the model's probabilities");
            }
            if (model.id() != null) {
                roleOf.put(model.id(), "the model's id column");
            }
        }
        for (int i = 0; i < given.size(); i++) {
            String c = given.get(i);
            String path = "multivariate.columns[" + i + "]";
            if (roleOf.containsKey(c)) {
                problem(path, "'" + shorten(c) + "' is " + roleOf.get(c) + "; multivariate drift is measured across"
                        + " the model's input features");
            } else if (columns.contains(c)) {
                problem(path, "'" + shorten(c) + "' is listed twice");
            } else {
                columns.add(c);
            }
        }
        if (!given.isEmpty() && columns.size() < 2 && given.size() < 2) {
            problem("multivariate.columns", "needs at least 2 columns: drift across columns compares their joint"
                    + " distribution");
        }
        double variance = defaults.variance();
        Double v = number(node, "variance", "multivariate.variance");
        if (v != null) {
            if (v <= 0 || v >= 1) {
                problem("multivariate.variance", "must be between 0 and 1, both excluded (the share of the variance"
                        + " the PCA keeps, e.g. 0.65), got " + v);
            } else {
                variance = v;
            }
        }
        if (node.has("variance") && !methods.contains(MultivariateOptions.Method.PCA)) {
            problem("multivariate.variance", "applies to the pca method only");
        }
        return chunks == null ? null : new MultivariateOptions(methods, chunks, columns, variance);
    }

    /**
     * The {@code chunks:} of an {@code estimate:} or {@code multivariate:} section: exactly one of
     * {@code count}, {@code size} (rows) and {@code period} (a duration over {@code columns.datetime});
     * NannyML's 10 chunks when left out. Null, with a problem, when invalid.
     */
    private Chunking analysisChunks(JsonNode section, String key, String datetime) {
        String path = key + ".chunks";
        JsonNode node = section.get("chunks");
        if (node == null || node.isNull()) {
            return Chunking.defaults();
        }
        if (!node.isObject()) {
            problem(path, "expected a mapping: {count: 10}, {size: 5000} or {period: 1d}, found " + describe(node));
            return null;
        }
        checkKeys(node, path, ANALYSIS_CHUNK_KEYS);
        List<String> written = new ArrayList<>();
        for (String k : ANALYSIS_CHUNK_KEYS) {
            if (node.hasNonNull(k)) {
                written.add(k);
            }
        }
        if (written.size() != 1) {
            problem(path, written.isEmpty() ? "give one of count (e.g. {count: 10}), size (rows per chunk, e.g."
                    + " {size: 5000}) or period (e.g. {period: 1d})"
                    : "give one of " + String.join(", ", written) + ", not " + written.size());
            return null;
        }
        String which = written.get(0);
        if (which.equals("period")) {
            Duration period = duration(node, "period", path + ".period");
            if (period == null) {
                return null;
            }
            if (datetime == null) {
                problem(path + ".period", "cuts chunks by time, which needs columns.datetime: the timestamp column");
                return null;
            }
            return Chunking.period(period, datetime);
        }
        Double n = number(node, which, path + "." + which);
        if (n == null) {
            return null;
        }
        if (n != Math.rint(n) || n < 1 || n > Integer.MAX_VALUE) {
            problem(path + "." + which, "must be a whole number of at least 1, got " + node.get(which).asText());
            return null;
        }
        return which.equals("count") ? Chunking.count(n.intValue()) : Chunking.size(n.intValue());
    }

    /** {@code reference_roll:} {@code previous} (required) and {@code every} (default one day). */
    private ReferenceRoll referenceRoll(JsonNode root, SourceSpec source) {
        JsonNode node = mapping(root, "reference_roll", "reference_roll");
        if (node == null) {
            return null;
        }
        checkKeys(node, "reference_roll", ROLL_KEYS);
        Duration previous = duration(node, "previous", "reference_roll.previous");
        if (previous == null && node.get("previous") == null) {
            problem("reference_roll.previous", "is required: how far back the rolling reference reaches, e.g. 30d");
        }
        Duration every = duration(node, "every", "reference_roll.every");
        if (every != null && every.compareTo(Duration.ofSeconds(1)) < 0) {
            problem("reference_roll.every", "must be at least 1s, got " + every);
            return null;
        }
        boolean canReadPast = source instanceof SourceSpec.Jdbc
                || source instanceof SourceSpec.Http h && h.url().contains("{from}") && h.url().contains("{to}")
                || source instanceof SourceSpec.S3 s && s.url().contains("{from}") && s.url().contains("{to}");
        if (source != null && !canReadPast) {
            problem("reference_roll", "a rolling reference is read from the source over a past period, which needs "
                    + "a jdbc source or an http source with {from} and {to} in its url; a " + source.type()
                    + " source cannot read the past");
        }
        return previous == null ? null : new ReferenceRoll(previous, every == null ? Duration.ofDays(1) : every);
    }

    /**
     * Whether exactly one of keys {@code a} and {@code b} of {@code node} has a valid value; if neither
     * is written, or both are, says so (a value that is written but invalid was reported already).
     */
    private boolean exactlyOne(JsonNode node, String path, String a, Object aValue, String b, Object bValue,
            String example) {
        if ((aValue == null) != (bValue == null)) {
            return true;
        }
        if (aValue == null && node.get(a) == null && node.get(b) == null) {
            problem(path, "give either " + example);
        } else if (aValue != null) {
            problem(path + "." + b, "give either " + a + " or " + b + ", not both");
        }
        return false;
    }

    private String required(JsonNode parent, String key, String path, String what) {
        String value = string(parent, key, path);
        if (value == null && parent.get(key) == null) {
            problem(path, "is required: " + what);
        }
        return value;
    }

    /** A duration written as Dropwizard writes them: 30s, 10m, 1h, 1d, 7d. */
    private Duration duration(JsonNode parent, String key, String path) {
        String text = string(parent, key, path);
        if (text == null) {
            return null;
        }
        try {
            Duration d = Duration.ofMillis(io.dropwizard.util.Duration.parse(text).toMilliseconds());
            if (d.isZero() || d.isNegative()) {
                problem(path, "must be longer than zero, got '" + text + "'");
                return null;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problem(path, "'" + text + "' is not a duration; write e.g. 30s, 10m, 1h, 1d or 7d");
            return null;
        }
    }

    /**
     * The model a policy's {@code quality} conditions watch: its spec (null when there is none or it
     * is broken), its {@code quality:} options, and whether a {@code model:} key was written at all
     * (a broken one has its own problems; no need to add another); likewise the {@code estimate:} and
     * {@code multivariate:} options the policy's label-free conditions watch.
     */
    private record WatchedModel(ModelSpec spec, QualityOptions options, boolean written, EstimateOptions estimate,
            boolean estimateWritten, MultivariateOptions multivariate, boolean multivariateWritten) {
    }

    /** {@code alerts:} and {@code retrain:}; see {@link Policy}. */
    private Policy policy(JsonNode root, WatchedModel model) {
        JsonNode alerts = mapping(root, "alerts", "alerts");
        JsonNode retrain = mapping(root, "retrain", "retrain");
        if (alerts == null && retrain == null) {
            return Policy.NONE;
        }
        Policy.Condition alertWhen = Policy.Condition.DATASET_DRIFT;
        List<String> channels = List.of();
        Duration cooldown = Duration.ZERO;
        boolean notifyResolved = true;
        if (alerts != null) {
            checkKeys(alerts, "alerts", ALERT_KEYS);
            alertWhen = condition(alerts, "alerts.when", Policy.Condition.DATASET_DRIFT, model);
            channels = names(alerts, "channels", "alerts.channels");
            String text = string(alerts, "cooldown", "alerts.cooldown");
            if (text != null) {
                try {
                    cooldown = Duration.ofMillis(io.dropwizard.util.Duration.parse(text).toMilliseconds());
                } catch (IllegalArgumentException e) {
                    problem("alerts.cooldown", "'" + text + "' is not a duration; write e.g. 30m, 1h or 2d");
                }
            }
            Boolean resolved = bool(alerts, "notify_resolved", "alerts.notify_resolved");
            notifyResolved = resolved == null || resolved;
        }
        Policy.Condition retrainWhen = alertWhen;
        List<String> triggers = List.of();
        if (retrain != null) {
            checkKeys(retrain, "retrain", RETRAIN_KEYS);
            retrainWhen = condition(retrain, "retrain.when", alertWhen, model);
            triggers = names(retrain, "triggers", "retrain.triggers");
            if (alerts == null) {
                alertWhen = retrainWhen;
            }
        }
        return new Policy(alertWhen, channels, cooldown, notifyResolved, retrainWhen, triggers);
    }

    private Policy.Condition condition(JsonNode parent, String path, Policy.Condition otherwise, WatchedModel model) {
        JsonNode when = mapping(parent, "when", path);
        if (when == null) {
            return otherwise;
        }
        checkKeys(when, path, WHEN_KEYS);
        Boolean datasetDrift = bool(when, "dataset_drift", path + ".dataset_drift");
        Double share = number(when, "drift_share", path + ".drift_share");
        if (share != null && share > 1) {
            problem(path + ".drift_share", "must be between 0 and 1 (a share of columns), got " + share);
            share = null;
        }
        List<String> columns = names(when, "columns", path + ".columns");
        Boolean checkError = bool(when, "check_error", path + ".check_error");
        Policy.DataQuality dataQuality = dataQuality(when, path + ".integrity");
        Policy.ModelQuality modelQuality = modelQuality(when, path + ".quality", model);
        Policy.Estimate estimate = estimateCondition(when, path + ".estimate", model);
        Policy.Multivariate multivariate = multivariateCondition(when, path + ".multivariate", model);
        boolean anySet = datasetDrift != null || share != null || !columns.isEmpty() || checkError != null
                || dataQuality != null || modelQuality != null || estimate != null || multivariate != null;
        return new Policy.Condition(anySet ? Boolean.TRUE.equals(datasetDrift) : otherwise.datasetDrift(), share,
                columns, Boolean.TRUE.equals(checkError), dataQuality, modelQuality, estimate, multivariate);
    }

    /**
     * {@code when.estimate}: {@code true} (any estimated metric alerting in a chunk) or {@code {metrics:
     * [roc_auc, f1_score]}}. Needs the monitor's {@code estimate:} section; a metric must be one it
     * estimates (CBPE's for a classifier, DLE's for a regression, within {@code estimate.metrics}).
     */
    private Policy.Estimate estimateCondition(JsonNode when, String path, WatchedModel model) {
        JsonNode node = when.get("estimate");
        if (node == null || node.isNull() || node.isBoolean() && !node.booleanValue()) {
            return null;
        }
        if (!node.isBoolean() && !node.isObject()) {
            problem(path, "expected true, false or a mapping such as {metrics: [roc_auc]}, found " + describe(node));
            return null;
        }
        if (model.estimate() == null) {
            if (!model.estimateWritten()) {
                problem(path, "watches the performance estimated without labels, and the monitor has no estimate:"
                        + " section: add one (estimate: {} for CBPE or DLE with the defaults), or remove this"
                        + " condition");
            }
            return null;
        }
        if (node.isBoolean()) {
            return Policy.Estimate.ANY;
        }
        checkKeys(node, path, WHEN_ESTIMATE_KEYS);
        JsonNode metricsNode = node.get("metrics");
        if (metricsNode == null && node.isEmpty()
                || metricsNode != null && metricsNode.isArray() && metricsNode.isEmpty()) {
            problem(path, "names no metric: write estimate: true (any estimated metric), or {metrics: [roc_auc]}");
            return null;
        }
        if (metricsNode == null) {
            return null; // an unknown key instead, reported above
        }
        boolean regression = model.spec().task() == ModelTask.REGRESSION;
        List<String> estimated = model.estimate().metrics().isEmpty()
                ? EstimateOptions.metricNames(model.spec().task()) : model.estimate().metrics();
        List<String> all = EstimateOptions.metricNames(model.spec().task());
        List<String> given = nameList(metricsNode, path + ".metrics", "metric");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String m = given.get(i);
            String at = metricsNode.isArray() ? path + ".metrics[" + i + "]" : path + ".metrics";
            if (!all.contains(m)) {
                problem(at, "unknown metric '" + shorten(m) + "' for a " + model.spec().task().label() + " ("
                        + (regression ? "DLE" : "CBPE") + "); valid: " + String.join(", ", all));
            } else if (!estimated.contains(m)) {
                problem(at, m + " is not estimated: estimate.metrics lists " + String.join(", ", estimated)
                        + "; add " + m + " there");
            } else if (!out.contains(m)) {
                out.add(m);
            }
        }
        return out.isEmpty() ? null : new Policy.Estimate(out);
    }

    /**
     * {@code when.multivariate}: {@code true} (any multivariate method alerting in a chunk) or
     * {@code {methods: [pca, domain_classifier]}}. Needs the monitor's {@code multivariate:} section; a
     * method must be one it runs.
     */
    private Policy.Multivariate multivariateCondition(JsonNode when, String path, WatchedModel model) {
        JsonNode node = when.get("multivariate");
        if (node == null || node.isNull() || node.isBoolean() && !node.booleanValue()) {
            return null;
        }
        if (!node.isBoolean() && !node.isObject()) {
            problem(path, "expected true, false or a mapping such as {methods: [pca]}, found " + describe(node));
            return null;
        }
        if (model.multivariate() == null) {
            if (!model.multivariateWritten()) {
                problem(path, "watches drift across columns, and the monitor has no multivariate: section: add one"
                        + " (multivariate: {} for PCA reconstruction error), or remove this condition");
            }
            return null;
        }
        if (node.isBoolean()) {
            return Policy.Multivariate.ANY;
        }
        checkKeys(node, path, WHEN_MULTIVARIATE_KEYS);
        JsonNode methodsNode = node.get("methods");
        if (methodsNode == null && node.isEmpty()
                || methodsNode != null && methodsNode.isArray() && methodsNode.isEmpty()) {
            problem(path, "names no method: write multivariate: true (any method), or {methods: [pca]}");
            return null;
        }
        if (methodsNode == null) {
            return null; // an unknown key instead, reported above
        }
        List<String> run = new ArrayList<>();
        model.multivariate().methods().forEach(m -> run.add(m.label()));
        List<String> given = nameList(methodsNode, path + ".methods", "method");
        List<MultivariateOptions.Method> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String m = given.get(i);
            String at = methodsNode.isArray() ? path + ".methods[" + i + "]" : path + ".methods";
            MultivariateOptions.Method method = null;
            for (MultivariateOptions.Method candidate : MultivariateOptions.Method.values()) {
                if (candidate.label().equals(m)) {
                    method = candidate;
                }
            }
            if (method == null) {
                problem(at, "unknown method '" + shorten(m) + "'; valid: pca, domain_classifier");
            } else if (!model.multivariate().methods().contains(method)) {
                problem(at, m + " does not run: multivariate.methods lists " + String.join(", ", run) + "; add " + m
                        + " there");
            } else if (!out.contains(method)) {
                out.add(method);
            }
        }
        return out.isEmpty() ? null : new Policy.Multivariate(out);
    }

    /**
     * {@code when.quality}: {@code true} (any failed model-quality test), or a mapping of
     * {@code degraded} (the metrics whose degradation test failed), {@code below} and {@code above}
     * (absolute bounds on the current batch's metrics). Metric names are those of the model's task;
     * conditions that could never hold (no model, no tests that could fail, a metric the model does not
     * have) are problems.
     */
    private Policy.ModelQuality modelQuality(JsonNode when, String path, WatchedModel model) {
        JsonNode node = when.get("quality");
        if (node == null || node.isNull() || node.isBoolean() && !node.booleanValue()) {
            return null;
        }
        if (!node.isBoolean() && !node.isObject()) {
            problem(path, "expected true, false or a mapping with degraded, below and above, found " + describe(node));
            return null;
        }
        if (model.spec() == null) {
            if (!model.written()) {
                problem(path, "watches the model's quality, and the monitor has no model: section (task, target,"
                        + " prediction…): add one, or remove this condition");
            }
            return null;
        }
        QualityOptions.Tests tests = model.options().tests();
        if (node.isBoolean()) {
            if (tests == QualityOptions.Tests.NONE) {
                problem(path, "breaches on a failed model-quality test, and quality.tests is none, so no test runs:"
                        + " run tests (quality: {tests: evidently} or degradation) or set bounds ({below: {accuracy:"
                        + " 0.8}})");
                return null;
            }
            return Policy.ModelQuality.ANY_FAILED_TEST;
        }
        checkKeys(node, path, WHEN_QUALITY_KEYS);
        if (node.isEmpty()) {
            problem(path, "is empty: write quality: true (any failed test), or {degraded: [f1_score], below:"
                    + " {accuracy: 0.8}, above: {rmse: 12.5}}");
            return null;
        }
        List<QualityMetric> degraded = degraded(node.get("degraded"), path + ".degraded", model.spec(), model.options());
        List<Policy.ModelQuality.Bound> bounds = new ArrayList<>();
        for (Policy.ModelQuality.Side side : Policy.ModelQuality.Side.values()) {
            bounds.addAll(bounds(node, side, path + "." + side.label(), model.spec()));
        }
        for (Policy.ModelQuality.Bound below : bounds) {
            for (Policy.ModelQuality.Bound above : bounds) {
                if (below.side() == Policy.ModelQuality.Side.BELOW && above.side() == Policy.ModelQuality.Side.ABOVE
                        && below.metric() == above.metric() && below.value() > above.value()) {
                    problem(path + ".above." + above.metric().key(), "below " + below.value() + " or above "
                            + above.value() + " holds for every value of " + above.metric().key()
                            + ", so every check would breach: the bound below is meant to be the lower one");
                }
            }
        }
        if (degraded.isEmpty() && bounds.isEmpty()) {
            return null;
        }
        return new Policy.ModelQuality(false, degraded, bounds);
    }

    /** {@code when.quality.degraded}: metric names (a list, or one), each with a degradation test. */
    private List<QualityMetric> degraded(JsonNode node, String path, ModelSpec model, QualityOptions options) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() && !node.isTextual()) {
            problem(path, "expected a list of metric names, e.g. [f1_score, accuracy], found " + describe(node));
            return List.of();
        }
        if (options.tests() != QualityOptions.Tests.DEGRADATION) {
            problem(path, "reads the degradation tests, and quality.tests is " + options.tests().label()
                    + ": set quality: {tests: degradation}, or use quality: true for any failed test");
            return List.of();
        }
        List<QualityMetric> out = new ArrayList<>();
        int n = node.isArray() ? node.size() : 1;
        for (int i = 0; i < n; i++) {
            JsonNode item = node.isArray() ? node.get(i) : node;
            String at = node.isArray() ? path + "[" + i + "]" : path;
            if (!item.isTextual() || item.asText().isBlank()) {
                problem(at, "expected a metric name, found " + describe(item));
                continue;
            }
            QualityMetric metric = qualityMetric(item.asText(), at, model);
            if (metric == null) {
                continue;
            }
            if (!options.degradation().isEmpty() && !options.degradation().containsKey(metric)) {
                List<String> watched = new ArrayList<>();
                options.degradation().keySet().forEach(m -> watched.add(m.key()));
                problem(at, metric.key() + " has no degradation test: quality.degradation watches "
                        + String.join(", ", watched) + "; add " + metric.key() + " there");
                continue;
            }
            if (!out.contains(metric)) {
                out.add(metric);
            }
        }
        return out;
    }

    /** {@code when.quality.below} or {@code .above}: a mapping of metric names to bounds. */
    private List<Policy.ModelQuality.Bound> bounds(JsonNode quality, Policy.ModelQuality.Side side, String path,
            ModelSpec model) {
        JsonNode node = mapping(quality, side.label(), path);
        if (node == null) {
            return List.of();
        }
        List<Policy.ModelQuality.Bound> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String at = path + "." + e.getKey();
            QualityMetric metric = qualityMetric(e.getKey(), at, model);
            JsonNode value = e.getValue();
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                problem(at, "expected a number (the bound, in the metric's units), found " + describe(value));
                continue;
            }
            double bound = value.doubleValue();
            if (metric == null) {
                continue;
            }
            if (isShare(metric) && (bound < 0 || bound > 1)) {
                problem(at, metric.key() + " is between 0 and 1, so " + side.label() + " " + value.asText()
                        + " would never hold" + (bound > 1 && bound <= 100 ? "; for " + value.asText() + " % write "
                        + bound / 100 : ""));
                continue;
            }
            out.add(new Policy.ModelQuality.Bound(metric, side, bound));
        }
        return out;
    }

    /** Whether {@code metric} is a share in [0, 1]: every classification metric but log loss. */
    private static boolean isShare(QualityMetric metric) {
        return metric instanceof ClassificationMetric c && c != ClassificationMetric.LOG_LOSS;
    }

    /**
     * The metric named {@code key} among those of the model's task, or null after a problem when there
     * is none or the model cannot have it (ROC AUC and log loss need probabilities; the rates belong to
     * binary classification).
     */
    private QualityMetric qualityMetric(String key, String path, ModelSpec model) {
        List<QualityMetric> valid = QualityMetric.of(model.task());
        for (QualityMetric m : valid) {
            if (m.key().equals(key)) {
                if (m instanceof ClassificationMetric c && c.needsProbabilities() && !model.hasProbabilities()) {
                    problem(path, key + " is computed from the model's probabilities, and model: names none (add"
                            + " model.probabilities)");
                    return null;
                }
                if (m instanceof ClassificationMetric c && c.binaryOnly()
                        && model.task() != ModelTask.BINARY_CLASSIFICATION) {
                    problem(path, key + " belongs to binary classification; this model is a " + model.task().label());
                    return null;
                }
                return m;
            }
        }
        List<String> keys = new ArrayList<>();
        valid.forEach(m -> keys.add(m.key()));
        problem(path, "unknown metric '" + shorten(key) + "' for a " + model.task().label() + "; valid: "
                + String.join(", ", keys));
        return null;
    }

    /** {@code when.integrity}: {@code true}, or {@code {severity: warning|critical, columns: […]}}. */
    private Policy.DataQuality dataQuality(JsonNode when, String path) {
        JsonNode node = when.get("integrity");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? Policy.DataQuality.ANY : null;
        }
        if (!node.isObject()) {
            problem(path, "expected true, false or a mapping with severity and columns, found " + describe(node));
            return null;
        }
        checkKeys(node, path, WHEN_INTEGRITY_KEYS);
        IntegrityFinding.Severity severity = IntegrityFinding.Severity.WARNING;
        String text = string(node, "severity", path + ".severity");
        if (text != null) {
            severity = null;
            for (IntegrityFinding.Severity s : IntegrityFinding.Severity.values()) {
                if (s.label().equals(text)) {
                    severity = s;
                }
            }
            if (severity == null) {
                problem(path + ".severity", "unknown severity '" + text + "'; valid: warning, critical");
                severity = IntegrityFinding.Severity.WARNING;
            }
        }
        return new Policy.DataQuality(severity, names(node, "columns", path + ".columns"));
    }

    private Boolean bool(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            problem(path, "expected true or false, found " + describe(node));
            return null;
        }
        return node.booleanValue();
    }

    /** A list of names (channels, triggers, columns): a list, or one name on its own. */
    private List<String> names(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node != null && node.isNumber()) {
            problem(path, "expected a list of names, found " + describe(node));
            return List.of();
        }
        return nameList(node, path, "name");
    }

    /**
     * A list of {@code noun}s: a YAML/JSON list (numbers allowed as items), one on its own, or nothing
     * (null or absent); every item that is not a name is a problem at its index.
     */
    private List<String> nameList(JsonNode node, String path, String noun) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual() || node.isNumber()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            problem(path, "expected a list of " + noun + "s, found " + describe(node));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if ((item.isTextual() || item.isNumber()) && !item.asText().isBlank()) {
                out.add(item.asText());
            } else {
                problem(path + "[" + i + "]", "expected a " + noun + ", found " + describe(item));
            }
        }
        return out;
    }

    /**
     * {@code binning: sturges | reference_quantiles | equal_width} and {@code n_bins}: how psi,
     * kl_div and jensenshannon bin numerical columns. {@code n_bins} needs one of the two
     * reference-only strategies, since Evidently's Sturges rule decides its own count.
     */
    private DriftOptions binning(JsonNode drift, DriftOptions options) {
        String binning = string(drift, "binning", "drift.binning");
        Double bins = number(drift, "n_bins", "drift.n_bins");
        BinningStrategy strategy = BinningStrategy.EVIDENTLY;
        if (binning != null) {
            strategy = switch (binning) {
                case "sturges" -> BinningStrategy.EVIDENTLY;
                case "reference_quantiles" -> BinningStrategy.REFERENCE_QUANTILES;
                case "equal_width" -> BinningStrategy.EQUAL_WIDTH;
                default -> {
                    problem("drift.binning", "unknown binning '" + binning
                            + "'; valid: sturges (Evidently's), reference_quantiles, equal_width");
                    yield null;
                }
            };
        }
        if (strategy == null) {
            return options;
        }
        int count = options.binCount();
        if (bins != null) {
            if (bins != Math.rint(bins) || bins < 1 || bins > 10_000) {
                problem("drift.n_bins", "must be a whole number from 1 to 10000, got " + bins);
                return options;
            }
            if (strategy == BinningStrategy.EVIDENTLY) {
                problem("drift.n_bins", "needs binning: reference_quantiles or equal_width (Evidently's Sturges rule "
                        + "chooses its own number of bins)");
                return options;
            }
            count = bins.intValue();
        }
        return options.withBinning(strategy, count);
    }

    private Map<String, ColumnOverride> perColumn(JsonNode drift, List<String> numerical, List<String> categorical,
            List<String> ignored, List<String> text, String datetime) {
        JsonNode node = mapping(drift, "per_column", "drift.per_column");
        Map<String, ColumnOverride> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        Set<String> numericalSet = new HashSet<>(numerical);
        Set<String> categoricalSet = new HashSet<>(categorical);
        Set<String> ignoredSet = new HashSet<>(ignored);
        Set<String> textSet = new HashSet<>(text);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String column = e.getKey();
            String path = "drift.per_column." + column;
            JsonNode entry = e.getValue();
            if (!entry.isObject()) {
                problem(path, "expected a mapping with method and/or threshold, found " + describe(entry));
                continue;
            }
            checkKeys(entry, path, PER_COLUMN_KEYS);
            if (ignoredSet.contains(column) || textSet.contains(column) || column.equals(datetime)) {
                String role = ignoredSet.contains(column) ? "ignored" : textSet.contains(column) ? "text" : "datetime";
                problem(path, "column '" + column + "' is listed in columns." + role + ", so it is never tested");
            }
            ColumnKind kind = numericalSet.contains(column) ? ColumnKind.NUMERICAL
                    : categoricalSet.contains(column) ? ColumnKind.CATEGORICAL : null;
            String method = methodAt(entry, "method", path + ".method", kind);
            Double threshold = number(entry, "threshold", path + ".threshold");
            out.put(column, new ColumnOverride(method, threshold));
        }
        return out;
    }

    private String method(JsonNode drift, String key, ColumnKind kind) {
        return methodAt(drift, key, "drift." + key, kind);
    }

    private String methodAt(JsonNode parent, String key, String path, ColumnKind kind) {
        String name = string(parent, key, path);
        if (name == null) {
            return null;
        }
        Optional<DriftTest> test = DriftTests.byName(name);
        if (test.isEmpty()) {
            String hint = "";
            for (String valid : DriftTests.names()) {
                if (valid.equalsIgnoreCase(name)) {
                    hint = " (names are case-sensitive: did you mean '" + valid + "'?)";
                }
            }
            problem(path, "unknown test '" + name + "'" + hint + "; valid tests: " + String.join(", ", testNames(kind)));
            return null;
        }
        if (kind != null && !test.get().appliesTo(kind)) {
            String label = kind == ColumnKind.NUMERICAL ? "numerical" : "categorical";
            problem(path, "test '" + name + "' does not apply to " + label + " columns; " + label + " tests: "
                    + String.join(", ", testNames(kind)));
            return null;
        }
        return name;
    }

    private static List<String> testNames(ColumnKind kind) {
        List<String> names = new ArrayList<>();
        for (DriftTest t : DriftTests.all()) {
            if (kind == null || t.appliesTo(kind)) {
                names.add(t.name());
            }
        }
        return names;
    }

    private static String labels() {
        List<String> labels = new ArrayList<>();
        for (Correction c : Correction.values()) {
            labels.add(c.label());
        }
        return String.join(", ", labels);
    }

    private void checkRoles(List<String> numerical, List<String> categorical, List<String> text, String datetime,
            List<String> ignored) {
        Map<String, String> roleOf = new HashMap<>();
        claim(roleOf, numerical, "numerical");
        claim(roleOf, categorical, "categorical");
        claim(roleOf, text, "text");
        claim(roleOf, datetime == null ? List.of() : List.of(datetime), "datetime");
        claim(roleOf, ignored, "ignored");
    }

    private void claim(Map<String, String> roleOf, List<String> columns, String role) {
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            String path = role.equals("datetime") ? "columns.datetime" : "columns." + role + "[" + i + "]";
            String previous = roleOf.putIfAbsent(column, role);
            if (previous != null) {
                problem(path, previous.equals(role) ? "column '" + column + "' is listed twice"
                        : "column '" + column + "' is also listed in columns." + previous + "; a column has one role");
            }
        }
    }

    private void checkRole(String column, String role, List<String> text, String datetime, List<String> ignored) {
        if (column == null) {
            return;
        }
        String conflict = ignored.contains(column) ? "ignored" : text.contains(column) ? "text"
                : column.equals(datetime) ? "datetime" : null;
        if (conflict != null) {
            problem("columns." + role, "column '" + column + "' is also listed in columns." + conflict + "; the "
                    + role + " is drift-tested, so it must be numerical or categorical");
        }
    }

    private void checkKeys(JsonNode node, String path, List<String> valid) {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String key = property.getKey();
            if (!valid.contains(key)) {
                String alias = ALIASES.get(key);
                String hint = alias != null && valid.contains(alias) ? " (did you mean '" + alias + "'?)" : "";
                problem(join(path, key), "unknown key '" + shorten(key) + "'" + hint + "; valid keys here: "
                        + String.join(", ", valid));
            }
        }
    }

    private JsonNode mapping(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problem(path, "expected a mapping, found " + describe(node));
            return null;
        }
        return node;
    }

    private String string(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() || node.isNumber()) {
            String s = node.asText();
            if (s.isBlank()) {
                problem(path, "must not be empty (write null or leave it out)");
                return null;
            }
            return s;
        }
        problem(path, "expected a single name, found " + describe(node));
        return null;
    }

    private Double number(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            problem(path, "expected a number, found " + describe(node));
            return null;
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v) || v < 0) {
            problem(path, "must be a finite number of at least 0, got " + node.asText());
            return null;
        }
        return v;
    }

    /** A list of column names: a YAML/JSON list, or one name on its own. */
    private List<String> columnList(JsonNode columns, String key) {
        if (columns == null) {
            return List.of();
        }
        return nameList(columns.get(key), "columns." + key, "column name");
    }

    private void problem(String path, String message) {
        JsonLocation at = path.length() > MAX_LOCATED_PATH ? null : locations.get(path);
        if (at == null && !path.isEmpty()) {
            // A value inside a key we know: point at the nearest enclosing key (a few levels up at most:
            // the parser reads no deeper than that).
            int end = path.length();
            for (int level = 0; at == null && level < 8; level++) {
                end = Math.max(path.lastIndexOf('.', end - 1), path.lastIndexOf('[', end - 1));
                if (end <= 0) {
                    break;
                }
                at = end > MAX_LOCATED_PATH ? null : locations.get(path.substring(0, end));
            }
        }
        problems.add(new InvalidMonitorException.Problem(path, at == null ? 0 : at.getLineNr(),
                at == null ? 0 : at.getColumnNr(), message));
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isBoolean()) {
            return node.asText() + " (a true/false value; quote it if it is a name)";
        }
        if (node.isNull()) {
            return "null";
        }
        return "'" + shorten(node.asText()) + "'";
    }

    /** A value quoted back to the user, cut to a readable length. */
    private static String shorten(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "…";
    }
}
