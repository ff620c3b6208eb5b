package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.TestService;
import io.driftwatch.report.JsonResultTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Checks through the REST API, end to end, on whichever database a subclass runs the service on:
 * a check of an uploaded dataset and of a batch streamed as CSV, Arrow or gzip; the check, its JSON
 * result (valid against {@code docs/result.schema.json}) and its HTML report; a monitor's history
 * paged with a cursor while new checks arrive, and filtered by time; every 400, 404 and 422 naming
 * its field; and deleting a monitor with its checks and report files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CheckApiContract {
    static final String MONITOR = "bike-sharing";

    String referenceId;
    String currentId;

    /** The service under test (a subclass's static {@code DropwizardAppExtension} runs it). */
    abstract TestService service();

    @BeforeAll
    void uploadTheBatchesAndCreateTheMonitor() {
        TestService.Reply reference = service().post("/api/v1/datasets", "text/csv", Batches.reference());
        assertThat(reference.status()).as(reference.body()).isEqualTo(201);
        referenceId = reference.json().get("id").asText();
        TestService.Reply current = service().post("/api/v1/datasets", "text/csv", Batches.current());
        assertThat(current.status()).as(current.body()).isEqualTo(201);
        currentId = current.json().get("id").asText();
        createMonitor(MONITOR);
    }

    void createMonitor(String name) {
        TestService.Reply monitor = service().post("/api/v1/monitors", "application/yaml",
                Batches.monitorYaml(name, referenceId));
        assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
    }

    /** Runs a check of the uploaded current batch and returns the answer's body. */
    JsonNode check(String monitor) {
        TestService.Reply reply = service().post("/api/v1/monitors/" + monitor + "/checks", "application/json",
                "{\"datasetId\": \"" + currentId + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    List<JsonNode> history(String monitor, String query) {
        TestService.Reply reply = service().get("/api/v1/monitors/" + monitor + "/checks" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        reply.json().get("items").forEach(items::add);
        return items;
    }

    static List<String> ids(List<JsonNode> items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void assertError(TestService.Reply reply, int status, String code, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("code").asText()).as(reply.body()).isEqualTo(code);
        assertThat(reply.json().path("field").asText(null)).as(reply.body()).isEqualTo(field);
    }

    @Test
    void checksAnUploadedDatasetAndAnswers201WithTheResult() {
        TestService.Reply reply = service().post("/api/v1/monitors/" + MONITOR + "/checks", "application/json",
                "{\"datasetId\": \"" + currentId + "\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode body = reply.json();
        String id = body.get("id").asText();
        assertThat(reply.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/checks/" + id));
        assertThat(body.get("monitorId").asText()).isEqualTo(MONITOR);
        assertThat(body.get("datasetId").asText()).isEqualTo(currentId);
        assertThat(body.at("/links/report").asText()).isEqualTo("/api/v1/checks/" + id + "/report");
        assertThat(body.at("/links/result").asText()).isEqualTo("/api/v1/checks/" + id + "/result");
        assertThat(body.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(body.at("/reference/rows").asInt()).isEqualTo(Batches.REFERENCE_ROWS);
        assertThat(body.at("/reference/sha256").asText()).isEqualTo(Batches.sha256(Batches.reference()));
        assertThat(body.at("/current/rows").asInt()).isEqualTo(Batches.CURRENT_ROWS);
        assertThat(body.at("/current/sha256").asText()).isEqualTo(Batches.sha256(Batches.current()));
        assertThat(body.at("/datasetDrift/detected").asBoolean()).isTrue();
        assertThat(body.at("/datasetDrift/threshold").asDouble()).isEqualTo(0.5);
        List<String> columns = new ArrayList<>();
        body.get("columns").forEach(c -> columns.add(c.get("name").asText()));
        assertThat(columns).contains("temp", "cnt", "season").doesNotContain("instant", "yr", "mnth");
        assertThat(JsonResultTest.schemaErrors(body)).isEmpty();
    }

    @Test
    void checksABatchStreamedAsCsvArrowOrGzip() {
        JsonNode byId = check(MONITOR);
        String path = "/api/v1/monitors/" + MONITOR + "/checks";
        byte[] csv = Batches.current();

        TestService.Reply streamed = service().post(path, "text/csv", csv);
        TestService.Reply chunked = service().postChunked(path, "text/csv", csv);
        TestService.Reply arrow = service().post(path, "application/vnd.apache.arrow.stream", Batches.arrow(csv, false));
        TestService.Reply arrowFile = service().post(path, "application/vnd.apache.arrow.file", Batches.arrow(csv, true));
        TestService.Reply gzipped = service().post(path, "text/csv", Batches.gzip(csv), "Content-Encoding", "gzip");

        for (TestService.Reply reply : List.of(streamed, chunked, arrow, arrowFile, gzipped)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            JsonNode body = reply.json();
            assertThat(body.get("id").asText()).isNotEqualTo(byId.get("id").asText());
            assertThat(body.at("/current/rows").asInt()).isEqualTo(Batches.CURRENT_ROWS);
            assertThat(body.at("/datasetDrift/detected").asBoolean()).isTrue();
            assertThat(body.at("/datasetDrift/numberOfColumns")).isEqualTo(byId.at("/datasetDrift/numberOfColumns"));
        }
        assertThat(streamed.json().get("datasetId").asText()).isEqualTo(currentId);
        assertThat(chunked.json().get("datasetId").asText()).isEqualTo(currentId);
        assertThat(gzipped.json().get("datasetId").asText()).isEqualTo(currentId);
        assertThat(streamed.json().get("datasetDrift")).isEqualTo(byId.get("datasetDrift"));
        assertThat(streamed.json().get("columns")).isEqualTo(byId.get("columns"));
        assertThat(arrow.json().at("/current/format").asText()).isEqualTo("arrow-stream");
        assertThat(arrowFile.json().at("/current/format").asText()).isEqualTo("arrow-file");
        assertThat(service().get("/api/v1/datasets/" + arrow.json().get("datasetId").asText()).status()).isEqualTo(200);
    }

    @Test
    void servesTheCheckItsJsonResultAndItsHtmlReport() {
        JsonNode posted = check(MONITOR);
        String id = posted.get("id").asText();

        TestService.Reply check = service().get("/api/v1/checks/" + id);
        TestService.Reply result = service().get("/api/v1/checks/" + id + "/result");
        TestService.Reply report = service().get("/api/v1/checks/" + id + "/report");

        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json()).isEqualTo(posted);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode document = result.json();
        assertThat(JsonResultTest.schemaErrors(document)).isEmpty();
        assertThat(document.has("id")).isFalse();
        ObjectNode withoutApiFields = posted.deepCopy();
        withoutApiFields.remove(List.of("id", "monitorId", "datasetId", "createdAt", "status", "links", "referenceVersion"));
        assertThat(posted.get("referenceVersion").asInt()).isEqualTo(1);
        ObjectNode documentWithoutTime = document.deepCopy();
        documentWithoutTime.remove("createdAt");
        assertThat(documentWithoutTime).isEqualTo(withoutApiFields);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(report.body()).startsWith("<!DOCTYPE html>").contains(MONITOR).contains("temp").contains("</html>");
    }

    @Test
    void servesTheReportWithTheSecurityHeadersOfTheDashboard() {
        String id = check(MONITOR).get("id").asText();

        TestService.Reply report = service().get("/api/v1/checks/" + id + "/report");
        TestService.Reply dashboard = service().get("/");

        assertThat(report.status()).isEqualTo(200);
        java.util.regex.Matcher meta = java.util.regex.Pattern
                .compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").matcher(report.body());
        assertThat(meta.find()).as("the report's own policy").isTrue();
        assertThat(meta.group(1)).startsWith("default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-");
        assertThat(report.header("Content-Security-Policy")).hasValue(meta.group(1)
                + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        for (String header : List.of("X-Content-Type-Options", "Referrer-Policy")) {
            assertThat(report.header(header)).as(header).isPresent().isEqualTo(dashboard.header(header));
        }
        assertThat(report.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(dashboard.header("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p)
                .endsWith("; frame-ancestors 'none'"));
    }

    @Test
    void servesAReportWrittenByAnEarlierVersionUnderItsOwnScriptHash() throws Exception {
        String id = check(MONITOR).get("id").asText();
        Path file = service().dir.resolve("reports").resolve(MONITOR).resolve(id + ".html");
        String html = java.nio.file.Files.readString(file);
        String earlier = "sha256-" + Base64.getEncoder().encodeToString(new byte[32]);
        java.nio.file.Files.writeString(file, html.replaceFirst("sha256-[A-Za-z0-9+/]{43}=", earlier));

        TestService.Reply report = service().get("/api/v1/checks/" + id + "/report");

        assertThat(report.header("Content-Security-Policy")).hasValue("default-src 'none'; style-src 'unsafe-inline'; "
                + "script-src '" + earlier + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }

    @Test
    void answers404WhenTheReportFileIsGone() throws Exception {
        String id = check(MONITOR).get("id").asText();
        java.nio.file.Files.delete(service().dir.resolve("reports").resolve(MONITOR).resolve(id + ".html"));

        TestService.Reply report = service().get("/api/v1/checks/" + id + "/report");

        assertThat(report.status()).as(report.body()).isEqualTo(404);
        assertThat(report.json().get("code").asText()).isEqualTo("not_found");
        assertThat(report.json().get("message").asText()).contains(id).contains("missing");
        assertThat(service().get("/api/v1/checks/" + id + "/result").status()).isEqualTo(200);
    }

    @Test
    void answers404NamingTheFieldForAnUnknownMonitorCheckOrDataset() {
        String checks = "/api/v1/monitors/" + MONITOR + "/checks";

        assertError(service().post("/api/v1/monitors/nobody/checks", "application/json",
                "{\"datasetId\": \"" + currentId + "\"}"), 404, "not_found", "id");
        assertError(service().post("/api/v1/monitors/nobody/checks", "text/csv", Batches.current()), 404, "not_found",
                "id");
        assertError(service().get("/api/v1/monitors/nobody/checks"), 404, "not_found", "id");
        assertError(service().post(checks, "application/json", "{\"datasetId\": \"0123456789abcdef01234567\"}"), 404,
                "not_found", "datasetId");
        assertError(service().get("/api/v1/checks/no-such-check"), 404, "not_found", "id");
        assertError(service().get("/api/v1/checks/no-such-check/result"), 404, "not_found", "id");
        assertError(service().get("/api/v1/checks/no-such-check/report"), 404, "not_found", "id");
    }

    @Test
    void answers400ForACheckRequestWithoutADatasetId() {
        String checks = "/api/v1/monitors/" + MONITOR + "/checks";

        assertError(service().post(checks, "application/json", "{}"), 400, "invalid_request", "datasetId");
        assertError(service().post(checks, "application/json", "{\"datasetId\": \"\"}"), 400, "invalid_request",
                "datasetId");
        assertError(service().post(checks, "application/json", "{\"datasetId\": "), 400, "invalid_json", "body");
        assertThat(service().post(checks, "text/plain", "temp\n1\n").status()).isEqualTo(415);
    }

    @Test
    void answers422ForABatchThatDoesNotFitTheMonitor() {
        String checks = "/api/v1/monitors/" + MONITOR + "/checks";
        String wrongColumns = "a,b\n1,2\n3,4\n";
        String csv = new String(Batches.firstRows(Batches.current(), 40), StandardCharsets.UTF_8);
        int comma = ordinalIndexOf(csv.lines().skip(5).findFirst().orElseThrow(), ',', 10);
        String sixthLine = csv.lines().skip(5).findFirst().orElseThrow();
        String badTemp = csv.replace(sixthLine, sixthLine.substring(0, comma + 1) + "warm"
                + sixthLine.substring(sixthLine.indexOf(',', comma + 1)));

        StringBuilder withoutWeathersit = new StringBuilder();
        csv.lines().forEach(line -> {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(Batches.COLUMNS.indexOf("weathersit"));
            withoutWeathersit.append(String.join(",", cells)).append('\n');
        });

        TestService.Reply missing = service().post(checks, "text/csv", withoutWeathersit.toString());
        TestService.Reply mismatch = service().post(checks, "text/csv", wrongColumns);
        TestService.Reply unreadable = service().post(checks, "text/csv", badTemp);

        assertError(missing, 422, "schema_mismatch", "columns");
        assertThat(missing.json().get("message").asText()).contains("weathersit");
        // wrong columns are a schema mismatch listing every column, in CSV as in Arrow (they used to be an
        // unreadable CSV naming the first declared column its header lacked)
        assertError(mismatch, 422, "schema_mismatch", "columns");
        assertThat(mismatch.json().get("message").asText()).contains("dataset " + Batches.datasetId(
                wrongColumns.getBytes(StandardCharsets.UTF_8))).contains("column 'a': expected it in the reference")
                .contains("column 'temp': expected it in the current batch (as in the reference), found no such column")
                .doesNotContain(service().dir.toString());
        TestService.Reply mismatchInArrow = service().post(checks, "application/vnd.apache.arrow.stream",
                Batches.arrow(wrongColumns.getBytes(StandardCharsets.UTF_8), false));
        assertError(mismatchInArrow, 422, "schema_mismatch", "columns");
        String arrowDataset = Batches.datasetId(Batches.arrow(wrongColumns.getBytes(StandardCharsets.UTF_8), false));
        assertThat(mismatch.json().get("message").asText()
                .replace(Batches.datasetId(wrongColumns.getBytes(StandardCharsets.UTF_8)), arrowDataset))
                .isEqualTo(mismatchInArrow.json().get("message").asText());
        assertError(unreadable, 422, "unreadable_dataset", "body");
        assertThat(unreadable.json().get("message").asText()).contains("line 6").contains("temp").contains("warm")
                .doesNotContain(service().dir.toString());
    }

    private static int ordinalIndexOf(String s, char c, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf(c, at + 1);
        }
        return at;
    }

    @Test
    void pagesHistoryNewestFirstWithoutGapsOrRepeatsWhileChecksArrive() {
        createMonitor("paging");
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ran.add(0, check("paging").get("id").asText());
        }

        List<String> visited = new ArrayList<>();
        List<String> arrived = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestService.Reply reply = service().get("/api/v1/monitors/paging/checks?limit=3"
                    + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode page = reply.json();
            assertThat(page.get("items").size()).isBetween(1, 3);
            page.get("items").forEach(item -> visited.add(item.get("id").asText()));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
            arrived.add(0, check("paging").get("id").asText()); // a new check between pages
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(visited).containsExactlyElementsOf(ran);
        List<String> everything = new ArrayList<>(arrived);
        everything.addAll(ran);
        assertThat(ids(history("paging", "?limit=500"))).containsExactlyElementsOf(everything);
        JsonNode item = history("paging", "?limit=1").get(0);
        assertThat(item.get("monitorId").asText()).isEqualTo("paging");
        assertThat(item.get("datasetId").asText()).isEqualTo(currentId);
        assertThat(item.at("/datasetDrift/detected").asBoolean()).isTrue();
        assertThat(item.has("dataQuality")).isTrue();
        assertThat(item.get("dataQuality").isNull()).as("a monitor without an integrity analysis").isTrue();
        assertThat(item.at("/links/report").asText()).isEqualTo("/api/v1/checks/" + item.get("id").asText() + "/report");
        assertThat(Instant.parse(item.get("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void filtersHistoryByFromInclusiveAndToExclusive() {
        createMonitor("windowed");
        for (int i = 0; i < 6; i++) {
            check("windowed");
        }
        List<JsonNode> all = history("windowed", "");
        String from = all.get(4).get("createdAt").asText();
        String to = all.get(1).get("createdAt").asText();

        List<JsonNode> window = history("windowed", "?from=" + encode(from) + "&to=" + encode(to));
        List<JsonNode> since = history("windowed", "?from=" + encode(from));
        List<JsonNode> until = history("windowed", "?to=" + encode(to));
        TestService.Reply firstPage = service().get("/api/v1/monitors/windowed/checks?limit=2&from=" + encode(from)
                + "&to=" + encode(to));
        String next = firstPage.json().get("next").asText();
        List<JsonNode> secondPage = history("windowed", "?limit=2&from=" + encode(from) + "&to=" + encode(to)
                + "&cursor=" + encode(next));

        assertThat(ids(window)).containsExactlyElementsOf(ids(all.subList(2, 5)));
        assertThat(ids(since)).containsExactlyElementsOf(ids(all.subList(0, 5)));
        assertThat(ids(until)).containsExactlyElementsOf(ids(all.subList(2, 6)));
        assertThat(firstPage.json().get("items").size()).isEqualTo(2);
        assertThat(ids(secondPage)).containsExactlyElementsOf(ids(all.subList(4, 5)));
    }

    @Test
    void answers400NamingTheParameterForABadCursorLimitOrTime() {
        String checks = "/api/v1/monitors/" + MONITOR + "/checks";
        String noSeparator = Base64.getUrlEncoder().withoutPadding().encodeToString("2026-01-01T00:00:00Z"
                .getBytes(StandardCharsets.UTF_8));
        String badTime = Base64.getUrlEncoder().withoutPadding().encodeToString("yesterday|abc"
                .getBytes(StandardCharsets.UTF_8));

        assertError(service().get(checks + "?cursor=not-a-cursor!"), 400, "invalid_request", "cursor");
        assertError(service().get(checks + "?cursor=" + noSeparator), 400, "invalid_request", "cursor");
        assertError(service().get(checks + "?cursor=" + badTime), 400, "invalid_request", "cursor");
        assertError(service().get(checks + "?limit=0"), 400, "invalid_request", "limit");
        assertError(service().get(checks + "?limit=501"), 400, "invalid_request", "limit");
        assertError(service().get(checks + "?limit=ten"), 400, "invalid_request", "limit");
        assertError(service().get(checks + "?from=yesterday"), 400, "invalid_request", "from");
        assertError(service().get(checks + "?to=2026-13-01T00:00:00Z"), 400, "invalid_request", "to");
    }

    @Test
    void checksUseTheDefinitionAsReplaced() {
        createMonitor("replaced-policy");
        assertThat(check("replaced-policy").at("/datasetDrift/threshold").asDouble()).isEqualTo(0.5);
        TestService.Reply put = service().send("PUT", "/api/v1/monitors/replaced-policy", "application/yaml",
                Batches.monitorYaml("replaced-policy", referenceId).replace("share: 0.5", "share: 0.95")
                        .replace("numerical: [temp, atemp, hum, windspeed, casual, registered]", "numerical: [temp, hum]"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);

        JsonNode after = check("replaced-policy");

        assertThat(after.at("/datasetDrift/threshold").asDouble()).isEqualTo(0.95);
        assertThat(after.at("/datasetDrift/detected").asBoolean()).isFalse();
    }

    @Test
    void deletingAMonitorDeletesItsChecksAndReportsButNoOtherMonitors() throws Exception {
        createMonitor("doomed");
        List<String> doomed = List.of(check("doomed").get("id").asText(), check("doomed").get("id").asText());
        String survivor = check(MONITOR).get("id").asText();
        Path reports = service().dir.resolve("reports");
        for (String id : doomed) {
            assertThat(reports.resolve("doomed").resolve(id + ".html")).isRegularFile();
        }

        TestService.Reply delete = service().delete("/api/v1/monitors/doomed");

        assertThat(delete.status()).isEqualTo(204);
        for (String id : doomed) {
            assertError(service().get("/api/v1/checks/" + id), 404, "not_found", "id");
            assertError(service().get("/api/v1/checks/" + id + "/report"), 404, "not_found", "id");
            assertThat(reports.resolve("doomed").resolve(id + ".html")).doesNotExist();
        }
        assertError(service().get("/api/v1/monitors/doomed/checks"), 404, "not_found", "id");
        assertThat(service().get("/api/v1/checks/" + survivor).status()).isEqualTo(200);
        assertThat(service().get("/api/v1/checks/" + survivor + "/report").status()).isEqualTo(200);
        createMonitor("doomed");
        assertThat(history("doomed", "")).isEmpty();
    }
}
