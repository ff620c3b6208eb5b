package io.driftwatch.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.delivery.HttpTransport;
import io.driftwatch.delivery.StepFailedException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The MLflow REST 2.0 calls the MLflow trigger makes ({@code /api/2.0/mlflow/…}), plain JSON over
 * {@link HttpTransport}: experiments by name, run search, create, log-batch and update, and the
 * model-registry reads and writes (version by alias, latest version, version tag, alias). Errors
 * come back as MLflow's {@code {"error_code", "message"}} with a status; a call that fails throws
 * {@link StepFailedException} with a retry (5xx, 429, network) or a failure (other 4xx).
 *
 * <p>Thread-safe: immutable, over a thread-safe transport.
 */
final class MlflowClient {
    private static final String API = "/api/2.0/mlflow/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A run as {@code runs/search} returns it. */
    record Run(String id, String status, Map<String, String> tags) {
        Run {
            tags = Map.copyOf(tags);
        }
    }

    private final URI trackingUri;
    private final String authorization;
    private final HttpTransport http;

    /** @param authorization the {@code Authorization} header value, or null to send none */
    MlflowClient(URI trackingUri, String authorization, HttpTransport http) {
        this.trackingUri = trackingUri;
        this.authorization = authorization;
        this.http = http;
    }

    /** The id of the experiment called {@code name}, created if there is none. */
    String experimentId(String name) {
        Optional<String> found = experimentByName(name);
        if (found.isPresent()) {
            return found.get();
        }
        ObjectNode body = NODES.objectNode().put("name", name);
        HttpTransport.Response r = call("POST", "experiments/create", body);
        if (r.ok()) {
            return r.json().path("experiment_id").asText();
        }
        if ("RESOURCE_ALREADY_EXISTS".equals(errorCode(r))) {
            // created by someone else since we looked
            return experimentByName(name).orElseThrow(() -> http.stop(r, "MLflow experiments/create"));
        }
        throw http.stop(r, "MLflow experiments/create");
    }

    private Optional<String> experimentByName(String name) {
        HttpTransport.Response r = call("GET", "experiments/get-by-name?experiment_name=" + UriParts.query(name), null);
        if (r.status() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(errorCode(r))) {
            return Optional.empty();
        }
        JsonNode experiment = ok(r, "MLflow experiments/get-by-name").path("experiment");
        if ("deleted".equals(experiment.path("lifecycle_stage").asText())) {
            throw StepFailedException.failed("MLflow experiment '" + name
                    + "' is deleted: restore it, or configure another experiment");
        }
        return Optional.of(experiment.path("experiment_id").asText());
    }

    /** The oldest active run of {@code experimentId} whose tag {@code key} is {@code value}. */
    Optional<Run> findRun(String experimentId, String key, String value) {
        ObjectNode body = NODES.objectNode();
        body.putArray("experiment_ids").add(experimentId);
        body.put("filter", "tags.`" + key + "` = '" + value + "'");
        body.put("run_view_type", "ACTIVE_ONLY");
        body.put("max_results", 1);
        body.putArray("order_by").add("attributes.start_time ASC");
        JsonNode runs = ok(call("POST", "runs/search", body), "MLflow runs/search").path("runs");
        if (!runs.isArray() || runs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(run(runs.get(0)));
    }

    /** Creates a run and returns it. */
    Run createRun(String experimentId, String runName, long startTime, JsonNode tags) {
        ObjectNode body = NODES.objectNode();
        body.put("experiment_id", experimentId);
        body.put("run_name", runName);
        body.put("start_time", startTime);
        body.set("tags", tags);
        return run(ok(call("POST", "runs/create", body), "MLflow runs/create").path("run"));
    }

    void logBatch(String runId, ObjectNode batch) {
        ObjectNode body = NODES.objectNode().put("run_id", runId);
        body.setAll(batch);
        ok(call("POST", "runs/log-batch", body), "MLflow runs/log-batch");
    }

    void finishRun(String runId, long endTime) {
        ObjectNode body = NODES.objectNode().put("run_id", runId).put("status", "FINISHED").put("end_time", endTime);
        ok(call("POST", "runs/update", body), "MLflow runs/update");
    }

    /** The version {@code alias} points at. */
    String versionByAlias(String model, String alias) {
        HttpTransport.Response r = call("GET", "registered-models/alias?name=" + UriParts.query(model)
                + "&alias=" + UriParts.query(alias), null);
        return ok(r, "MLflow registered-models/alias (get)").path("model_version").path("version").asText();
    }

    /** The highest version number of {@code model}. */
    Optional<String> latestVersion(String model) {
        HttpTransport.Response r = call("GET", "model-versions/search?filter="
                + UriParts.query("name='" + model + "'") + "&order_by=" + UriParts.query("version_number DESC")
                + "&max_results=1", null);
        JsonNode versions = ok(r, "MLflow model-versions/search").path("model_versions");
        if (!versions.isArray() || versions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(versions.get(0).path("version").asText());
    }

    void setModelVersionTag(String model, String version, String key, String value) {
        ObjectNode body = NODES.objectNode().put("name", model).put("version", version).put("key", key)
                .put("value", value);
        ok(call("POST", "model-versions/set-tag", body), "MLflow model-versions/set-tag");
    }

    void setAlias(String model, String alias, String version) {
        ObjectNode body = NODES.objectNode().put("name", model).put("alias", alias).put("version", version);
        ok(call("POST", "registered-models/alias", body), "MLflow registered-models/alias");
    }

    private HttpTransport.Response call(String method, String endpoint, ObjectNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(UriParts.resolve(trackingUri, API + endpoint))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        int query = endpoint.indexOf('?');
        return http.exchange(request, "MLflow " + (query < 0 ? endpoint : endpoint.substring(0, query)));
    }

    private JsonNode ok(HttpTransport.Response r, String what) {
        if (!r.ok()) {
            throw http.stop(r, what);
        }
        return r.json();
    }

    private static Run run(JsonNode run) {
        JsonNode info = run.path("info");
        String id = info.path("run_id").asText(info.path("run_uuid").asText(""));
        if (id.isEmpty()) {
            throw StepFailedException.retry("MLflow returned a run without run_id");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : run.path("data").path("tags")) {
            tags.put(tag.path("key").asText(), tag.path("value").asText());
        }
        return new Run(id, info.path("status").asText("RUNNING"), tags);
    }

    private static String errorCode(HttpTransport.Response r) {
        return r.json().path("error_code").asText("");
    }
}
