package io.driftwatch.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.trigger.FakeServer.Reply;
import io.driftwatch.trigger.FakeServer.Request;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitHub's "create a workflow dispatch event" endpoint ({@code POST /repos/{owner}/{repo}/actions/
 * workflows/{workflow_id}/dispatches}, API version 2022-11-28): bearer token, {@code ref} and
 * {@code inputs} (at most 10, string values, each declared by the workflow, else 422), 204 on
 * success, or 200 with {@code workflow_run_id}, {@code run_url} and {@code html_url} when
 * {@code return_run_details} is true. A rate-limited mode answers 403 with
 * {@code x-ratelimit-remaining: 0} and {@code x-ratelimit-reset}, as GitHub's primary limit does.
 *
 * <p>Thread-safe: every request is handled under the instance lock.
 */
final class FakeGitHub implements AutoCloseable {
    private final FakeServer server;
    private final String token;
    private final String path;
    private final Set<String> declaredInputs;
    private final List<JsonNode> dispatched = new ArrayList<>();
    private long rateLimitResetEpochSecond = -1;

    FakeGitHub(String token, String owner, String repo, String workflow, Set<String> declaredInputs) {
        this.token = token;
        this.path = "/repos/" + owner + "/" + repo + "/actions/workflows/" + workflow + "/dispatches";
        this.declaredInputs = declaredInputs;
        this.server = new FakeServer(this::handle);
    }

    URI uri() {
        return server.uri();
    }

    FakeServer server() {
        return server;
    }

    synchronized List<JsonNode> dispatched() {
        return List.copyOf(dispatched);
    }

    /** The next dispatch hits the primary rate limit, which resets at {@code epochSecond}. */
    synchronized void rateLimitUntil(long epochSecond) {
        rateLimitResetEpochSecond = epochSecond;
    }

    private synchronized Reply handle(Request r) {
        if (!("Bearer " + token).equals(r.header("Authorization"))) {
            return Reply.json(401, "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\","
                    + "\"status\":\"401\"}");
        }
        if (!r.method().equals("POST") || !r.path().equals(path)) {
            return Reply.json(404, "{\"message\":\"Not Found\",\"status\":\"404\"}");
        }
        if (rateLimitResetEpochSecond >= 0) {
            long reset = rateLimitResetEpochSecond;
            rateLimitResetEpochSecond = -1;
            return Reply.json(403, "{\"message\":\"API rate limit exceeded\",\"status\":\"403\"}")
                    .with("x-ratelimit-remaining", "0").with("x-ratelimit-reset", Long.toString(reset));
        }
        JsonNode b = r.json();
        if (!b.path("ref").isTextual()) {
            return unprocessable("ref is required");
        }
        JsonNode inputs = b.path("inputs");
        if (inputs.size() > 10) {
            return unprocessable("inputs: too many properties (10 allowed)");
        }
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, JsonNode> in : inputs.properties()) {
            if (!in.getValue().isTextual()) {
                return unprocessable("For 'properties/" + in.getKey() + "', " + in.getValue() + " is not a string.");
            }
            if (!declaredInputs.contains(in.getKey())) {
                unexpected.add(in.getKey());
            }
        }
        if (!unexpected.isEmpty()) {
            return unprocessable("Unexpected inputs provided: " + unexpected);
        }
        dispatched.add(b);
        if (b.path("return_run_details").asBoolean(false)) {
            long id = 16000000000L + dispatched.size();
            return Reply.json(200, FakeServer.JSON.createObjectNode().put("workflow_run_id", id)
                    .put("run_url", "https://api.github.com/repos/x/y/actions/runs/" + id)
                    .put("html_url", "https://github.com/x/y/actions/runs/" + id));
        }
        return Reply.empty(204);
    }

    private static Reply unprocessable(String message) {
        return Reply.json(422, FakeServer.JSON.createObjectNode().put("message", message).put("status", "422"));
    }

    @Override
    public void close() {
        server.close();
    }
}
