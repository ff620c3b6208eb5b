package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestDatabases;
import io.driftwatch.TestService;
import io.driftwatch.api.Receiving.Script;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.Datasets;
import io.driftwatch.monitor.definitions.MonitorDefinition;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.report.JsonResultTest;
import io.driftwatch.trigger.FakeServer;
import io.driftwatch.trigger.FakeServer.Reply;
import io.driftwatch.trigger.FakeServer.Request;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sketch profiles through the service, end to end on PostgreSQL: a sketch profile posted as a check's batch
 * ({@code application/vnd.driftwatch.sketch-profile}) is checked on sketches against the monitor's CSV
 * reference (sketched once), recorded like any check (history, result, report) and alerted on by the policy
 * through a local fake of a signed webhook; a sketch profile uploaded as a dataset is a monitor's reference,
 * against which sketch and CSV batches are checked; and every way such a body can be wrong is answered with
 * what is wrong.
 *
 * <p>The bike-sharing batches have fewer rows than the sketches' {@code k}, so the sketches hold every value
 * and the sketch check must give the exact check's verdict on every column.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SketchCheckApiTest {
    private static final String SKETCH = "application/vnd.driftwatch.sketch-profile";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    static final FakeServer WEBHOOK = new FakeServer(new Script(Reply.empty(204)));
    static final TestService SERVICE = TestService.builder().on(TestDatabases.postgres())
            .edit(SketchCheckApiTest::webhook).build();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    private static String reference;
    private static CsvOptions csv;

    /** One webhook channel on the fake, a fast outbox. */
    private static void webhook(ObjectNode root) {
        root.putArray("channels").addObject().put("type", "webhook").put("name", "on-call")
                .put("url", WEBHOOK.uri() + "/hook").put("secret", SECRET);
        root.putObject("outbox").put("pollInterval", "100ms").put("initialBackoff", "200ms").put("maxBackoff", "1s");
        root.withObjectProperty("server").withObjectProperty("requestLog").putArray("appenders");
    }

    @BeforeAll
    static void uploadTheReference() {
        TestService.Reply reply = SERVICE.post("/api/v1/datasets", "text/csv", Batches.reference());
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        reference = reply.json().get("id").asText();
        csv = MonitorDefinition.read(Batches.MONITOR).csvOptions();
    }

    @AfterAll
    static void stopTheFake() {
        WEBHOOK.close();
    }

    @Test
    void checksASketchProfileAgainstACsvReferenceRecordsItAndAlerts() throws Exception {
        createMonitor("sketched", reference, "integrity: {tests: evidently}\nalerts: {channels: [on-call]}\n");
        createMonitor("exact", reference, "integrity: {tests: evidently}\n");
        byte[] sketch = SketchProfile.of(Datasets.readTable(Batches.CURRENT, csv), SketchSettings.defaults())
                .toByteArray();

        TestService.Reply reply = SERVICE.post("/api/v1/monitors/sketched/checks", SKETCH, sketch);
        TestService.Reply exact = SERVICE.post("/api/v1/monitors/exact/checks", "text/csv", Batches.current());

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(exact.status()).as(exact.body()).isEqualTo(201);
        JsonNode result = reply.json();
        assertThat(JsonResultTest.schemaErrors(result)).isEmpty();
        assertThat(result.at("/datasetDrift/detected").asBoolean()).isEqualTo(exact.json().at("/datasetDrift/detected")
                .asBoolean()).isTrue();
        assertThat(verdicts(result)).isEqualTo(verdicts(exact.json()));
        assertThat(result.at("/datasetDrift/numberOfUndecidedColumns").asInt()).isZero();
        for (JsonNode c : result.get("columns")) {
            assertThat(c.at("/sketch/verdict").asText()).as(c.toString())
                    .isEqualTo(c.get("drifted").asBoolean() ? "drift" : "no_drift");
            assertThat(c.at("/sketch/interval").size()).isEqualTo(2);
            assertThat(c.at("/sketch/undecided").asBoolean()).isFalse();
            assertThat(c.get("score").isNumber()).isTrue();
            assertThat(c.get("threshold").isNumber()).isTrue();
        }
        assertThat(result.at("/current/format").asText()).isEqualTo("sketch");
        assertThat(result.at("/current/rows").asLong()).isEqualTo(exact.json().at("/current/rows").asLong());
        assertThat(result.at("/sketch/reference/rows").asLong()).isEqualTo(exact.json().at("/reference/rows").asLong());
        assertThat(result.at("/sketch/reference/settings/k").asInt()).isEqualTo(SketchSettings.DEFAULT_K);
        assertThat(result.has("integrity")).isFalse();
        assertThat(exact.json().has("integrity")).isTrue();
        assertThat(result.get("skipped")).hasSize(1);
        assertThat(result.at("/skipped/0/analysis").asText()).isEqualTo("integrity");
        assertThat(result.at("/skipped/0/reason").asText()).contains("sketch profiles");

        String id = result.get("id").asText();
        TestService.Reply history = SERVICE.get("/api/v1/monitors/sketched/checks");
        assertThat(history.json().at("/items/0/id").asText()).isEqualTo(id);
        assertThat(history.json().at("/items/0/datasetDrift/detected").asBoolean()).isTrue();
        TestService.Reply stored = SERVICE.get("/api/v1/checks/" + id);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(verdicts(stored.json())).isEqualTo(verdicts(result));
        TestService.Reply document = SERVICE.get("/api/v1/checks/" + id + "/result");
        assertThat(document.json().at("/sketch/current/rows").asLong()).isEqualTo(result.at("/current/rows").asLong());
        assertThat(JsonResultTest.schemaErrors(document.json())).isEmpty();
        TestService.Reply dataset = SERVICE.get("/api/v1/datasets/" + result.at("/current/source").asText()
                .substring("dataset ".length()));
        assertThat(dataset.json().get("kind").asText()).isEqualTo("sketch");

        TestService.Reply report = SERVICE.get(result.at("/links/report").asText());
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        String html = report.body();
        assertThat(html).contains("on sketch profiles").contains("Exact score within").contains("Undecided columns")
                .contains("Skipped: integrity").doesNotContain("src=\"http").doesNotContain("href=\"http");
        for (JsonNode c : result.get("columns")) {
            assertThat(html).contains("<tr data-name=\"" + c.get("name").asText() + "\" data-verdict=\""
                    + c.at("/sketch/verdict").asText() + "\">");
        }
        assertThat(html.lastIndexOf("data-verdict=\"drift\"")).as("drifted columns first")
                .isLessThan(html.indexOf("data-verdict=\"no_drift\""));

        TestService.Reply dashboard = SERVICE.get("/monitors/sketched");
        assertThat(dashboard.status()).as(dashboard.body()).isEqualTo(200);
        assertThat(dashboard.body()).contains(id).contains("temp");

        Receiving.await("the drift alert", PATIENCE, () -> !events("sketched").isEmpty());
        JsonNode event = events("sketched").get(0);
        assertThat(event.get("type").asText()).isEqualTo("driftwatch.incident.triggered");
        assertThat(event.at("/data/checkId").asText()).isEqualTo(id);
    }

    @Test
    void checksTheProfileTheCommandLineWritesSentGzipped() {
        createMonitor("from-cli", reference, "");
        // what `driftwatch profile --sketch --monitor monitor.yml` writes: the file streamed through the builder
        byte[] file = SketchProfile.builder(SketchSettings.defaults()).read(Batches.CURRENT, csv).build()
                .toByteArray();

        TestService.Reply plain = SERVICE.post("/api/v1/monitors/from-cli/checks", SKETCH, file);
        TestService.Reply gzipped = SERVICE.post("/api/v1/monitors/from-cli/checks", SKETCH, Batches.gzip(file));
        TestService.Reply encoded = SERVICE.post("/api/v1/monitors/from-cli/checks", SKETCH, Batches.gzip(file),
                "Content-Encoding", "gzip");

        assertThat(plain.status()).as(plain.body()).isEqualTo(201);
        assertThat(gzipped.status()).as(gzipped.body()).isEqualTo(201);
        assertThat(encoded.status()).as(encoded.body()).isEqualTo(201);
        assertThat(verdicts(gzipped.json())).isEqualTo(verdicts(plain.json()));
        assertThat(verdicts(encoded.json())).isEqualTo(verdicts(plain.json()));
        assertThat(gzipped.json().at("/current/sha256").asText()).isEqualTo(Batches.sha256(file));
        assertThat(SERVICE.get("/api/v1/monitors/from-cli/checks").json().get("items")).hasSize(3);
        assertThat(storedReferenceSketches("from-cli")).as("the reference is sketched once, and kept").isEqualTo(1);
    }

    @Test
    void countsAnUndecidedColumnAsNotDriftedAndReportsIt() throws IOException {
        java.util.Random random = new java.util.Random(20261206);
        String referenceCsv = normals(random, 800, 0.0);
        String currentCsv = normals(random, 800, 0.3);
        String id = SERVICE.post("/api/v1/datasets", "text/csv", referenceCsv).json().get("id").asText();
        String yaml = "name: %s\nreference: " + id + "\ncolumns: {numerical: [x]}\n";
        assertThat(SERVICE.post("/api/v1/monitors", "application/yaml", yaml.formatted("coarse")).status()).isEqualTo(201);
        assertThat(SERVICE.post("/api/v1/monitors", "application/yaml", yaml.formatted("fine")).status()).isEqualTo(201);
        Path file = Files.createTempFile("normals", ".csv");
        try {
            Files.writeString(file, currentCsv);
            // k = 8: a rank error near 0.3, wide enough to hold both verdicts of a KS statistic near 0.15
            byte[] coarse = SketchProfile.of(Datasets.readTable(file, CsvOptions.defaults()),
                    SketchSettings.defaults().withK(8)).toByteArray();

            TestService.Reply undecided = SERVICE.post("/api/v1/monitors/coarse/checks", SKETCH, coarse);
            TestService.Reply exact = SERVICE.post("/api/v1/monitors/fine/checks", "text/csv", currentCsv);

            assertThat(undecided.status()).as(undecided.body()).isEqualTo(201);
            assertThat(exact.json().at("/columns/0/drifted").asBoolean()).as("the exact check drifts").isTrue();
            JsonNode x = undecided.json().at("/columns/0");
            assertThat(x.get("test").asText()).isEqualTo(exact.json().at("/columns/0/test").asText()).isEqualTo("ks");
            assertThat(x.at("/sketch/verdict").asText()).isEqualTo("undecided");
            assertThat(x.at("/sketch/undecided").asBoolean()).isTrue();
            assertThat(x.get("drifted").asBoolean()).isFalse();
            double threshold = x.get("threshold").asDouble();
            assertThat(x.at("/sketch/interval/0").asDouble()).isLessThanOrEqualTo(threshold);
            assertThat(x.at("/sketch/interval/1").asDouble()).isGreaterThan(threshold);
            assertThat(x.at("/sketch/statisticError").asDouble()).isGreaterThan(0.1);
            assertThat(undecided.json().at("/datasetDrift/numberOfUndecidedColumns").asInt()).isEqualTo(1);
            assertThat(undecided.json().at("/datasetDrift/numberOfDriftedColumns").asInt()).isZero();
            assertThat(undecided.json().at("/datasetDrift/detected").asBoolean()).isFalse();
            assertThat(undecided.json().at("/sketch/current/settings/k").asInt()).isEqualTo(8);
            assertThat(SERVICE.get(undecided.json().at("/links/report").asText()).body())
                    .contains("<tr data-name=\"x\" data-verdict=\"undecided\">").contains("1 column is undecided");
            assertThat(SERVICE.get("/api/v1/monitors/coarse/checks").json().at("/items/0/datasetDrift/detected")
                    .asBoolean()).isFalse();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void uploadsASketchReferenceAndChecksSketchAndCsvBatchesAgainstIt() {
        byte[] referenceSketch = SketchProfile.of(Datasets.readTable(Batches.REFERENCE, csv), SketchSettings.defaults())
                .toByteArray();
        TestService.Reply upload = SERVICE.post("/api/v1/datasets", SKETCH, referenceSketch);
        assertThat(upload.status()).as(upload.body()).isIn(200, 201);
        JsonNode dataset = upload.json();
        assertThat(dataset.get("id").asText()).isEqualTo(Batches.datasetId(referenceSketch));
        assertThat(dataset.get("kind").asText()).isEqualTo("sketch");
        assertThat(dataset.get("format").asText()).isEqualTo("sketch");
        assertThat(dataset.get("rows").asLong()).isEqualTo(SERVICE.get("/api/v1/datasets/" + reference).json()
                .get("rows").asLong());
        assertThat(names(dataset.get("columns"))).isEqualTo(Batches.COLUMNS);
        assertThat(SERVICE.post("/api/v1/datasets", SKETCH, referenceSketch).status()).isEqualTo(200);
        createMonitor("sketch-reference", dataset.get("id").asText(), "");
        createMonitor("csv-reference", reference, "");
        byte[] current = SketchProfile.of(Datasets.readTable(Batches.CURRENT, csv), SketchSettings.defaults())
                .toByteArray();

        TestService.Reply sketch = SERVICE.post("/api/v1/monitors/sketch-reference/checks", SKETCH, current);
        TestService.Reply rows = SERVICE.post("/api/v1/monitors/sketch-reference/checks", "text/csv",
                Batches.current());
        TestService.Reply exact = SERVICE.post("/api/v1/monitors/csv-reference/checks", "text/csv", Batches.current());

        assertThat(sketch.status()).as(sketch.body()).isEqualTo(201);
        assertThat(rows.status()).as(rows.body()).isEqualTo(201);
        assertThat(sketch.json().at("/reference/format").asText()).isEqualTo("sketch");
        assertThat(JsonResultTest.schemaErrors(rows.json())).isEmpty();
        assertThat(rows.json().at("/current/format").asText()).isEqualTo("csv");
        assertThat(rows.json().at("/sketch/current/rows").asLong()).isEqualTo(exact.json().at("/current/rows").asLong());
        assertThat(verdicts(sketch.json())).isEqualTo(verdicts(exact.json()));
        assertThat(verdicts(rows.json())).isEqualTo(verdicts(exact.json()));
        assertThat(SERVICE.get(rows.json().at("/links/report").asText()).body()).contains("on sketch profiles");
        assertThat(SERVICE.get("/api/v1/monitors/sketch-reference/checks").json().get("items")).hasSize(2);
    }

    @Test
    void refusesABodyDeclaredASketchProfileThatIsNotOneSayingWhatItStartsWith() {
        createMonitor("not-a-sketch", reference, "");

        TestService.Reply dataset = SERVICE.post("/api/v1/datasets", SKETCH, Batches.current());
        TestService.Reply check = SERVICE.post("/api/v1/monitors/not-a-sketch/checks", SKETCH, Batches.current());

        assertThat(dataset.status()).as(dataset.body()).isEqualTo(422);
        assertThat(dataset.json().get("code").asText()).isEqualTo("unreadable_dataset");
        assertThat(dataset.json().get("field").asText()).isEqualTo("body");
        String hexOfCsvHead = java.util.HexFormat.of().formatHex(Arrays.copyOf(Batches.current(), 8));
        assertThat(dataset.json().get("message").asText()).contains("declared a sketch profile but is not one")
                .contains("'DWSKETCH'").contains("starts with hex " + hexOfCsvHead);
        assertThat(check.status()).as(check.body()).isEqualTo(422);
        assertThat(check.json().get("message").asText()).isEqualTo(dataset.json().get("message").asText());
        assertThat(check.json().has("checkId")).isTrue();
        assertThat(SERVICE.get("/api/v1/monitors/not-a-sketch/checks").json().at("/items/0/status").asText())
                .isEqualTo("failed");
    }

    @Test
    void refusesATruncatedOrCorruptSketchProfileSayingWhich() {
        createMonitor("broken-sketch", reference, "");
        byte[] good = SketchProfile.of(Datasets.readTable(Batches.CURRENT, csv), SketchSettings.defaults())
                .toByteArray();
        byte[] cut = Arrays.copyOf(good, 30);
        byte[] header = Arrays.copyOf(good, 12);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x20;

        TestService.Reply truncated = SERVICE.post("/api/v1/monitors/broken-sketch/checks", SKETCH, cut);
        TestService.Reply corrupt = SERVICE.post("/api/v1/monitors/broken-sketch/checks", SKETCH, flipped);
        TestService.Reply empty = SERVICE.post("/api/v1/monitors/broken-sketch/checks", SKETCH, new byte[0]);
        TestService.Reply early = SERVICE.post("/api/v1/monitors/broken-sketch/checks", SKETCH, header);

        assertThat(truncated.status()).as(truncated.body()).isEqualTo(422);
        assertThat(truncated.json().get("message").asText()).contains("(30 bytes)").contains("corrupt or truncated");
        assertThat(corrupt.status()).as(corrupt.body()).isEqualTo(422);
        assertThat(corrupt.json().get("message").asText()).contains("(" + good.length + " bytes)")
                .contains("checksum does not match").contains("CRC-32");
        assertThat(empty.status()).as(empty.body()).isEqualTo(422);
        assertThat(empty.json().get("message").asText()).contains("empty").contains("sketch profile");
        assertThat(early.status()).as(early.body()).isEqualTo(422);
        assertThat(early.json().get("message").asText()).contains("(12 bytes) is truncated: the sketch profile ends"
                + " early").contains("docs/sketch-profile.md");
        assertThat(SERVICE.get("/api/v1/monitors/broken-sketch/checks").json().get("items")).hasSize(4);
    }

    @Test
    void refusesASketchWhoseColumnsDoNotLineUpNamingThem() throws IOException {
        createMonitor("renamed", reference, "");
        byte[] renamed = new String(Batches.current(), StandardCharsets.UTF_8)
                .replaceFirst(",temp,", ",temperature,").getBytes(StandardCharsets.UTF_8);
        Path file = Files.createTempFile("renamed", ".csv");
        try {
            Files.write(file, renamed);
            byte[] sketch = SketchProfile.of(Datasets.readTable(file, csv), SketchSettings.defaults()).toByteArray();

            TestService.Reply reply = SERVICE.post("/api/v1/monitors/renamed/checks", SKETCH, sketch);

            assertThat(reply.status()).as(reply.body()).isEqualTo(422);
            assertThat(reply.json().get("code").asText()).isEqualTo("schema_mismatch");
            assertThat(reply.json().get("field").asText()).isEqualTo("columns");
            assertThat(reply.json().get("message").asText())
                    .contains("column 'temperature': expected it in the reference")
                    .contains("column 'temp': expected it in the current batch");
            assertThat(SERVICE.get("/api/v1/monitors/renamed/checks").json().at("/items/0/status").asText())
                    .isEqualTo("failed");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void refusesAMonitorOnASketchReferenceThatAsksForAnalysesOnRowsNamingThem() {
        byte[] referenceSketch = SketchProfile.of(Datasets.readTable(Batches.REFERENCE, csv),
                SketchSettings.defaults().withK(64)).toByteArray();
        String id = SERVICE.post("/api/v1/datasets", SKETCH, referenceSketch).json().get("id").asText();

        TestService.Reply reply = SERVICE.post("/api/v1/monitors", "application/yaml", Receiving.monitorYaml(
                "rows-wanted", id, "integrity: {tests: evidently}\nmultivariate: {}\n"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().get("code").asText()).isEqualTo("invalid_monitor");
        Map<String, String> problems = new LinkedHashMap<>();
        for (JsonNode p : reply.json().get("problems")) {
            problems.put(p.get("field").asText(), p.get("message").asText());
        }
        assertThat(problems).containsOnlyKeys("integrity", "multivariate");
        assertThat(problems.get("integrity")).contains("the integrity analysis needs the reference's rows")
                .contains(id + " is a sketch profile");
        assertThat(problems.get("multivariate")).contains("the multivariate analysis");
        assertThat(SERVICE.get("/api/v1/monitors/rows-wanted").status()).isEqualTo(404);
    }

    private static void createMonitor(String name, String referenceId, String more) {
        TestService.Reply reply = SERVICE.post("/api/v1/monitors", "application/yaml",
                Receiving.monitorYaml(name, referenceId, more));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    /** A CSV of one column {@code x} of {@code n} normal values around {@code mean}. */
    private static String normals(java.util.Random random, int n, double mean) {
        StringBuilder csv = new StringBuilder("x\n");
        for (int i = 0; i < n; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "%.6f%n", mean + random.nextGaussian()));
        }
        return csv.toString();
    }

    /** Rows of {@code reference_sketches} for the monitor's reference profile. */
    private static int storedReferenceSketches(String monitor) {
        try (java.sql.Connection c = SERVICE.database.connect(); java.sql.PreparedStatement q = c.prepareStatement(
                "SELECT COUNT(*) FROM reference_sketches s JOIN monitors m ON m.profile_sha256 = s.profile_sha256"
                        + " WHERE m.id = ?")) {
            q.setString(1, monitor);
            try (java.sql.ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Per tested column: its test and whether it drifted. */
    private static Map<String, String> verdicts(JsonNode result) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode c : result.get("columns")) {
            out.put(c.get("name").asText(), c.get("test").asText() + " " + c.get("drifted").asBoolean());
        }
        return out;
    }

    private static List<String> names(JsonNode columns) {
        List<String> out = new ArrayList<>();
        columns.forEach(c -> out.add(c.get("name").asText()));
        return out;
    }

    /** The webhook events received for {@code monitor}. */
    private static List<JsonNode> events(String monitor) {
        List<JsonNode> events = new ArrayList<>();
        for (Request r : WEBHOOK.requests("POST", "/hook")) {
            if (r.json().at("/data/monitor").asText().equals(monitor)) {
                events.add(r.json());
            }
        }
        return events;
    }
}
