package io.driftwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.TestService;
import io.driftwatch.report.DisplayNumbers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Labels that arrive after the predictions, end to end through the REST API, on whichever database a
 * subclass runs the service on (its clock set to the day each step plays): batches of predictions
 * checked on day 1 log their rows; half of their labels posted on day 2 and the rest on day 3 (with
 * duplicates and ids no prediction has) are joined to them and evaluate the windows they complete;
 * the labels answer, the quality history, the history of checks, the check and the Prometheus metrics
 * then tell the same numbers. A conflicting label refuses its whole request (409 naming the id) and
 * stores nothing; labels without their id or target column, or a row without an id, are 422 naming
 * the line and column; a monitor without {@code model.id} refuses labels (its batches come with their
 * target and are scored when checked).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LateLabelsContract {
    static final Instant DAY1_MORNING = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant DAY1_AFTERNOON = Instant.parse("2026-03-02T14:00:00Z");
    static final Instant DAY2 = Instant.parse("2026-03-03T10:00:00Z");
    static final Instant DAY3 = Instant.parse("2026-03-04T09:00:00Z");
    static final double HOUR = 3600;

    String referenceId;

    /** The service under test (a subclass's static {@code DropwizardAppExtension} runs it). */
    abstract TestService service();

    @BeforeAll
    void uploadTheReference() {
        TestService.Reply reference = service().post("/api/v1/datasets", "text/csv", ChurnBatches.reference(300));
        assertThat(reference.status()).as(reference.body()).isEqualTo(201);
        referenceId = reference.json().get("id").asText();
    }

    void createMonitor(String name, boolean withId) {
        TestService.Reply monitor = service().post("/api/v1/monitors", "application/yaml",
                ChurnBatches.monitor(name, referenceId, withId));
        assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
    }

    JsonNode check(String monitor, Instant at, byte[] csv) {
        ClockedApplication.CLOCK.set(at);
        TestService.Reply reply = service().post("/api/v1/monitors/" + monitor + "/checks", "text/csv", csv);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    TestService.Reply postLabels(String monitor, Instant at, String csv) {
        ClockedApplication.CLOCK.set(at);
        return service().post("/api/v1/monitors/" + monitor + "/labels", "text/csv", csv);
    }

    JsonNode labels(String monitor, Instant at, String csv) {
        TestService.Reply reply = postLabels(monitor, at, csv);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    List<JsonNode> quality(String monitor, String query) {
        TestService.Reply reply = service().get("/api/v1/monitors/" + monitor + "/quality" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        reply.json().get("items").forEach(items::add);
        return items;
    }

    static JsonNode window(JsonNode labelsAnswer, String checkId) {
        for (JsonNode w : labelsAnswer.get("windows")) {
            if (w.get("checkId").asText().equals(checkId)) {
                return w;
            }
        }
        throw new AssertionError("no window " + checkId + " in " + labelsAnswer);
    }

    static void assertError(TestService.Reply reply, int status, String code, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("code").asText()).as(reply.body()).isEqualTo(code);
        assertThat(reply.json().path("field").asText(null)).as(reply.body()).isEqualTo(field);
    }

    @Test
    void labelsArrivingOverTwoDaysEvaluateTheWindowsTheyComplete() {
        createMonitor("churn", true);
        JsonNode a = check("churn", DAY1_MORNING, ChurnBatches.predictions("a", 100));
        JsonNode b = check("churn", DAY1_AFTERNOON, ChurnBatches.predictions("b", 40));
        String aId = a.get("id").asText();
        String bId = b.get("id").asText();
        assertThat(a.at("/modelQuality/predictions").asInt()).isEqualTo(100);
        assertThat(a.at("/modelQuality/labelled").asInt()).isZero();
        assertThat(a.at("/modelQuality/coverage").asDouble()).isZero();
        assertThat(a.at("/modelQuality/source").asText()).isEqualTo("check");
        assertThat(a.at("/modelQuality/error").asText()).as("a batch of predictions has no target yet")
                .contains("churned");
        assertThat(a.at("/quality/current/error").asText()).isEqualTo(a.at("/modelQuality/error").asText());

        // day 2: half of each batch's labels, and three ids no prediction has
        StringBuilder day2 = new StringBuilder("request_id,churned\n");
        ChurnBatches.appendLabels(day2, "a", 0, 50);
        ChurnBatches.appendLabels(day2, "b", 0, 20);
        day2.append("zz1,0\nzz2,1\nzz3,0\n");
        JsonNode second = labels("churn", DAY2, day2.toString());
        assertThat(second.get("received").asInt()).isEqualTo(73);
        assertThat(second.get("accepted").asInt()).isEqualTo(70);
        assertThat(second.get("duplicates").asInt()).isZero();
        assertThat(second.get("unknown").asInt()).isEqualTo(3);
        assertThat(second.get("unknownIds").toString()).isEqualTo("[\"zz1\",\"zz2\",\"zz3\"]");
        assertThat(second.get("windows")).hasSize(2);
        JsonNode aDay2 = window(second, aId);
        assertThat(aDay2.get("predictions").asInt()).isEqualTo(100);
        assertThat(aDay2.get("labelled").asInt()).isEqualTo(50);
        assertThat(aDay2.get("coverage").asDouble()).isEqualTo(0.5);
        assertThat(aDay2.at("/latency/medianSeconds").asDouble()).isEqualTo(24 * HOUR);
        assertThat(aDay2.at("/latency/maxSeconds").asDouble()).isEqualTo(24 * HOUR);
        assertThat(aDay2.get("source").asText()).isEqualTo("labels");
        assertThat(aDay2.get("evaluatedAt").asText()).isEqualTo(DAY2.toString());
        assertThat(aDay2.get("rows").asInt()).isEqualTo(50);
        assertThat(aDay2.at("/metrics/accuracy").asDouble()).isCloseTo(ChurnBatches.accuracy(100, 0, 50),
                within(1e-12));
        assertThat(aDay2.at("/quality/tests").size()).as("Evidently's tests against the reference").isPositive();
        JsonNode bDay2 = window(second, bId);
        assertThat(bDay2.get("labelled").asInt()).isEqualTo(20);
        assertThat(bDay2.get("coverage").asDouble()).isEqualTo(0.5);
        assertThat(bDay2.at("/latency/maxSeconds").asDouble()).isEqualTo(20 * HOUR);
        assertThat(bDay2.at("/metrics/accuracy").asDouble()).isCloseTo(ChurnBatches.accuracy(40, 0, 20),
                within(1e-12));

        // day 3: the rest, ten labels again (the same ones: duplicates, counted once)
        StringBuilder day3 = new StringBuilder("request_id,churned\n");
        ChurnBatches.appendLabels(day3, "a", 50, 100);
        ChurnBatches.appendLabels(day3, "a", 0, 10);
        ChurnBatches.appendLabels(day3, "b", 20, 40);
        JsonNode third = labels("churn", DAY3, day3.toString());
        assertThat(third.get("received").asInt()).isEqualTo(80);
        assertThat(third.get("accepted").asInt()).isEqualTo(70);
        assertThat(third.get("duplicates").asInt()).isEqualTo(10);
        assertThat(third.get("unknown").asInt()).isZero();
        assertThat(third.get("unknownIds")).isEmpty();
        JsonNode aDay3 = window(third, aId);
        assertThat(aDay3.get("labelled").asInt()).isEqualTo(100);
        assertThat(aDay3.get("coverage").asDouble()).isEqualTo(1.0);
        assertThat(aDay3.at("/latency/medianSeconds").asDouble()).isEqualTo(24 * HOUR);
        assertThat(aDay3.at("/latency/maxSeconds").asDouble()).isEqualTo(47 * HOUR);
        assertThat(aDay3.at("/metrics/accuracy").asDouble()).isCloseTo(ChurnBatches.accuracy(100, 0, 100),
                within(1e-12));
        assertThat(ChurnBatches.accuracy(100, 0, 100)).as("the second half is worse: the numbers must move")
                .isLessThan(ChurnBatches.accuracy(100, 0, 50));
        JsonNode bDay3 = window(third, bId);
        assertThat(bDay3.get("labelled").asInt()).isEqualTo(40);
        assertThat(bDay3.at("/latency/medianSeconds").asDouble()).isEqualTo(20 * HOUR);
        assertThat(bDay3.at("/latency/maxSeconds").asDouble()).isEqualTo(43 * HOUR);

        // the same request again changes nothing and evaluates nothing
        JsonNode again = labels("churn", DAY3.plusSeconds(60), day3.toString());
        assertThat(again.get("accepted").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(80);
        assertThat(again.get("windows")).isEmpty();

        // the quality history, newest window first, a page at a time
        List<JsonNode> first = quality("churn", "?limit=1");
        assertThat(first).hasSize(1);
        assertThat(first.get(0).get("checkId").asText()).isEqualTo(bId);
        TestService.Reply page = service().get("/api/v1/monitors/churn/quality?limit=1");
        String cursor = page.json().get("next").asText();
        List<JsonNode> older = quality("churn", "?limit=1&cursor=" + cursor);
        assertThat(older).hasSize(1);
        JsonNode aHistory = older.get(0);
        assertThat(aHistory.get("checkId").asText()).isEqualTo(aId);
        assertSameWindow(aHistory, aDay3);
        assertSameWindow(first.get(0), bDay3);

        // the history of checks and the check itself say the same
        TestService.Reply checks = service().get("/api/v1/monitors/churn/checks");
        JsonNode aItem = null;
        for (JsonNode item : checks.json().get("items")) {
            if (item.get("id").asText().equals(aId)) {
                aItem = item;
            }
        }
        assertThat(aItem).as(checks.body()).isNotNull();
        assertSameWindow(aItem.get("modelQuality"), aDay3);
        TestService.Reply check = service().get("/api/v1/checks/" + aId);
        assertSameWindow(check.json().get("modelQuality"), aDay3);
        assertThat(check.json().at("/quality/current/error").asText()).as("the check's own section stays as checked")
                .isNotEmpty();

        // Prometheus: the newest window whose quality is known (B)
        PrometheusText metrics = PrometheusText.parse(service().get(service().app.getAdminPort(), "/metrics").body());
        assertThat(metrics.type("driftwatch_monitor_model_quality")).isEqualTo("gauge");
        assertThat(metrics.value("driftwatch_monitor_model_quality", "monitor", "churn", "metric", "accuracy"))
                .isEqualTo(bDay3.at("/metrics/accuracy").asDouble());
        assertThat(metrics.value("driftwatch_monitor_model_quality", "monitor", "churn", "metric", "f1_score"))
                .isEqualTo(bDay3.at("/metrics/f1_score").asDouble());
        assertThat(metrics.value("driftwatch_monitor_label_coverage", "monitor", "churn")).isEqualTo(1.0);
        assertThat(metrics.value("driftwatch_monitor_model_quality_rows", "monitor", "churn")).isEqualTo(40.0);
        assertThat(metrics.value("driftwatch_monitor_model_quality_failed", "monitor", "churn"))
                .isEqualTo(bDay3.get("failed").asBoolean() ? 1.0 : 0.0);

        // the dashboard: the chart's points and bars, the list of checks and the card, with the same numbers
        TestService.Reply dashboard = service().get("/monitors/churn");
        assertThat(dashboard.status()).isEqualTo(200);
        String html = dashboard.body();
        String chart = between(html, "id=\"model-chart\"", "</svg>");
        String aAccuracy = DisplayNumbers.score(aDay3.at("/metrics/accuracy").asDouble());
        String aF1 = DisplayNumbers.score(aDay3.at("/metrics/f1_score").asDouble());
        assertThat(chart).contains("accuracy " + aAccuracy + " · F1 " + aF1 + " on 100 rows")
                .contains("100 of 100 predictions labelled (100%) · labels 24 h later (median), at most 47 h")
                .contains("accuracy " + DisplayNumbers.score(bDay3.at("/metrics/accuracy").asDouble()) + " · F1 ")
                .contains("40 of 40 predictions labelled (100%) · labels 20 h later (median), at most 43 h")
                .contains("/api/v1/checks/" + aId + "/report").contains("/api/v1/checks/" + bId + "/report");
        assertThat(between(html, "<tr data-check=\"" + aId + "\">", "</tr>"))
                .contains("accuracy " + aAccuracy).contains("100% labelled");
        assertThat(between(html, "id=\"model-card\"", "</div>"))
                .contains("<b>" + DisplayNumbers.score(bDay3.at("/metrics/accuracy").asDouble())
                        + " <small>100% labelled</small></b>");
    }

    static String between(String html, String start, String end) {
        int from = html.indexOf(start);
        assertThat(from).as(start + " in " + html).isNotNegative();
        return html.substring(from, html.indexOf(end, from));
    }

    static void assertSameWindow(JsonNode actual, JsonNode expected) {
        for (String field : List.of("checkId", "predictions", "labelled", "coverage", "latency", "evaluatedAt", "rows",
                "metrics", "failed", "source")) {
            assertThat(actual.get(field)).as(field + " of " + actual).isEqualTo(expected.get(field));
        }
    }

    @Test
    void aConflictingLabelRefusesItsWholeRequestAndStoresNothing() {
        createMonitor("conflicts", true);
        String checkId = check("conflicts", DAY1_MORNING, ChurnBatches.predictions("c", 10)).get("id").asText();
        assertThat(labels("conflicts", DAY2, ChurnBatches.labels("c", 0, 5)).get("accepted").asInt()).isEqualTo(5);

        String changed = "request_id,churned\nc005," + ChurnBatches.truth(5) + "\nc002," + (1 - ChurnBatches.truth(2))
                + "\n";
        TestService.Reply refused = postLabels("conflicts", DAY3, changed);
        assertError(refused, 409, "conflict", "model.target");
        assertThat(refused.json().get("message").asText()).contains("'c002'").contains("nothing of this request");

        String twice = "request_id,churned\nc006,1\nc007,0\nc006,0\n";
        TestService.Reply inBatch = postLabels("conflicts", DAY3, twice);
        assertError(inBatch, 409, "conflict", "model.target");
        assertThat(inBatch.json().get("message").asText()).contains("'c006'");

        JsonNode window = quality("conflicts", "").get(0);
        assertThat(window.get("checkId").asText()).isEqualTo(checkId);
        assertThat(window.get("labelled").asInt()).as("neither refused request stored a label").isEqualTo(5);
        assertThat(window.get("evaluatedAt").asText()).isEqualTo(DAY2.toString());
        JsonNode later = labels("conflicts", DAY3, "request_id,churned\nc005," + ChurnBatches.truth(5) + "\n");
        assertThat(later.get("accepted").asInt()).as("c005 was not kept from the refused request").isEqualTo(1);
        assertThat(window(later, checkId).get("labelled").asInt()).isEqualTo(6);
    }

    @Test
    void labelsArriveAsArrowToo() {
        createMonitor("arrow-labels", true);
        String checkId = check("arrow-labels", DAY1_MORNING, ChurnBatches.predictions("r", 20)).get("id").asText();
        byte[] arrow = Batches.arrow(ChurnBatches.labels("r", 0, 20).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                false);
        ClockedApplication.CLOCK.set(DAY2);
        TestService.Reply reply = service().post("/api/v1/monitors/arrow-labels/labels",
                "application/vnd.apache.arrow.stream", arrow);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode w = window(reply.json(), checkId);
        assertThat(w.get("labelled").asInt()).isEqualTo(20);
        assertThat(w.at("/metrics/accuracy").asDouble()).isCloseTo(ChurnBatches.accuracy(20, 0, 20), within(1e-12));
    }

    @Test
    void badLabelFilesAre422NamingTheLineAndColumn() {
        createMonitor("bad-labels", true);
        check("bad-labels", DAY1_MORNING, ChurnBatches.predictions("d", 5));

        TestService.Reply noId = postLabels("bad-labels", DAY2, "id,churned\nd000,1\n");
        assertError(noId, 422, "invalid_labels", "model.id");
        assertThat(noId.json().get("message").asText()).contains("no column 'request_id'").contains("id, churned");

        TestService.Reply noTarget = postLabels("bad-labels", DAY2, "request_id,label\nd000,1\n");
        assertError(noTarget, 422, "invalid_labels", "model.target");
        assertThat(noTarget.json().get("message").asText()).contains("no column 'churned'");

        TestService.Reply emptyId = postLabels("bad-labels", DAY2, "request_id,churned\nd000,1\n,0\n");
        assertError(emptyId, 422, "invalid_labels", "model.id");
        assertThat(emptyId.json().get("message").asText()).contains("line 3, column 1 ('request_id')")
                .contains("the id is empty");

        TestService.Reply noLabel = postLabels("bad-labels", DAY2, "request_id,churned\nd000,1\nd001,\n");
        assertError(noLabel, 422, "invalid_labels", "model.target");
        assertThat(noLabel.json().get("message").asText()).contains("line 3, column 2 ('churned')");

        TestService.Reply word = postLabels("bad-labels", DAY2, "request_id,churned\nd000,1\nd001,yes\n");
        assertThat(word.status()).as(word.body()).isEqualTo(422);
        assertThat(word.json().get("message").asText()).contains("line 3").contains("churned").contains("yes");

        assertThat(quality("bad-labels", "").get(0).get("labelled").asInt()).as("nothing stored").isZero();
    }

    @Test
    void aMonitorWithoutModelIdRefusesLabels() {
        createMonitor("no-id", false);
        // without model.id a batch must come with its target, and is scored when checked
        check("no-id", DAY1_MORNING, ChurnBatches.reference(50));
        TestService.Reply reply = postLabels("no-id", DAY2, "request_id,churned\nref000,1\n");
        assertError(reply, 409, "conflict", "model.id");
        assertThat(reply.json().get("message").asText()).contains("model.id");
        JsonNode window = quality("no-id", "").get(0);
        assertThat(window.get("predictions").asInt()).as("nothing logged without an id").isZero();
        assertThat(window.get("coverage").isNull()).isTrue();
        assertThat(window.get("source").asText()).isEqualTo("check");
        assertThat(window.get("rows").asInt()).isEqualTo(50);
        assertThat(window.at("/metrics/accuracy").asDouble()).isEqualTo(0.9);

        assertError(postLabels("no-such-monitor", DAY2, ChurnBatches.labels("e", 0, 5)), 404, "not_found", "id");
    }
}
