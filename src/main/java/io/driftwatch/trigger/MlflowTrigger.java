package io.driftwatch.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.delivery.HttpTransport;
import io.driftwatch.delivery.InvalidPayloadException;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.delivery.StepFailedException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Logs checks to MLflow as runs and, on a breach, marks the model version in the registry.
 *
 * <p>One run per check, in the configured experiment (by id, or by name with {@code {monitor}}
 * replaced, created if missing): the run is tagged {@code driftwatch.check_id} when it is created,
 * and found again by that tag ({@code runs/search}) before anything else, so a retry, or the
 * breach that follows the check, continues the same run instead of creating a second one.
 * Metrics: {@code drift_share}, {@code dataset_drift} (1 or 0), {@code drifted_columns},
 * {@code tested_columns}, {@code column_errors}, and {@code drift_score/<column>} per tested
 * column (column names made into valid keys by {@link MlflowKeys}); params: {@code monitor},
 * {@code drift_share_threshold}; tags: the verdict, report and dashboard addresses, the drifted
 * columns, and a run description ({@code mlflow.note.content}). They are written in
 * {@code runs/log-batch} bodies within MLflow's limits ({@link LogBatches}); the last carries
 * {@code driftwatch.logged=true}, and a run that has it is not logged again. Then the run is set
 * {@code FINISHED}.
 *
 * <p>On a breach, when a registered model is configured: the version to mark is the configured
 * version, or the one behind the configured alias (e.g. {@code champion}), or else the highest
 * version number; it is recorded on the run ({@code driftwatch.model_version}) before the registry
 * writes, so a retry marks the same version even if the alias has moved since. The version gets
 * the configured tags ({@code drift_status=drifted}, {@code drift_check}, {@code drift_incident},
 * {@code drift_report}) and, if configured, an alias (e.g. {@code drifted}). Tags and aliases are
 * idempotent writes, so a retry simply repeats them. Stages are not used (deprecated in MLflow).
 *
 * <p>A crash between any two steps is repaired by the next attempt: it finds the run by its tag,
 * logs it if the completion tag is missing (params and tags are idempotent; MLflow's SQL store
 * ignores a metric point identical to one it has), finishes it if it is not finished, and repeats
 * the registry writes. Two different events for one check (its check and its breach) sent at the
 * very same moment could both miss the run and create two: the caller sends one check's events to
 * one MLflow trigger one after the other.
 *
 * <p>Thread-safe: the experiment-id cache is a concurrent map; everything else is immutable.
 */
final class MlflowTrigger implements Trigger {
    static final String CHECK_TAG = "driftwatch.check_id";
    static final String LOGGED_TAG = "driftwatch.logged";
    static final String INCIDENT_TAG = "driftwatch.incident_id";
    static final String MODEL_NAME_TAG = "driftwatch.model_name";
    static final String MODEL_VERSION_TAG = "driftwatch.model_version";
    /** MLflow's guaranteed tag value length (older servers: 5000; newer: 8000). */
    static final int MAX_TAG_VALUE = 5000;
    /** MLflow's guaranteed param value length (older servers: 500). */
    static final int MAX_PARAM_VALUE = 500;

    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Where runs go and what a breach marks.
     *
     * @param experimentId a fixed experiment id, or null to use {@code experimentName}
     * @param experimentName the experiment's name, {@code {monitor}} replaced by the monitor's name
     * @param model the registered model to mark on a breach, or null for none
     */
    record Settings(String experimentId, String experimentName, Model model) {
    }

    /**
     * The registered model a breach marks.
     *
     * @param name the registered model
     * @param version a fixed version, or null
     * @param alias the alias whose version to mark (when {@code version} is null), or null for the highest version
     * @param breachAlias an alias to point at the marked version, or null for none
     * @param tags the model-version tag keys: status, check, incident, report (a null key is not written)
     * @param statusValue the status tag's value
     */
    record Model(String name, String version, String alias, String breachAlias, VersionTags tags,
            String statusValue) {
    }

    /** The model-version tag keys; a null key is not written. */
    record VersionTags(String status, String check, String incident, String report) {
    }

    private final String name;
    private final Settings settings;
    private final MlflowClient mlflow;
    private final HttpTransport http;
    private final Map<String, String> experiments = new ConcurrentHashMap<>();

    MlflowTrigger(String name, Settings settings, MlflowClient mlflow, HttpTransport http) {
        this.name = name;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mlflow = mlflow;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "mlflow";
    }

    /** Every check is logged as a run, breach or not. */
    @Override
    public boolean wantsEveryCheck() {
        return true;
    }

    /**
     * The run's content: identity ({@code kind, monitor, checkId, incidentId, runName,
     * timestamp}), {@code metrics}, {@code params} and {@code tags} as MLflow key/value pairs, and
     * for a breach the {@code modelVersionTags} to write.
     */
    @Override
    public Payload render(RetrainEvent e) {
        ObjectNode p = NODES.objectNode();
        p.put("kind", EventJson.kind(e.kind()));
        p.put("monitor", e.monitor());
        p.put("checkId", e.checkId());
        p.put("incidentId", e.incidentId());
        p.put("runName", e.monitor() + " " + e.occurredAt().truncatedTo(ChronoUnit.SECONDS));
        p.put("timestamp", e.occurredAt().toEpochMilli());

        ArrayNode metrics = p.putArray("metrics");
        metric(metrics, "drift_share", e.dataset().share());
        metric(metrics, "dataset_drift", e.dataset().detected() ? 1 : 0);
        metric(metrics, "drifted_columns", e.dataset().numberOfDriftedColumns());
        metric(metrics, "tested_columns", e.dataset().numberOfColumns());
        metric(metrics, "column_errors", e.dataset().numberOfErrors());
        MlflowKeys keys = new MlflowKeys();
        for (RetrainEvent.Column c : e.columns()) {
            String key = keys.unique("drift_score/", c.name());
            metric(metrics, key, c.score());
        }

        ArrayNode params = p.putArray("params");
        pair(params, "monitor", e.monitor(), MAX_PARAM_VALUE);
        if (Double.isFinite(e.dataset().threshold())) {
            pair(params, "drift_share_threshold", Double.toString(e.dataset().threshold()), MAX_PARAM_VALUE);
        }

        ArrayNode tags = p.putArray("tags");
        pair(tags, CHECK_TAG, lookupValue(e.checkId()), MAX_TAG_VALUE);
        pair(tags, "driftwatch.monitor", e.monitor(), MAX_TAG_VALUE);
        pair(tags, "driftwatch.verdict", e.dataset().detected() ? "drifted" : "not_drifted", MAX_TAG_VALUE);
        pair(tags, "driftwatch.report_url", EventJson.text(e.reportUrl()), MAX_TAG_VALUE);
        pair(tags, "driftwatch.dashboard_url", EventJson.text(e.dashboardUrl()), MAX_TAG_VALUE);
        pair(tags, "driftwatch.drifted_columns", String.join(",", e.driftedColumns()), MAX_TAG_VALUE);
        if (e.reference() != null) {
            // the version of the data the check compared with: for an MLflow reference, the model
            // version and the run that trained it, so this run links back to them
            pair(tags, "driftwatch.reference.system", e.reference().system(), MAX_TAG_VALUE);
            e.reference().facts().forEach((k, v) -> pair(tags, "driftwatch.reference." + k, v, MAX_TAG_VALUE));
        }
        pair(tags, "mlflow.note.content", note(e), MAX_TAG_VALUE);

        Model model = settings.model();
        if (e.kind() == RetrainEvent.Kind.BREACH && model != null) {
            ArrayNode versionTags = p.putArray("modelVersionTags");
            pair(versionTags, model.tags().status(), model.statusValue(), MAX_TAG_VALUE);
            pair(versionTags, model.tags().check(), e.checkId(), MAX_TAG_VALUE);
            pair(versionTags, model.tags().incident(), e.incidentId(), MAX_TAG_VALUE);
            pair(versionTags, model.tags().report(), EventJson.text(e.reportUrl()), MAX_TAG_VALUE);
        }
        return Payload.of(p);
    }

    @Override
    public Outcome send(Payload payload, String idempotencyKey) {
        String experiment = null;
        try {
            JsonNode p = read(payload);
            String monitor = p.get("monitor").asText();
            experiment = experimentKey(monitor);
            String experimentId = experimentId(experiment);
            String lookup = lookupValue(p.get("checkId").asText());
            long timestamp = p.get("timestamp").asLong();

            MlflowClient.Run run = mlflow.findRun(experimentId, CHECK_TAG, lookup)
                    .orElseGet(() -> mlflow.createRun(experimentId, p.path("runName").asText(monitor), timestamp,
                            identityTags(p)));
            if (!"true".equals(run.tags().get(LOGGED_TAG))) {
                ObjectNode done = NODES.objectNode().put("key", LOGGED_TAG).put("value", "true");
                for (ObjectNode batch : LogBatches.split(p.get("metrics"), p.get("params"), p.get("tags"),
                        timestamp, done)) {
                    mlflow.logBatch(run.id(), batch);
                }
            }
            if (!"FINISHED".equals(run.status())) {
                mlflow.finishRun(run.id(), http.clock().millis());
            }
            if ("breach".equals(p.get("kind").asText())) {
                markBreach(run, p);
            }
            return new Outcome.Delivered(0, run.id()); // several calls: no one status
        } catch (StepFailedException e) {
            if (experiment != null && e.outcome() instanceof Outcome.Failed) {
                experiments.remove(experiment); // the experiment may have been deleted or renamed
            }
            return e.outcome();
        } catch (InvalidPayloadException e) {
            return new Outcome.Failed(e.getMessage());
        }
    }

    /** Records the incident on the run and, if a model is configured, tags (and aliases) its version. */
    private void markBreach(MlflowClient.Run run, JsonNode p) {
        ArrayNode tags = NODES.arrayNode();
        pair(tags, INCIDENT_TAG, p.path("incidentId").asText(null), MAX_TAG_VALUE);
        Model model = settings.model();
        String version = null;
        if (model != null) {
            version = run.tags().get(MODEL_VERSION_TAG);
            if (version == null || !model.name().equals(run.tags().get(MODEL_NAME_TAG))) {
                version = resolveVersion(model);
            }
            pair(tags, MODEL_NAME_TAG, model.name(), MAX_TAG_VALUE);
            pair(tags, MODEL_VERSION_TAG, version, MAX_TAG_VALUE);
        }
        ObjectNode batch = NODES.objectNode();
        batch.putArray("metrics");
        batch.putArray("params");
        batch.set("tags", tags);
        mlflow.logBatch(run.id(), batch);
        if (model == null) {
            return;
        }
        for (JsonNode tag : p.path("modelVersionTags")) {
            mlflow.setModelVersionTag(model.name(), version, tag.get("key").asText(), tag.get("value").asText());
        }
        if (model.breachAlias() != null) {
            mlflow.setAlias(model.name(), model.breachAlias(), version);
        }
    }

    private String resolveVersion(Model model) {
        if (model.version() != null) {
            return model.version();
        }
        if (model.alias() != null) {
            return mlflow.versionByAlias(model.name(), model.alias());
        }
        Optional<String> latest = mlflow.latestVersion(model.name());
        return latest.orElseThrow(() -> StepFailedException.failed(
                "MLflow registered model '" + model.name() + "' has no versions to mark"));
    }

    private String experimentKey(String monitor) {
        return settings.experimentId() != null ? settings.experimentId()
                : settings.experimentName().replace("{monitor}", monitor);
    }

    private String experimentId(String key) {
        if (settings.experimentId() != null) {
            return key;
        }
        String cached = experiments.get(key);
        if (cached != null) {
            return cached;
        }
        String id = mlflow.experimentId(key);
        experiments.put(key, id);
        return id;
    }

    /** The tags a run is created with: enough to find it again. */
    private static ArrayNode identityTags(JsonNode p) {
        ArrayNode tags = NODES.arrayNode();
        pair(tags, CHECK_TAG, lookupValue(p.get("checkId").asText()), MAX_TAG_VALUE);
        pair(tags, "driftwatch.monitor", p.get("monitor").asText(), MAX_TAG_VALUE);
        return tags;
    }

    /** The check id as stored in the lookup tag: as is when it is safe inside a filter string, else hashed. */
    static String lookupValue(String checkId) {
        return PLAIN_ID.matcher(checkId).matches() ? checkId : "sha256:" + Sha256.hex(checkId);
    }

    private static JsonNode read(Payload payload) {
        JsonNode p = payload.document();
        for (String field : List.of("kind", "monitor", "checkId", "timestamp", "metrics", "params", "tags")) {
            if (!p.hasNonNull(field)) {
                throw new InvalidPayloadException("not an MLflow trigger payload: it has no " + field);
            }
        }
        return p;
    }

    private static String note(RetrainEvent e) {
        StringBuilder n = new StringBuilder("Driftwatch check of monitor ").append(e.monitor()).append(": ");
        n.append(e.dataset().detected() ? "dataset drift" : "no dataset drift").append(" (")
                .append(e.dataset().numberOfDriftedColumns()).append(" of ").append(e.dataset().numberOfColumns())
                .append(" columns drifted).");
        for (String line : e.estimate()) {
            n.append(' ').append(line).append('.');
        }
        for (String line : e.multivariate()) {
            n.append(' ').append(line).append('.');
        }
        if (e.reportUrl() != null) {
            n.append(" Report: ").append(e.reportUrl());
        }
        return n.toString();
    }

    private static void metric(ArrayNode metrics, String key, double value) {
        if (Double.isFinite(value)) {
            metrics.addObject().put("key", key).put("value", value);
        }
    }

    private static void pair(ArrayNode pairs, String key, String value, int max) {
        if (key == null || value == null) {
            return;
        }
        String v = value.length() <= max ? value : value.substring(0, max - 1) + "…";
        pairs.addObject().put("key", key).put("value", v);
    }
}
