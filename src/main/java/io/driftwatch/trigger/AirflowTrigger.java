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
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Triggers an Airflow DAG run whose {@code conf} names the monitor, check, incident, report and
 * drifted columns. Airflow 2 ({@code POST /api/v1/dags/{dag_id}/dagRuns}, basic auth) and
 * Airflow 3 ({@code POST /api/v2/dags/{dag_id}/dagRuns}, a bearer token from
 * {@code POST /auth/token}, {@code logical_date: null}); either may use a fixed bearer token
 * instead.
 *
 * <p>Idempotent by construction: the {@code dag_run_id} is derived from the event when it is
 * rendered ({@code driftwatch__<monitor>__<incident>} for a breach,
 * {@code driftwatch__<monitor>__check__<check>} for a check), and (dag_id, run_id) is unique in
 * Airflow. A retry after a lost response gets 409; the trigger then reads that run back
 * ({@code GET …/dagRuns/{dag_run_id}}) and reports it delivered. A 409 for another reason
 * (Airflow 2: another run holds the same logical date) is a retry, since the next attempt gets
 * a new logical date.
 *
 * <p>Airflow 3 tokens are fetched once and cached until a call answers 401; then the trigger
 * fetches a new one and repeats the call once.
 *
 * <p>Thread-safe: the token cache is an atomic reference (two threads may both refresh it at
 * once, which costs one extra token request and nothing else).
 */
final class AirflowTrigger implements Trigger {
    /** Airflow's default {@code allowed_run_id_pattern}, {@code ^[A-Za-z0-9_.~:+-]+$}. */
    private static final int RUN_ID_MAX = 250;
    private static final int NOTE_MAX = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** How the trigger authenticates. */
    sealed interface Credentials {
        /** {@code Authorization: Basic …} on every call (Airflow 2). */
        record Basic(String username, String password) implements Credentials {
        }

        /** A fixed {@code Authorization: Bearer …}. */
        record Token(String token) implements Credentials {
        }

        /** A bearer token from {@code POST /auth/token} (Airflow 3). */
        record Login(String username, String password) implements Credentials {
        }
    }

    private final String name;
    private final URI baseUrl;
    private final int apiVersion;
    private final String dagId;
    private final Credentials credentials;
    private final HttpTransport http;
    private final AtomicReference<String> token = new AtomicReference<>();

    AirflowTrigger(String name, URI baseUrl, int apiVersion, String dagId, Credentials credentials,
            HttpTransport http) {
        if (apiVersion != 2 && apiVersion != 3) {
            throw new IllegalArgumentException("Airflow API version 2 or 3, not " + apiVersion);
        }
        this.name = name;
        this.baseUrl = baseUrl;
        this.apiVersion = apiVersion;
        this.dagId = Objects.requireNonNull(dagId, "dagId");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "airflow";
    }

    /** The request body: {@code dag_run_id}, {@code conf}, {@code note} (and Airflow 3's {@code logical_date}). */
    @Override
    public Payload render(RetrainEvent e) {
        ObjectNode body = NODES.objectNode();
        body.put("dag_run_id", runId(e));
        if (apiVersion == 3) {
            body.putNull("logical_date");
        }
        ObjectNode conf = body.putObject("conf");
        conf.put("source", "driftwatch");
        conf.put("kind", EventJson.kind(e.kind()));
        conf.put("monitor", e.monitor());
        conf.put("check_id", e.checkId());
        conf.put("incident_id", e.incidentId());
        conf.put("occurred_at", e.occurredAt().toString());
        conf.put("dataset_drift", e.dataset().detected());
        EventJson.number(conf, "drift_share", e.dataset().share());
        EventJson.number(conf, "drift_share_threshold", e.dataset().threshold());
        ArrayNode drifted = conf.putArray("drifted_columns");
        e.driftedColumns().forEach(drifted::add);
        ArrayNode estimate = conf.putArray("estimate_alerts");
        e.estimate().forEach(estimate::add);
        ArrayNode multivariate = conf.putArray("multivariate_alerts");
        e.multivariate().forEach(multivariate::add);
        EventJson.reference(conf, "reference", e.reference());
        conf.put("report_url", EventJson.text(e.reportUrl()));
        conf.put("dashboard_url", EventJson.text(e.dashboardUrl()));
        body.put("note", note(e));
        return Payload.of(body);
    }

    @Override
    public Outcome send(Payload payload, String idempotencyKey) {
        try {
            ObjectNode body = body(payload);
            String runId = body.get("dag_run_id").asText();
            HttpTransport.Response r = post(body, authorization(false));
            if (r.status() == 401 && credentials instanceof Credentials.Login) {
                r = post(body, authorization(true));
            }
            if (r.ok()) {
                return new Outcome.Delivered(r.status(), runIdOf(r, runId));
            }
            if (r.status() == 409) {
                return alreadyCreated(runId);
            }
            return http.outcome(r, "Airflow POST " + dagRuns());
        } catch (StepFailedException e) {
            return e.outcome();
        } catch (InvalidPayloadException e) {
            return new Outcome.Failed(e.getMessage());
        }
    }

    /** The deterministic run id of {@code e}: one per incident (or per check), so a retry cannot start a second run. */
    static String runId(RetrainEvent e) {
        String raw = e.kind() == RetrainEvent.Kind.BREACH
                ? "driftwatch__" + e.monitor() + "__" + e.incidentId()
                : "driftwatch__" + e.monitor() + "__check__" + e.checkId();
        StringBuilder id = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '~' || c == ':' || c == '+' || c == '-';
            id.append(allowed ? c : '_');
        }
        if (id.length() <= RUN_ID_MAX && id.toString().equals(raw)) {
            return raw;
        }
        // changed or too long: keep it readable and make it unique again with a hash of the original
        String hash = Sha256.hex(raw).substring(0, 16);
        int keep = Math.min(id.length(), RUN_ID_MAX - hash.length() - 2);
        return id.substring(0, keep) + "__" + hash;
    }

    private static String note(RetrainEvent e) {
        StringBuilder n = new StringBuilder("Triggered by Driftwatch: ");
        if (e.kind() == RetrainEvent.Kind.BREACH) {
            n.append("drift incident ").append(e.incidentId()).append(" on monitor ").append(e.monitor());
        } else {
            n.append("check of monitor ").append(e.monitor());
        }
        n.append(", check ").append(e.checkId()).append('.');
        if (e.reportUrl() != null) {
            n.append(" Report: ").append(e.reportUrl());
        }
        return n.length() <= NOTE_MAX ? n.toString() : n.substring(0, NOTE_MAX - 1) + "…";
    }

    /** The stored body, adjusted to the configured API version (it may have changed since rendering). */
    private ObjectNode body(Payload payload) {
        JsonNode doc = payload.document();
        if (!(doc instanceof ObjectNode body) || !doc.path("dag_run_id").isTextual()
                || !doc.path("conf").isObject()) {
            throw new InvalidPayloadException("not an Airflow trigger payload: it needs dag_run_id and conf");
        }
        if (apiVersion == 3) {
            body.putNull("logical_date"); // required (nullable) by Airflow 3, and null means "no logical date"
        } else {
            body.remove("logical_date"); // Airflow 2: defaults to now
        }
        return body;
    }

    private String dagRuns() {
        return "/api/v" + (apiVersion - 1) + "/dags/" + UriParts.segment(dagId) + "/dagRuns";
    }

    private HttpTransport.Response post(ObjectNode body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(UriParts.resolve(baseUrl, dagRuns()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        return http.exchange(request, "Airflow POST " + dagRuns());
    }

    /** After a 409: delivered if our run exists, a retry if the conflict was about something else. */
    private Outcome alreadyCreated(String runId) {
        String path = dagRuns() + "/" + UriParts.segment(runId);
        HttpRequest.Builder request = HttpRequest.newBuilder(UriParts.resolve(baseUrl, path))
                .header("Accept", "application/json")
                .header("Authorization", authorization(false))
                .GET();
        HttpTransport.Response r = http.exchange(request, "Airflow GET " + path);
        if (r.ok()) {
            return new Outcome.Delivered(r.status(), runId);
        }
        if (r.status() == 404) {
            return new Outcome.Retry("Airflow answered 409 but has no run " + runId
                    + " (another run holds the same logical date); the next attempt gets a new one");
        }
        return http.outcome(r, "Airflow GET " + path);
    }

    private String authorization(boolean refresh) {
        if (credentials instanceof Credentials.Basic b) {
            return basic(b.username(), b.password());
        }
        if (credentials instanceof Credentials.Token t) {
            return "Bearer " + t.token();
        }
        Credentials.Login login = (Credentials.Login) credentials;
        String current = token.get();
        if (current == null || refresh) {
            current = fetchToken(login);
            token.set(current);
        }
        return "Bearer " + current;
    }

    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private String fetchToken(Credentials.Login login) {
        ObjectNode body = NODES.objectNode();
        body.put("username", login.username());
        body.put("password", login.password());
        HttpRequest.Builder request = HttpRequest.newBuilder(UriParts.resolve(baseUrl, "/auth/token"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpTransport.Response r = http.exchange(request, "Airflow POST /auth/token");
        if (r.status() == 401 || r.status() == 403) {
            throw StepFailedException.failed("Airflow POST /auth/token answered " + r.status()
                    + ": the configured username and password were refused");
        }
        if (!r.ok()) {
            throw http.stop(r, "Airflow POST /auth/token");
        }
        String accessToken = r.json().path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw StepFailedException.failed("Airflow POST /auth/token answered " + r.status()
                    + " without an access_token");
        }
        return accessToken;
    }

    private static String runIdOf(HttpTransport.Response r, String fallback) {
        String id = r.json().path("dag_run_id").asText("");
        return id.isEmpty() ? fallback : id;
    }

}
