package io.driftwatch.monitor.definitions;

import io.driftwatch.data.ColumnType;
import io.driftwatch.drift.ColumnOverride;
import io.driftwatch.drift.Correction;
import io.driftwatch.drift.DriftOptions;
import io.driftwatch.estimate.EstimateOptions;
import io.driftwatch.multivariate.MultivariateOptions;
import io.driftwatch.integrity.IntegrityOptions;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.quality.QualityOptions;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.monitor.sources.SourceSpec;
import io.driftwatch.report.ColumnRoles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A monitor definition, the document DESIGN.md's "Monitor definition" describes (YAML or JSON, the
 * same for the CLI and the API): a name, a reference, a column mapping, a drift policy and, when
 * asked for, the data-quality (integrity) analysis.
 *
 * <pre>{@code
 * name: bike-sharing
 * reference: examples/bike-sharing/reference.csv
 * columns:                 # every entry optional; what is not listed is inferred
 *   numerical: [temp, hum]
 *   categorical: [season]
 *   text: [comment]        # kept as text, never tested
 *   datetime: dteday
 *   target: cnt
 *   prediction: null
 *   ignored: [instant]
 * drift:
 *   share: 0.5
 *   method: null           # also num_method, cat_method
 *   threshold: null        # also num_threshold, cat_threshold
 *   per_column:
 *     temp: {method: psi, threshold: 0.2}
 *   correction: none       # none | bonferroni | benjamini-hochberg
 * schedule:                # the service runs the monitor by itself
 *   cron: "0 * * * *"      # or every: 1h; cron_type: unix | quartz; time_zone: UTC
 * source:                  # where each run reads its batch; see SourceSpec
 *   type: jdbc
 *   datasource: warehouse
 *   query: SELECT * FROM predictions WHERE ts >= :from AND ts < :to
 * chunks: {every: 1h, column: ts}   # or {rows: 10000}: one check per chunk
 * reference_roll: {previous: 30d, every: 1d}   # roll the reference instead of pinning it
 * integrity:               # data quality; without it, no integrity analysis runs
 *   tests: evidently       # evidently | reference | none
 *   range_margin: 0.0      # tests: reference only: how far outside the reference range, as a share of it
 *   missing_tolerance: 0.05    # how far above the reference's missing share (one-sided)
 *   duplicated_tolerance: 0.05 # likewise for duplicated rows
 *   confidence: 0.99       # of the lower bound a share must clear before it is a finding
 * model:                   # the model whose quality is measured; without it, no quality analysis runs
 *   task: binary_classification   # binary_classification | multiclass_classification | regression
 *   target: churned        # the same column as columns.target (either place, or both alike)
 *   prediction: churn_label
 *   probabilities: churn_proba    # multiclass: {class: column, …}
 *   pos_label: 1
 *   probas_threshold: 0.5
 *   id: request_id         # joins labels that arrive later to the logged predictions
 * quality:
 *   tests: degradation     # evidently (the default) | degradation | none
 *   degradation: {accuracy: 0.05, rmse: {absolute: 2.5}}   # a share of the reference's value, or absolute
 *   confidence: 0.95       # one-sided, of the worsening a failed degradation test shows
 * estimate:                # performance without labels (needs model:; CBPE needs probabilities, DLE for regression)
 *   chunks: {count: 10}    # or {size: 5000} or {period: 1d} (over columns.datetime)
 *   calibrate: auto        # auto | always | never (CBPE)
 *   metrics: [roc_auc, f1_score, accuracy]   # default: all of the task's
 * multivariate:            # drift across columns
 *   methods: [pca]         # pca | domain_classifier
 *   chunks: {count: 10}
 *   columns: [age, hours-per-week]           # default: the tested columns that are not the model's
 *   variance: 0.65         # the share of variance the PCA keeps
 * }</pre>
 *
 * <p>Validation is strict (see {@link InvalidMonitorException}). A column has one role among
 * {@code numerical}, {@code categorical}, {@code text}, {@code datetime} and {@code ignored}; the
 * {@code target} and {@code prediction} may also be listed as {@code numerical} or
 * {@code categorical} (which fixes their type), but not ignored, text or datetime. Target and
 * prediction are drift-tested like any other column, as in Evidently; reports pin them first.
 *
 * <p>Thread-safe: immutable.
 */
public final class MonitorDefinition {
    private static final MonitorDefinition EMPTY = new MonitorDefinition(null, null, List.of(), List.of(), List.of(),
            null, null, null, List.of(), DriftOptions.defaults(), Policy.NONE, null, null, null, null, null, null, null,
            QualityOptions.defaults(), "", Map.of(), null, null);

    private final String name;
    private final String reference;
    private final List<String> numerical;
    private final List<String> categorical;
    private final List<String> text;
    private final String datetime;
    private final String target;
    private final String prediction;
    private final List<String> ignored;
    private final DriftOptions driftOptions;
    private final Policy policy;
    private final Schedule schedule;
    private final SourceSpec source;
    private final ChunkSpec chunks;
    private final ReferenceRoll referenceRoll;
    private final IntegrityOptions integrity;
    private final ModelSpec model;
    private final String modelId;
    private final QualityOptions quality;
    private final String documentName;
    private final Map<String, InvalidMonitorException.Problem> modelLocations;
    private final EstimateOptions estimate;
    private final MultivariateOptions multivariate;

    MonitorDefinition(String name, String reference, List<String> numerical, List<String> categorical,
            List<String> text, String datetime, String target, String prediction, List<String> ignored,
            DriftOptions driftOptions, Policy policy, Schedule schedule, SourceSpec source, ChunkSpec chunks,
            ReferenceRoll referenceRoll, IntegrityOptions integrity, ModelSpec model, String modelId,
            QualityOptions quality, String documentName, Map<String, InvalidMonitorException.Problem> modelLocations,
            EstimateOptions estimate, MultivariateOptions multivariate) {
        this.estimate = estimate;
        this.multivariate = multivariate;
        this.documentName = documentName;
        this.integrity = integrity;
        this.model = model;
        this.modelId = modelId;
        this.quality = quality;
        this.modelLocations = Map.copyOf(modelLocations);
        this.schedule = schedule;
        this.source = source;
        this.chunks = chunks;
        this.referenceRoll = referenceRoll;
        this.name = name;
        this.reference = reference;
        this.numerical = List.copyOf(numerical);
        this.categorical = List.copyOf(categorical);
        this.text = List.copyOf(text);
        this.datetime = datetime;
        this.target = target;
        this.prediction = prediction;
        this.ignored = List.copyOf(ignored);
        this.driftOptions = driftOptions;
        this.policy = policy;
    }

    /** No name, no reference, every type inferred, Evidently's default drift policy. */
    public static MonitorDefinition empty() {
        return EMPTY;
    }

    /**
     * Reads a definition from a YAML or JSON file.
     *
     * @throws InvalidMonitorException when the file cannot be read or the definition is not valid
     */
    public static MonitorDefinition read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw invalidFile(file, "no such file");
        } catch (CharacterCodingException e) {
            throw invalidFile(file, "not UTF-8 text");
        } catch (IOException e) {
            throw invalidFile(file, "cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /**
     * Parses a definition from YAML or JSON text (read as JSON when it starts with a brace).
     *
     * @param source names the file or upload in error messages
     * @throws InvalidMonitorException when the text is not a valid definition
     */
    public static MonitorDefinition parse(String text, String source) {
        return MonitorParser.parse(text, source);
    }

    /**
     * Initialises what {@link #parse} reads a definition with (the YAML and JSON parsers and their
     * bindings: about a tenth of a second in a fresh JVM) by parsing a minimal definition, so that a
     * command can have it done on a spare thread while it does other work. Never needed.
     */
    public static void prepare() {
        parse("name: prepared\n", "prepare");
    }

    private static InvalidMonitorException invalidFile(Path file, String why) {
        return new InvalidMonitorException(file.toString(), List.of(new InvalidMonitorException.Problem("", 0, 0, why)));
    }

    /** The alert and retraining policy ({@link Policy#NONE} when the definition has none). */
    public Policy policy() {
        return policy;
    }

    /** When the service runs the monitor by itself, if it does ({@code schedule:}). */
    public Optional<Schedule> schedule() {
        return Optional.ofNullable(schedule);
    }

    /** Where scheduled runs read current batches from ({@code source:}); present exactly when a schedule is. */
    public Optional<SourceSpec> source() {
        return Optional.ofNullable(source);
    }

    /** How each batch the source delivers is split into checks ({@code chunks:}), if it is. */
    public Optional<ChunkSpec> chunks() {
        return Optional.ofNullable(chunks);
    }

    /** The rolling reference ({@code reference_roll:}), if the reference is not pinned. */
    public Optional<ReferenceRoll> referenceRoll() {
        return Optional.ofNullable(referenceRoll);
    }

    /**
     * The data-quality analysis's settings ({@code integrity:}), if the monitor asks for one; without
     * them a check runs no integrity analysis.
     */
    public Optional<IntegrityOptions> integrityOptions() {
        return Optional.ofNullable(integrity);
    }

    /**
     * The model whose quality a check measures ({@code model:}), if the monitor describes one; without
     * it a check runs no quality analysis.
     */
    public Optional<ModelSpec> model() {
        return Optional.ofNullable(model);
    }

    /** The column that identifies each prediction row ({@code model.id}), joining labels that arrive later. */
    public Optional<String> modelId() {
        return Optional.ofNullable(modelId);
    }

    /** The model-quality tests ({@code quality:}); Evidently's default tests when the monitor names none. */
    public QualityOptions qualityOptions() {
        return quality;
    }

    /**
     * The label-free performance analysis's settings ({@code estimate:}), if the monitor asks for one
     * (it has a {@code model:} then); without them a check runs no estimate analysis.
     */
    public Optional<EstimateOptions> estimateOptions() {
        return Optional.ofNullable(estimate);
    }

    /**
     * The multivariate drift analysis's settings ({@code multivariate:}), if the monitor asks for one;
     * without them a check runs no multivariate analysis.
     */
    public Optional<MultivariateOptions> multivariateOptions() {
        return Optional.ofNullable(multivariate);
    }

    /** The file or upload the definition was read from, as its messages name it (empty for {@link #empty()}). */
    public String documentName() {
        return documentName;
    }

    /**
     * A problem with the {@code model:} field {@code field} found on the data (a column the reference
     * lacks, a probability outside [0, 1]), placed at the field's line and column in the definition.
     */
    public InvalidMonitorException.Problem modelProblem(String field, String message) {
        InvalidMonitorException.Problem at = modelLocations.get(field);
        if (at == null && field.startsWith("model.")) {
            // named under columns: instead (columns.target and model.target are one column); before the
            // enclosing model: key, which is always there
            at = modelLocations.get("columns." + field.substring("model.".length()));
        }
        for (String f = field; at == null && f.lastIndexOf('.') > 0; ) {
            f = f.substring(0, f.lastIndexOf('.'));
            at = modelLocations.get(f);
        }
        return new InvalidMonitorException.Problem(field, at == null ? 0 : at.line(), at == null ? 0 : at.column(),
                message);
    }

    /** The monitor's name, if it has one. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The reference as written (a path for the CLI, a dataset id for the API), if set. */
    public Optional<String> reference() {
        return Optional.ofNullable(reference);
    }

    public List<String> numerical() {
        return numerical;
    }

    public List<String> categorical() {
        return categorical;
    }

    public List<String> text() {
        return text;
    }

    public Optional<String> datetime() {
        return Optional.ofNullable(datetime);
    }

    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    public Optional<String> prediction() {
        return Optional.ofNullable(prediction);
    }

    /**
     * Columns never tested nor compared, in the order listed; the model's id column ({@code model.id})
     * too: a row identifier is not a feature.
     */
    public Set<String> ignored() {
        Set<String> all = new LinkedHashSet<>(ignored);
        if (modelId != null) {
            all.add(modelId);
        }
        return Collections.unmodifiableSet(all);
    }

    /** The drift policy: tests, thresholds, per-column overrides, share and correction. */
    public DriftOptions driftOptions() {
        return driftOptions;
    }

    /** The correction the policy applies (also in {@link #driftOptions()}). */
    public Correction correction() {
        return driftOptions.correction();
    }

    /** Per-column overrides (also in {@link #driftOptions()}). */
    public Map<String, ColumnOverride> perColumn() {
        return driftOptions.perColumn();
    }

    /**
     * The types the mapping declares: numerical, categorical, text and the datetime column. Columns
     * not in this map are typed by inference.
     */
    public Map<String, ColumnType> declaredTypes() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        numerical.forEach(c -> types.put(c, ColumnType.NUMERICAL));
        categorical.forEach(c -> types.put(c, ColumnType.CATEGORICAL));
        text.forEach(c -> types.put(c, ColumnType.TEXT));
        if (datetime != null) {
            types.put(datetime, ColumnType.DATETIME);
        }
        return Collections.unmodifiableMap(types);
    }

    /** Target, prediction and datetime columns, for the report. */
    public ColumnRoles roles() {
        return new ColumnRoles(target, prediction, datetime);
    }

    /**
     * CSV options that honour the mapping: numerical columns must hold numbers (a bad cell fails the
     * read naming its line), text columns stay text even when they look like numbers, and so does the
     * model's id column ({@code model.id}): an id is matched as written ({@code 007} is not {@code 7},
     * and a 19-digit id is not rounded to a double).
     */
    public CsvOptions csvOptions() {
        Set<String> asText = new LinkedHashSet<>(text);
        if (modelId != null) {
            asText.add(modelId);
        }
        return CsvOptions.defaults().withNumericColumns(Set.copyOf(numerical)).withTextColumns(asText);
    }
}
