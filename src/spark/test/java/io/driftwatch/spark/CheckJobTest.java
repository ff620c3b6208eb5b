package io.driftwatch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check job end to end: a reference profiled on one machine (as {@code driftwatch profile --sketch}
 * does), the current batch a Spark table in which {@code x} moved by one standard deviation and
 * {@code ties} did not (the others ignored). The job prints the table, writes the JSON result, exits 1
 * for dataset drift, and posts the current profile to a service that a local HTTP server stands in for
 * (the request as the service's API takes it: method, path, media type, token, a body that reads as a
 * sketch profile); a service's refusal is an error naming its status and answer.
 */
class CheckJobTest {
    private static final int ROWS = 20_000;

    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicReference<Map<String, String>> seen = new AtomicReference<>();
    private final AtomicReference<byte[]> body = new AtomicReference<>();

    @BeforeEach
    void startService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> request = new HashMap<>();
            request.put("method", exchange.getRequestMethod());
            request.put("path", exchange.getRequestURI().getRawPath());
            request.put("type", exchange.getRequestHeaders().getFirst("Content-Type"));
            request.put("auth", exchange.getRequestHeaders().getFirst("Authorization"));
            seen.set(request);
            body.set(exchange.getRequestBody().readAllBytes());
            boolean known = exchange.getRequestURI().getRawPath().equals("/api/v1/monitors/churn%20model/checks");
            byte[] answer = (known ? "{\"id\":\"c-1\",\"datasetDrift\":{\"detected\":true}}"
                    : "{\"code\":\"not_found\",\"message\":\"no monitor\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 201 : 404, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stopService() {
        server.stop(0);
    }

    @Test
    void flagsTheMovedColumnWritesTheResultAndPostsTheCurrentProfile() throws IOException {
        SparkSession spark = LocalSpark.session();
        Path reference = dir.resolve("reference.sketch");
        Files.write(reference, SketchProfile.of(Batches.generate(ROWS, 1, 0).table, SketchSettings.defaults())
                .toByteArray());
        Batches current = Batches.generate(ROWS, 2, 1.0);
        current.frame(spark, 3).createOrReplaceTempView("current_batch");
        Path json = dir.resolve("result.json");
        Path report = dir.resolve("report.html");
        String service = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status = CheckJob.run(spark, new String[] {"--reference", reference.toString(), "--table", "current_batch",
            "--json", json.toString(), "--report", report.toString(), "--ignore", "holes,flag", "--ignore", "level", "--post", service, "--monitor",
            "churn model"},
            new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err, "t0ken");

        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isEqualTo(1);
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(result.get("kind").asText()).isEqualTo("sketch");
        assertThat(result.at("/current/rows").asLong()).isEqualTo(ROWS);
        assertThat(result.at("/reference/rows").asLong()).isEqualTo(ROWS);
        Map<String, String> verdicts = new HashMap<>();
        for (JsonNode c : result.get("columns")) {
            verdicts.put(c.get("name").asText(), c.get("test").asText() + " " + c.get("verdict").asText());
        }
        // Evidently's automatic choice for references of more than 1,000 values: Wasserstein for
        // numbers (ties, 1,000 distinct whole numbers, is numerical)
        assertThat(verdicts).containsOnly(entry("x", "wasserstein drift"), entry("ties", "wasserstein no_drift"));
        assertThat(result.at("/notTested/holes").asText()).isEqualTo("ignored");
        assertThat(result.at("/datasetDrift/numberOfDriftedColumns").asInt()).isEqualTo(1);
        assertThat(result.at("/datasetDrift/detected").asBoolean()).isTrue();
        assertThat(printed).contains("Dataset drift: DETECTED: 1 of 2 columns drifted (50%, threshold 50%)")
                .contains("HTML report written to " + report);
        // the HTML report of a check on sketch profiles, as the service and check --sketch --report render it
        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("http://").doesNotContain("https://")
                .contains("Dataset drift detected (on sketch profiles)").contains(reference.toString())
                .contains("current_batch").contains("<tr data-name=\"x\" data-verdict=\"drift\">")
                .contains("<tr data-name=\"ties\" data-verdict=\"no_drift\">").contains("holes (ignored)");

        Map<String, String> request = seen.get();
        assertThat(request).containsEntry("method", "POST")
                .containsEntry("path", "/api/v1/monitors/churn%20model/checks")
                .containsEntry("type", "application/vnd.driftwatch.sketch-profile")
                .containsEntry("auth", "Bearer t0ken");
        SketchProfile posted = SketchProfile.readFrom(new ByteArrayInputStream(body.get()), "the posted body");
        assertThat(posted.rowCount()).isEqualTo(ROWS);
        assertThat(posted.settings()).isEqualTo(SketchSettings.defaults());
        assertThat(printed).contains("Posted the current profile to " + service
                + "api/v1/monitors/churn%20model/checks: 201\n{\"id\":\"c-1\"");
    }

    @Test
    void failsNamingTheStatusWhenTheServiceRefusesTheProfile() {
        String service = "http://127.0.0.1:" + server.getAddress().getPort();
        SketchProfile profile = SketchProfile.of(Batches.generate(200, 3, 0).table, SketchSettings.defaults());
        ProfilePoster poster = new ProfilePoster(URI.create(service), null);

        assertThatThrownBy(() -> poster.post("gone", profile)).isInstanceOf(ProfilePoster.PostFailedException.class)
                .hasMessage("the service refused the profile: POST " + service + "/api/v1/monitors/gone/checks answered"
                        + " 404: {\"code\":\"not_found\",\"message\":\"no monitor\"}");
        assertThat(seen.get()).containsEntry("auth", null).containsEntry("method", "POST");
        assertThatThrownBy(() -> new ProfilePoster(URI.create("ftp://example.org"), null))
                .isInstanceOf(JobArgumentException.class)
                .hasMessage("the service address must start with http:// or https://, got 'ftp://example.org'");
    }

    @Test
    void refusesAReferenceThatIsNotASketchProfile() throws IOException {
        Path reference = dir.resolve("reference.csv");
        Files.writeString(reference, "a,b\n1,2\n");
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = CheckJob.run(LocalSpark.session(), new String[] {"--reference", reference.toString(), "--sql",
            "SELECT 1 AS a"}, System.out, new PrintStream(stderr, true, StandardCharsets.UTF_8), null);
        assertThat(status).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(reference + " is not a Driftwatch sketch profile\n");
    }
}
