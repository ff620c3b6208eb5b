package io.driftwatch.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.delivery.HttpTransport;
import io.driftwatch.delivery.InvalidPayloadException;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.delivery.RetryAfter;
import io.driftwatch.delivery.StepFailedException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Dispatches a GitHub Actions workflow ({@code POST /repos/{owner}/{repo}/actions/workflows/
 * {workflow}/dispatches}, {@code workflow_dispatch}) with {@code ref} and string {@code inputs}
 * chosen from {@link Input}. 204 (or 200 with run details, when asked for) is delivered.
 *
 * <p>GitHub has no idempotency key for dispatches: a retry after a lost response starts a second
 * workflow run. The trigger passes {@code incident_id} (and {@code check_id}) as inputs so the
 * workflow can make itself idempotent (a {@code concurrency} group keyed on the incident, or a
 * check for an existing run); see {@code docs/triggers.md}.
 *
 * <p>Rate limits: 429, or 403 with {@code Retry-After} or {@code x-ratelimit-remaining: 0}, is a
 * retry after the time GitHub names; any other 403 (missing permission) is a failure.
 *
 * <p>Thread-safe: immutable, over a thread-safe transport.
 */
final class GitHubTrigger implements Trigger {
    /** GitHub's limit on the number of inputs per dispatch. */
    static final int MAX_INPUTS = 10;
    private static final int DRIFTED_COLUMNS_MAX = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The values a dispatch can pass as inputs; the workflow must declare the ones configured. */
    enum Input {
        MONITOR, CHECK_ID, INCIDENT_ID, KIND, OCCURRED_AT, REPORT_URL, DASHBOARD_URL, DRIFT_SHARE, DRIFTED_COLUMNS;

        /** The input's name in the workflow file: lower case, as in {@code check_id}. */
        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Input of(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }

        String value(RetrainEvent e) {
            return switch (this) {
                case MONITOR -> e.monitor();
                case CHECK_ID -> e.checkId();
                case INCIDENT_ID -> orEmpty(e.incidentId());
                case KIND -> EventJson.kind(e.kind());
                case OCCURRED_AT -> e.occurredAt().toString();
                case REPORT_URL -> orEmpty(EventJson.text(e.reportUrl()));
                case DASHBOARD_URL -> orEmpty(EventJson.text(e.dashboardUrl()));
                case DRIFT_SHARE -> Double.isFinite(e.dataset().share()) ? Double.toString(e.dataset().share()) : "";
                case DRIFTED_COLUMNS -> clip(String.join(",", e.driftedColumns()));
            };
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }

        private static String clip(String s) {
            return s.length() <= DRIFTED_COLUMNS_MAX ? s : s.substring(0, DRIFTED_COLUMNS_MAX - 1) + "…";
        }
    }

    private final String name;
    private final URI apiUrl;
    private final String owner;
    private final String repo;
    private final String workflow;
    private final String ref;
    private final String token;
    private final List<Input> inputs;
    private final boolean returnRunDetails;
    private final HttpTransport http;

    GitHubTrigger(String name, URI apiUrl, String owner, String repo, String workflow, String ref, String token,
            List<Input> inputs, boolean returnRunDetails, HttpTransport http) {
        if (inputs.size() > MAX_INPUTS) {
            throw new IllegalArgumentException("GitHub takes at most " + MAX_INPUTS + " inputs");
        }
        this.name = name;
        this.apiUrl = apiUrl;
        this.owner = owner;
        this.repo = repo;
        this.workflow = workflow;
        this.ref = ref;
        this.token = token;
        this.inputs = List.copyOf(inputs);
        this.returnRunDetails = returnRunDetails;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "github";
    }

    /** The request body: {@code ref} and {@code inputs} (strings), and {@code return_run_details} if configured. */
    @Override
    public Payload render(RetrainEvent e) {
        ObjectNode body = NODES.objectNode();
        body.put("ref", ref);
        ObjectNode in = body.putObject("inputs");
        for (Input i : inputs) {
            in.put(i.key(), i.value(e));
        }
        if (returnRunDetails) {
            body.put("return_run_details", true);
        }
        return Payload.of(body);
    }

    @Override
    public Outcome send(Payload payload, String idempotencyKey) {
        JsonNode body;
        try {
            body = payload.document();
        } catch (InvalidPayloadException e) {
            return new Outcome.Failed(e.getMessage());
        }
        if (!body.path("ref").isTextual() || !body.path("inputs").isObject()) {
            return new Outcome.Failed("not a GitHub trigger payload: it needs ref and inputs");
        }
        String path = "/repos/" + UriParts.segment(owner) + "/" + UriParts.segment(repo) + "/actions/workflows/"
                + UriParts.segment(workflow) + "/dispatches";
        String what = "GitHub POST " + path;
        try {
            HttpTransport.Response r = http.exchange(HttpRequest.newBuilder(UriParts.resolve(apiUrl, path))
                    .header("Accept", "application/vnd.github+json")
                    .header("Authorization", "Bearer " + token)
                    .header("X-GitHub-Api-Version", "2022-11-28")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())), what);
            if (r.status() == 204) {
                return new Outcome.Delivered(r.status());
            }
            if (r.ok()) {
                return new Outcome.Delivered(r.status(), workflowRunId(r));
            }
            if (r.status() == 403 || r.status() == 429) {
                Outcome limited = rateLimited(r, what);
                if (limited != null) {
                    return limited;
                }
            }
            return http.outcome(r, what);
        } catch (StepFailedException e) {
            return e.outcome();
        }
    }

    /** A retry when GitHub says the call was rate-limited (primary or secondary limit), else null. */
    private Outcome rateLimited(HttpTransport.Response r, String what) {
        Optional<Duration> wait = http.retryAfter(r);
        boolean exhausted = "0".equals(r.headers().firstValue("x-ratelimit-remaining").orElse(null));
        if (wait.isEmpty() && exhausted) {
            wait = RetryAfter.untilEpochSeconds(r.headers().firstValue("x-ratelimit-reset").orElse(null),
                    http.clock().instant());
        }
        if (wait.isEmpty() && !exhausted && r.status() == 403) {
            return null; // a plain 403: the token lacks a permission
        }
        return new Outcome.Retry(wait, what + " answered " + r.status() + ": rate limited");
    }

    private static String workflowRunId(HttpTransport.Response r) {
        JsonNode id = r.json().path("workflow_run_id");
        return id.isMissingNode() || id.isNull() ? null : id.asText();
    }
}
