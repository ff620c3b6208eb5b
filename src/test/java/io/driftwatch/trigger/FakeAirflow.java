package io.driftwatch.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.trigger.FakeServer.Reply;
import io.driftwatch.trigger.FakeServer.Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Airflow webserver / API server following the stable REST API contract for triggering and
 * reading DAG runs. Airflow 2 ({@code /api/v1}): basic auth, body fields of the DAGRun schema,
 * 409 when the run id (or the logical date) is taken. Airflow 3 ({@code /api/v2}): a JWT from
 * {@code POST /auth/token} ({@code {"username", "password"}} → 201 {@code {"access_token"}}) as
 * a bearer token, a strict body ({@code TriggerDAGRunPostBody}: unknown fields are 422,
 * {@code logical_date} must be present and may be null), 409 when the run id is taken. Faults can
 * be injected for the next trigger call, done-then-failed (a lost response) or instead.
 *
 * <p>Thread-safe: every request is handled under the instance lock.
 */
public final class FakeAirflow implements AutoCloseable {
    private static final Pattern RUNS = Pattern.compile("^/api/v([12])/dags/([^/]+)/dagRuns(?:/([^/]+))?$");
    private static final Set<String> V1_FIELDS = Set.of("dag_run_id", "logical_date", "execution_date", "conf",
            "note", "data_interval_start", "data_interval_end");
    private static final Set<String> V2_FIELDS = Set.of("dag_run_id", "logical_date", "conf", "note",
            "data_interval_start", "data_interval_end", "run_after", "partition_key", "bundle_version");

    private final FakeServer server;
    private final int apiVersion;
    private final String username;
    private final String password;
    private final Set<String> dags = new HashSet<>();
    private final Map<String, JsonNode> runs = new LinkedHashMap<>();
    private final Set<String> validTokens = new HashSet<>();
    private final Deque<FakeServer.Fault> faults = new ArrayDeque<>();
    private boolean logicalDateTaken;
    private int tokensIssued;

    public FakeAirflow(int apiVersion, String username, String password, String... dags) {
        this(0, apiVersion, username, password, dags);
    }

    /** An Airflow on loopback port {@code port} (0: any free port). */
    public FakeAirflow(int port, int apiVersion, String username, String password, String... dags) {
        this.apiVersion = apiVersion;
        this.username = username;
        this.password = password;
        this.dags.addAll(List.of(dags));
        this.server = new FakeServer(port, this::handle);
    }

    public URI uri() {
        return server.uri();
    }

    public FakeServer server() {
        return server;
    }

    /** The DAG runs created, by dag_run_id. */
    public synchronized Map<String, JsonNode> runs() {
        return Map.copyOf(runs);
    }

    synchronized int tokensIssued() {
        return tokensIssued;
    }

    /** Every token issued so far stops working (as when a JWT expires). */
    synchronized void expireTokens() {
        validTokens.clear();
    }

    /** Airflow 2: the next trigger collides with another run on the logical date. */
    synchronized void takeLogicalDate() {
        logicalDateTaken = true;
    }

    public synchronized void failNextTrigger(FakeServer.Fault fault) {
        faults.add(fault);
    }

    private synchronized Reply handle(Request r) {
        if (apiVersion == 3 && r.method().equals("POST") && r.path().equals("/auth/token")) {
            return token(r.json());
        }
        Matcher m = RUNS.matcher(r.path());
        if (!m.matches() || Integer.parseInt(m.group(1)) != apiVersion - 1) {
            return problem(404, "Not Found", "no such endpoint " + r.path());
        }
        Reply denied = authenticate(r);
        if (denied != null) {
            return denied;
        }
        String dag = m.group(2);
        if (!dags.contains(dag)) {
            return problem(404, "DAG not found", "DAG with dag_id: '" + dag + "' not found");
        }
        if (r.method().equals("GET") && m.group(3) != null) {
            JsonNode run = runs.get(dag + "/" + m.group(3));
            return run == null ? problem(404, "DAGRun not found", "DAGRun with DAG ID: '" + dag
                    + "' and DagRun ID: '" + m.group(3) + "' not found") : Reply.json(200, run);
        }
        if (!r.method().equals("POST") || m.group(3) != null) {
            return problem(405, "Method Not Allowed", r.method());
        }
        FakeServer.Fault fault = faults.poll();
        if (fault != null && !fault.afterWork()) {
            return fault.reply();
        }
        Reply reply = trigger(dag, r.json());
        return fault != null ? fault.reply() : reply;
    }

    private Reply token(JsonNode b) {
        if (!username.equals(b.path("username").asText(null)) || !password.equals(b.path("password").asText(null))) {
            return Reply.json(401, "{\"detail\":\"Invalid credentials\"}");
        }
        String token = "jwt-" + (++tokensIssued);
        validTokens.add(token);
        return Reply.json(201, FakeServer.JSON.createObjectNode().put("access_token", token));
    }

    private Reply authenticate(Request r) {
        String auth = r.header("Authorization");
        if (apiVersion == 2) {
            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            return expected.equals(auth) ? null : problem(401, "Unauthorized", "Invalid credentials");
        }
        if (auth == null || !auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
            return Reply.json(401, "{\"detail\":\"Invalid JWT token\"}");
        }
        return null;
    }

    private Reply trigger(String dag, JsonNode b) {
        Set<String> allowed = apiVersion == 2 ? V1_FIELDS : V2_FIELDS;
        for (Iterator<String> it = b.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                return apiVersion == 2 ? problem(400, "Bad Request", "Unknown field: " + f)
                        : Reply.json(422, "{\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\"" + f
                                + "\"]}]}");
            }
        }
        if (apiVersion == 3 && !b.has("logical_date")) {
            return Reply.json(422, "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"logical_date\"]}]}");
        }
        if (!b.path("conf").isObject()) {
            return problem(400, "Bad Request", "conf must be an object");
        }
        String runId = b.path("dag_run_id").asText();
        if (runs.containsKey(dag + "/" + runId)) {
            return problem(409, "Conflict", "DAGRun with DAG ID: '" + dag + "' and DAGRun ID: '" + runId
                    + "' already exists");
        }
        if (logicalDateTaken) {
            logicalDateTaken = false;
            return problem(409, "Conflict", "DAGRun with DAG ID: '" + dag + "' and DAGRun logical date already exists");
        }
        ObjectNode run = FakeServer.JSON.createObjectNode();
        run.put("dag_run_id", runId).put("dag_id", dag).put("state", "queued");
        if (apiVersion == 2) {
            run.put("logical_date", "2025-06-01T10:16:00+00:00");
        } else {
            run.set("logical_date", b.get("logical_date"));
        }
        run.set("conf", b.get("conf"));
        run.set("note", b.get("note"));
        runs.put(dag + "/" + runId, run);
        return Reply.json(200, run);
    }

    private static Reply problem(int status, String title, String detail) {
        return Reply.json(status, FakeServer.JSON.createObjectNode().put("detail", detail).put("status", status)
                .put("title", title).put("type", "https://airflow.apache.org/docs/apache-airflow/stable/"
                        + "stable-rest-api-ref.html#section/Errors"));
    }

    @Override
    public void close() {
        server.close();
    }
}
