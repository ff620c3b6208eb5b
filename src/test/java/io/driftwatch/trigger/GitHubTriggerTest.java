package io.driftwatch.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The GitHub trigger against a fake of GitHub's workflow-dispatch endpoint. */
class GitHubTriggerTest {
    private static final Instant NOW = Instant.parse("2025-06-01T10:16:00Z");

    private final FakeGitHub github = new FakeGitHub("ghp_test", "acme", "bike-model", "retrain.yml",
            Set.of("monitor", "check_id", "incident_id", "report_url", "drifted_columns"));

    @AfterEach
    void stop() {
        github.close();
    }

    private GitHubTriggerFactory factory() {
        GitHubTriggerFactory f = new GitHubTriggerFactory();
        f.setName("gh");
        f.setApiUrl(github.uri());
        f.setOwner("acme");
        f.setRepo("bike-model");
        f.setWorkflow("retrain.yml");
        f.setRef("main");
        f.setToken("ghp_test");
        return f;
    }

    private static Outcome send(Trigger t, RetrainEvent e) {
        return t.send(Payload.of(t.render(e).json()), "incident-" + e.incidentId());
    }

    @Test
    void dispatchesTheWorkflowWithRefAndStringInputs() {
        Outcome d = send(factory().build(), TestEvents.breach());

        assertThat(d).isEqualTo(new Outcome.Delivered(204));
        FakeServer.Request r = github.server().requests().get(0);
        assertThat(r.path()).isEqualTo("/repos/acme/bike-model/actions/workflows/retrain.yml/dispatches");
        assertThat(r.header("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(r.header("Authorization")).isEqualTo("Bearer ghp_test");
        assertThat(r.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        JsonNode body = github.dispatched().get(0);
        assertThat(body.path("ref").asText()).isEqualTo("main");
        assertThat(body.path("inputs").toString()).isEqualTo("{\"monitor\":\"bike-sharing\",\"check_id\":\""
                + TestEvents.CHECK_ID + "\",\"incident_id\":\"inc-42\",\"report_url\":\"" + TestEvents.REPORT + "\"}");
        assertThat(body.has("return_run_details")).isFalse();
    }

    @Test
    void aCheckEventSendsAnEmptyIncidentAndChosenInputs() {
        GitHubTriggerFactory f = factory();
        f.setInputs(List.of("monitor", "drifted_columns", "incident_id"));

        Outcome d = send(f.build(), TestEvents.check());

        assertThat(d).isInstanceOf(Outcome.Delivered.class);
        assertThat(github.dispatched().get(0).path("inputs").toString())
                .isEqualTo("{\"monitor\":\"bike-sharing\",\"drifted_columns\":\"temp,season\",\"incident_id\":\"\"}");
    }

    @Test
    void returnsTheWorkflowRunIdWhenRunDetailsAreAskedFor() {
        GitHubTriggerFactory f = factory();
        f.setReturnRunDetails(true);

        Outcome d = send(f.build(), TestEvents.breach());

        assertThat(d).isEqualTo(new Outcome.Delivered(200, "16000000001"));
        assertThat(github.dispatched().get(0).path("return_run_details").asBoolean()).isTrue();
    }

    @Test
    void undeclaredInputsAreAPermanentFailure() {
        GitHubTriggerFactory f = factory();
        f.setInputs(List.of("monitor", "kind"));

        Outcome d = send(f.build(), TestEvents.breach());

        assertThat(d).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) d).reason()).contains("422", "Unexpected inputs provided: [kind]");
    }

    @Test
    void aRateLimitIsARetryUntilTheReset() {
        github.rateLimitUntil(NOW.getEpochSecond() + 90);
        Trigger t = factory().build(Clock.fixed(NOW, ZoneOffset.UTC));

        Outcome d = send(t, TestEvents.breach());

        assertThat(d).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) d).retryAfter()).contains(Duration.ofSeconds(90));
        assertThat(send(t, TestEvents.breach())).isInstanceOf(Outcome.Delivered.class);
    }

    @Test
    void aBadTokenIsAFailureThatDoesNotShowTheToken() {
        GitHubTriggerFactory f = factory();
        f.setToken("ghp_wrong");

        Outcome d = send(f.build(), TestEvents.breach());

        assertThat(d).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) d).reason()).contains("401", "Bad credentials").doesNotContain("ghp_wrong");
        assertThat(github.dispatched()).isEmpty();
    }

    @Test
    void pathSegmentsAreEncodedSoConfigurationCannotChangeTheEndpoint() {
        GitHubTriggerFactory f = factory();
        f.setWorkflow("../../../user");

        Outcome d = send(f.build(), TestEvents.breach());

        assertThat(d).isInstanceOf(Outcome.Failed.class);
        assertThat(github.server().requests().get(0).rawPath())
                .isEqualTo("/repos/acme/bike-model/actions/workflows/..%2F..%2F..%2Fuser/dispatches");
    }
}
