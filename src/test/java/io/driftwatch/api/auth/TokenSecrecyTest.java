package io.driftwatch.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.EditedConfig;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No token, valid or not, ever appears in the service's log, its request log or any answer, whatever
 * the request did with it: accepted, refused as unknown, refused for its role, or sent malformed. The
 * service logs at INFO, with Driftwatch's and Dropwizard's own loggers at DEBUG, into files.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokenSecrecyTest {
    static final String WRITE_TOKEN = Tokens.newToken();
    static final String READ_TOKEN = Tokens.newToken();
    static final String WRONG_TOKEN = Tokens.newToken();
    static final Path DIR = TestService.temporaryDirectory();
    static final Path LOG = DIR.resolve("driftwatch.log");
    static final Path REQUEST_LOG = DIR.resolve("requests.log");

    static final TestService SERVICE = TestService.builder().in(DIR).edit(root -> {
        EditedConfig.addToken(root, "ci-pipeline", "write", WRITE_TOKEN);
        EditedConfig.addToken(root, "analysts", "read", READ_TOKEN);
        EditedConfig.logToFiles(root, LOG, REQUEST_LOG);
        root.withObjectProperty("logging").put("level", "INFO");
        root.withObjectProperty("logging").withObjectProperty("loggers").put("io.driftwatch", "DEBUG")
                .put("io.dropwizard", "DEBUG");
    }).logsAsConfigured().build();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    @Test
    void tokensNeverAppearInLogsOrAnswers() throws Exception {
        StringBuilder answers = new StringBuilder();
        List<String> headers = new ArrayList<>();
        for (String token : List.of(WRITE_TOKEN, READ_TOKEN, WRONG_TOKEN)) {
            String basic = "Basic " + base64("user:" + token);
            headers.addAll(List.of("Bearer " + token, basic, "Token " + token, token, "Bearer " + token + " trailing",
                    "Basic " + base64(token)));
        }
        Map<String, Entity<?>> writes = Map.of(
                "/api/v1/datasets", Entity.entity("a,b\n1,2\n", "text/csv"),
                "/api/v1/monitors", Entity.entity("name: m\nreference: no-such-dataset\n", "application/yaml"),
                "/api/v1/monitors/no-such-monitor/checks",
                Entity.entity("{\"datasetId\": \"nope\"}", "application/json"));
        List<Integer> statuses = new ArrayList<>();
        for (String header : headers) {
            for (String path : List.of("/api/v1/monitors", "/api/v1/checks/no-such-check/report",
                    "/api/v1/datasets/no-such-dataset")) {
                try (Response r = APP.client().target(url(path)).request().header(HttpHeaders.AUTHORIZATION, header)
                        .get()) {
                    statuses.add(r.getStatus());
                    answers.append(r.getHeaders()).append(r.readEntity(String.class));
                }
            }
            for (Map.Entry<String, Entity<?>> write : writes.entrySet()) {
                try (Response r = APP.client().target(url(write.getKey())).request()
                        .header(HttpHeaders.AUTHORIZATION, header).post(write.getValue())) {
                    statuses.add(r.getStatus());
                    answers.append(r.getHeaders()).append(r.readEntity(String.class));
                }
            }
        }
        assertThat(statuses).as("accepted, not found, refused for the role, refused as unknown")
                .contains(200, 201, 404, 422, 403, 401);

        String log = Files.readString(LOG);
        String requestLog = Files.readString(REQUEST_LOG);
        assertThat(log).as("the service log was captured").contains("auth: 2 tokens (1 write, 1 read)");
        assertThat(requestLog).as("the request log was captured").contains("\"GET /api/v1/monitors HTTP/1.1\" 401")
                .contains("\"POST /api/v1/datasets HTTP/1.1\" 403");
        for (String token : List.of(WRITE_TOKEN, READ_TOKEN, WRONG_TOKEN)) {
            // a token, its distinctive random part, and its Basic encoding
            List<String> forms = List.of(token, token.substring(3), base64("user:" + token), base64(token));
            for (String form : forms) {
                assertThat(answers.toString()).as("answers").doesNotContain(form);
                assertThat(log).as("service log").doesNotContain(form);
                assertThat(requestLog).as("request log").doesNotContain(form);
            }
        }
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }
}
