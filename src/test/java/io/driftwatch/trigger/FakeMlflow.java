package io.driftwatch.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.trigger.FakeServer.Fault;
import io.driftwatch.trigger.FakeServer.Reply;
import io.driftwatch.trigger.FakeServer.Request;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MLflow tracking server and model registry following the REST 2.0 contract
 * ({@code /api/2.0/mlflow/…}, MLflow's docs/api_reference rest-api): the calls the trigger makes,
 * with MLflow's validation where it matters (log-batch limits of 1000 metrics, 100 params, 100
 * tags, 1000 items; key characters and path rules; immutable params; identical metric points
 * kept once, as the SQL store does), errors as {@code {"error_code", "message"}}. Faults can be
 * injected per endpoint: answered without doing the work, or done and then answered with an error
 * (a lost response).
 *
 * <p>Thread-safe: every request is handled under the instance lock.
 */
public final class FakeMlflow implements AutoCloseable {
    private static final String API = "/api/2.0/mlflow/";
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";
    /** MLflow's rule, as in mlflow/utils/validation.py: {@code ^[/\w.\- ]*$} plus the path checks. */
    private static final Pattern KEY = Pattern.compile("^[/\\w.\\- ]*$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern TAG_FILTER = Pattern.compile("^tags\\.`([^`]+)` = '([^']*)'$");
    private static final Pattern NAME_FILTER = Pattern.compile("^name='([^']*)'$");

    public static final class Run {
        public final String id;
        public final String experimentId;
        public final String name;
        public final long startTime;
        public String status = "RUNNING";
        public Long endTime;
        public final Map<String, String> tags = new LinkedHashMap<>();
        public final Map<String, String> params = new LinkedHashMap<>();
        public final List<JsonNode> metrics = new ArrayList<>();
        /** {@code inputs.dataset_inputs} as {@code runs/get} gives them. */
        public final List<JsonNode> datasetInputs = new ArrayList<>();

        Run(String id, String experimentId, String name, long startTime) {
            this.id = id;
            this.experimentId = experimentId;
            this.name = name;
            this.startTime = startTime;
        }
    }

    static final class Model {
        final TreeMap<Integer, Map<String, String>> versions = new TreeMap<>();
        final Map<Integer, String> versionRuns = new HashMap<>();
        final Map<String, Integer> aliases = new HashMap<>();
    }

    private final FakeServer server;
    private final Map<String, String> experiments = new LinkedHashMap<>();
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final Map<String, Model> models = new HashMap<>();
    private final Map<String, Deque<Fault>> faults = new HashMap<>();
    private final Map<String, String> artifacts = new HashMap<>();
    private final List<String> logBatchErrors = new ArrayList<>();
    private String authorization;
    private int nextId = 1;

    public FakeMlflow() {
        server = new FakeServer(this::handle);
    }

    public URI uri() {
        return server.uri();
    }

    public FakeServer server() {
        return server;
    }

    public synchronized void requireAuthorization(String value) {
        this.authorization = value;
    }

    public synchronized String addExperiment(String name) {
        String id = Integer.toString(100 + nextId++);
        experiments.put(name, id);
        return id;
    }

    public synchronized void addModel(String name, int versions) {
        Model m = models.computeIfAbsent(name, n -> new Model());
        for (int v = 1; v <= versions; v++) {
            m.versions.putIfAbsent(v, new LinkedHashMap<>());
        }
    }

    /**
     * A finished training run in experiment {@code experimentId} that logged {@code datasetInputs} (each
     * {@code {"tags": [...], "dataset": {"name", "digest", "source_type", "source"}}}, as MLflow's
     * {@code log_input} stores them); returns its id. Its artifacts live under
     * {@code mlflow-artifacts:/EXPERIMENT/RUN/artifacts}.
     */
    public synchronized String addTrainingRun(String experimentId, List<JsonNode> datasetInputs) {
        Run run = new Run(String.format("%032x", nextId++), experimentId, "training", 1_700_000_000_000L);
        run.status = "FINISHED";
        run.datasetInputs.addAll(datasetInputs);
        runs.put(run.id, run);
        return run.id;
    }

    /** Model version {@code version} of {@code model}, made by run {@code runId} (null: registered from files). */
    public synchronized void addModelVersion(String model, int version, String runId) {
        Model m = models.computeIfAbsent(model, n -> new Model());
        m.versions.putIfAbsent(version, new LinkedHashMap<>());
        if (runId != null) {
            m.versionRuns.put(version, runId);
        }
    }

    /** An artifact the tracking server proxies, at {@code path} below {@code mlflow-artifacts:/}. */
    public synchronized void putArtifact(String path, String content) {
        artifacts.put(path, content);
    }

    public synchronized void setAlias(String model, String alias, int version) {
        models.get(model).aliases.put(alias, version);
    }

    public synchronized Map<String, String> versionTags(String model, int version) {
        return Map.copyOf(models.get(model).versions.get(version));
    }

    public synchronized Integer alias(String model, String alias) {
        return models.get(model).aliases.get(alias);
    }

    public synchronized List<Run> runs() {
        return List.copyOf(runs.values());
    }

    public synchronized Map<String, String> experiments() {
        return Map.copyOf(experiments);
    }

    /** Why log-batch calls were refused (the trigger should cause none). */
    public synchronized List<String> logBatchErrors() {
        return List.copyOf(logBatchErrors);
    }

    /** The next call to {@code endpoint} (e.g. {@code runs/create}) gets {@code fault}. */
    public synchronized void failNext(String endpoint, Fault fault) {
        faults.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).add(fault);
    }

    private synchronized Reply handle(Request r) {
        if (authorization != null && !authorization.equals(r.header("Authorization"))) {
            return error(401, "UNAUTHENTICATED", "You are not authenticated.");
        }
        if (r.method().equals("GET") && r.path().startsWith(ARTIFACTS)) {
            String content = artifacts.get(r.path().substring(ARTIFACTS.length()));
            return content == null ? error(404, "RESOURCE_DOES_NOT_EXIST", "File not found: " + r.path())
                    : new Reply(200, Map.of("Content-Type", "application/octet-stream"), content);
        }
        if (!r.path().startsWith(API)) {
            return error(404, "ENDPOINT_NOT_FOUND", "No API endpoint at " + r.path());
        }
        String endpoint = r.path().substring(API.length());
        Deque<Fault> queued = faults.get(endpoint);
        Fault fault = queued == null ? null : queued.poll();
        if (fault != null && !fault.afterWork()) {
            return fault.reply();
        }
        Reply reply = route(r.method() + " " + endpoint, r);
        return fault != null ? fault.reply() : reply;
    }

    private Reply route(String call, Request r) {
        switch (call) {
            case "GET experiments/get-by-name": {
                String name = r.query().get("experiment_name");
                String id = experiments.get(name);
                if (id == null) {
                    return error(404, "RESOURCE_DOES_NOT_EXIST", "Could not find experiment with name '" + name + "'");
                }
                ObjectNode body = FakeServer.JSON.createObjectNode();
                body.putObject("experiment").put("experiment_id", id).put("name", name)
                        .put("lifecycle_stage", "active");
                return Reply.json(200, body);
            }
            case "POST experiments/create": {
                String name = r.json().path("name").asText();
                if (experiments.containsKey(name)) {
                    return error(400, "RESOURCE_ALREADY_EXISTS", "Experiment '" + name + "' already exists.");
                }
                String id = addExperiment(name);
                return Reply.json(200, FakeServer.JSON.createObjectNode().put("experiment_id", id));
            }
            case "POST runs/search":
                return search(r.json());
            case "POST runs/create":
                return create(r.json());
            case "POST runs/log-batch":
                return logBatch(r.json());
            case "POST runs/update": {
                Run run = runs.get(r.json().path("run_id").asText());
                if (run == null) {
                    return error(404, "RESOURCE_DOES_NOT_EXIST", "Run not found");
                }
                run.status = r.json().path("status").asText();
                run.endTime = r.json().path("end_time").asLong();
                ObjectNode body = FakeServer.JSON.createObjectNode();
                body.putObject("run_info").put("run_id", run.id).put("status", run.status);
                return Reply.json(200, body);
            }
            case "GET model-versions/search":
                return searchVersions(r);
            case "GET registered-models/alias": {
                Model m = models.get(r.query().get("name"));
                Integer v = m == null ? null : m.aliases.get(r.query().get("alias"));
                if (v == null) {
                    return error(404, "RESOURCE_DOES_NOT_EXIST", "Registered model alias "
                            + r.query().get("alias") + " not found.");
                }
                return Reply.json(200, version(r.query().get("name"), m, v));
            }
            case "GET model-versions/get": {
                Model m = models.get(r.query().get("name"));
                String asked = r.query().getOrDefault("version", "");
                Integer v = asked.matches("[0-9]+") ? Integer.valueOf(asked) : null;
                if (m == null || v == null || !m.versions.containsKey(v)) {
                    return error(404, "RESOURCE_DOES_NOT_EXIST", "Model Version (name=" + r.query().get("name")
                            + ", version=" + asked + ") not found");
                }
                return Reply.json(200, version(r.query().get("name"), m, v));
            }
            case "GET runs/get": {
                Run run = runs.get(r.query().get("run_id"));
                if (run == null) {
                    return error(404, "RESOURCE_DOES_NOT_EXIST", "Run '" + r.query().get("run_id") + "' not found");
                }
                ObjectNode body = FakeServer.JSON.createObjectNode();
                body.set("run", json(run));
                return Reply.json(200, body);
            }
            case "POST registered-models/alias": {
                JsonNode b = r.json();
                Model m = models.get(b.path("name").asText());
                int v = Integer.parseInt(b.path("version").asText("0"));
                if (m == null || !m.versions.containsKey(v)) {
                    return error(404, "RESOURCE_DOES_NOT_EXIST", "Model version not found");
                }
                m.aliases.put(b.path("alias").asText(), v);
                return Reply.json(200, "{}");
            }
            case "POST model-versions/set-tag": {
                JsonNode b = r.json();
                Model m = models.get(b.path("name").asText());
                int v = Integer.parseInt(b.path("version").asText("0"));
                if (m == null || !m.versions.containsKey(v)) {
                    return error(404, "RESOURCE_DOES_NOT_EXIST", "Model version not found");
                }
                m.versions.get(v).put(b.path("key").asText(), b.path("value").asText());
                return Reply.json(200, "{}");
            }
            default:
                return error(404, "ENDPOINT_NOT_FOUND", "No API endpoint for " + call);
        }
    }

    private Reply search(JsonNode b) {
        Matcher f = TAG_FILTER.matcher(b.path("filter").asText());
        if (!f.matches()) {
            return error(400, "INVALID_PARAMETER_VALUE", "This fake only understands one tag comparison");
        }
        List<String> experimentIds = new ArrayList<>();
        b.path("experiment_ids").forEach(id -> experimentIds.add(id.asText()));
        List<Run> found = new ArrayList<>();
        for (Run run : runs.values()) {
            if (experimentIds.contains(run.experimentId) && f.group(2).equals(run.tags.get(f.group(1)))) {
                found.add(run);
            }
        }
        found.sort(Comparator.comparingLong(run -> run.startTime));
        ObjectNode body = FakeServer.JSON.createObjectNode();
        int max = b.path("max_results").asInt(1000);
        if (!found.isEmpty()) { // protobuf JSON leaves out an empty repeated field
            ArrayNode list = body.putArray("runs");
            for (Run run : found.subList(0, Math.min(max, found.size()))) {
                list.add(json(run));
            }
        }
        return Reply.json(200, body);
    }

    private Reply create(JsonNode b) {
        String experimentId = b.path("experiment_id").asText();
        if (!experiments.containsValue(experimentId)) {
            return error(404, "RESOURCE_DOES_NOT_EXIST", "No Experiment with id=" + experimentId + " exists");
        }
        if (!b.path("start_time").isIntegralNumber()) {
            return error(400, "INVALID_PARAMETER_VALUE", "start_time must be an int64 (milliseconds)");
        }
        Run run = new Run(String.format("%032x", nextId++), experimentId, b.path("run_name").asText(),
                b.path("start_time").asLong());
        for (JsonNode tag : b.path("tags")) {
            run.tags.put(tag.path("key").asText(), tag.path("value").asText());
        }
        run.tags.put("mlflow.runName", run.name);
        runs.put(run.id, run);
        ObjectNode body = FakeServer.JSON.createObjectNode();
        body.set("run", json(run));
        return Reply.json(200, body);
    }

    private Reply logBatch(JsonNode b) {
        Run run = runs.get(b.path("run_id").asText());
        if (run == null) {
            return error(404, "RESOURCE_DOES_NOT_EXIST", "Run not found");
        }
        int metrics = b.path("metrics").size();
        int params = b.path("params").size();
        int tags = b.path("tags").size();
        String limit = metrics > 1000 ? "A batch logging request can contain at most 1000 metrics. Got " + metrics
                : params > 100 ? "A batch logging request can contain at most 100 params. Got " + params
                : tags > 100 ? "A batch logging request can contain at most 100 tags. Got " + tags
                : metrics + params + tags > 1000 ? "at most 1000 metrics, params, and tags in total" : null;
        if (limit != null) {
            return refuse(limit);
        }
        for (String field : List.of("metrics", "params", "tags")) {
            for (JsonNode item : b.path(field)) {
                String key = item.path("key").asText();
                if (!validKey(key)) {
                    return refuse("Invalid " + field + " name: '" + key + "'");
                }
            }
        }
        for (JsonNode m : b.path("metrics")) {
            if (!m.path("value").isNumber() || !m.path("timestamp").isIntegralNumber() || !m.path("step").isIntegralNumber()) {
                return refuse("metric " + m + " needs a numeric value, timestamp and step");
            }
        }
        for (JsonNode p : b.path("params")) {
            String old = run.params.get(p.path("key").asText());
            if (old != null && !old.equals(p.path("value").asText())) {
                return refuse("Changing param values is not allowed. Param with key='" + p.path("key").asText() + "'");
            }
        }
        for (JsonNode p : b.path("params")) {
            run.params.put(p.path("key").asText(), p.path("value").asText());
        }
        for (JsonNode t : b.path("tags")) {
            run.tags.put(t.path("key").asText(), t.path("value").asText());
        }
        for (JsonNode m : b.path("metrics")) {
            if (!run.metrics.contains(m)) { // the SQL store keeps an identical point once
                run.metrics.add(m);
            }
        }
        return Reply.json(200, "{}");
    }

    private Reply searchVersions(Request r) {
        Matcher f = NAME_FILTER.matcher(r.query().getOrDefault("filter", ""));
        if (!f.matches()) {
            return error(400, "INVALID_PARAMETER_VALUE", "Invalid filter");
        }
        Model m = models.get(f.group(1));
        ObjectNode body = FakeServer.JSON.createObjectNode();
        if (m == null || m.versions.isEmpty()) {
            return Reply.json(200, body);
        }
        List<Integer> versions = new ArrayList<>(m.versions.keySet());
        if ("version_number DESC".equals(r.query().get("order_by"))) {
            versions.sort(Comparator.reverseOrder());
        }
        int max = Integer.parseInt(r.query().getOrDefault("max_results", "1000"));
        ArrayNode list = body.putArray("model_versions");
        for (Integer v : versions.subList(0, Math.min(max, versions.size()))) {
            list.addObject().put("name", f.group(1)).put("version", v.toString()).put("current_stage", "None");
        }
        return Reply.json(200, body);
    }

    private Reply refuse(String message) {
        logBatchErrors.add(message);
        return error(400, "INVALID_PARAMETER_VALUE", message);
    }

    private static boolean validKey(String key) {
        if (key.isEmpty() || key.length() > 250 || !KEY.matcher(key).matches()) {
            return false;
        }
        String norm = java.nio.file.Paths.get(key).normalize().toString();
        return norm.equals(key) && !norm.equals(".") && !norm.startsWith("..") && !norm.startsWith("/")
                && !key.endsWith("/") && !key.contains("//");
    }

    private static ObjectNode json(Run run) {
        ObjectNode n = FakeServer.JSON.createObjectNode();
        n.putObject("info").put("run_id", run.id).put("run_uuid", run.id).put("experiment_id", run.experimentId)
                .put("run_name", run.name).put("status", run.status).put("start_time", run.startTime)
                .put("artifact_uri", "mlflow-artifacts:/" + run.experimentId + "/" + run.id + "/artifacts")
                .put("lifecycle_stage", "active");
        ArrayNode tags = n.putObject("data").putArray("tags");
        run.tags.forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
        if (!run.datasetInputs.isEmpty()) {
            ArrayNode inputs = n.putObject("inputs").putArray("dataset_inputs");
            run.datasetInputs.forEach(inputs::add);
        }
        return n;
    }

    /** {@code {"model_version": {…}}} as the registry answers for version {@code v} of model {@code m}. */
    private static ObjectNode version(String name, Model m, int v) {
        ObjectNode body = FakeServer.JSON.createObjectNode();
        ObjectNode version = body.putObject("model_version").put("name", name).put("version", Integer.toString(v))
                .put("status", "READY").put("current_stage", "None");
        String runId = m.versionRuns.get(v);
        if (runId != null) {
            version.put("run_id", runId).put("source", "models:/m-" + runId);
        }
        return body;
    }

    private static Reply error(int status, String code, String message) {
        return Reply.json(status, FakeServer.JSON.createObjectNode().put("error_code", code).put("message", message));
    }

    @Override
    public void close() {
        server.close();
    }
}
