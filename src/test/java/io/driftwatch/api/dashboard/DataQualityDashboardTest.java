package io.driftwatch.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.HeadlessChromium;
import io.driftwatch.TestService;
import io.driftwatch.api.DataQualityBatches;
import io.driftwatch.api.PrometheusText;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A check's data quality everywhere it shows, end to end: a monitor with
 * {@code integrity: {tests: evidently}} checks two weeks of daily order batches (most clean, four with
 * faults put in: amounts missing, rows duplicated, a column turned constant; one that drifted with
 * clean data), and the REST history, each check's JSON result, the Prometheus endpoint, the monitor's
 * dashboard page and the home page all say the same about each check's failures. A monitor without an
 * integrity analysis, or with one that runs no tests, shows none of it. Then the monitor page in headless Chromium: the data-quality
 * chart is drawn, nothing logs an error; its screenshot lands in {@code target/} and, with
 * {@code -Ddriftwatch.updateDocs=true}, in {@code docs/dashboard-data-quality.png}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DataQualityDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestService SERVICE = TestService.onH2();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    /** The checks of {@code orders}, oldest first, with what was done to each batch. */
    private static final Map<String, String> CHECKS = new LinkedHashMap<>();
    private static DashboardFixtures api;

    @BeforeAll
    static void checkTwoWeeksOfOrders() {
        api = new DashboardFixtures(APP.client(), APP.getLocalPort());
        String reference = api.upload(text(DataQualityBatches.reference()));
        api.createMonitor(DataQualityBatches.monitor("orders", reference, ""));
        api.createMonitor("name: plain\nreference: " + reference + "\n");
        List<String> kinds = List.of("clean", "clean", "missing 40", "clean", "clean", "duplicated 30", "clean",
                "swapped", "clean", "constant", "clean", "missing 12", "clean", "missing 60");
        for (int day = 0; day < kinds.size(); day++) {
            String kind = kinds.get(day);
            byte[] batch = switch (kind.split(" ")[0]) {
                case "clean" -> DataQualityBatches.clean(day);
                case "missing" -> DataQualityBatches.missingAmounts(day, Integer.parseInt(kind.split(" ")[1]));
                case "duplicated" -> DataQualityBatches.duplicatedRows(day, Integer.parseInt(kind.split(" ")[1]));
                case "swapped" -> DataQualityBatches.channelsSwapped(day);
                case "constant" -> DataQualityBatches.constantItems(day);
                default -> throw new IllegalStateException(kind);
            };
            CHECKS.put(api.check("orders", text(batch)), kind);
        }
        api.check("plain", text(DataQualityBatches.missingAmounts(99, 40)));
        api.createMonitor("name: summaries\nreference: " + reference + "\nintegrity: none\n");
        api.check("summaries", text(DataQualityBatches.missingAmounts(98, 40)));
        DashboardFixtures.spreadOverDays(SERVICE.database, new ArrayList<>(CHECKS.keySet()), 0);
    }

    @Test
    void historyResultsPrometheusAndTheDashboardAgreeOnEveryChecksDataQuality() {
        List<JsonNode> items = new ArrayList<>();
        json("/api/v1/monitors/orders/checks?limit=100").path("items").forEach(items::add);
        assertThat(items).extracting(i -> i.path("id").asText())
                .containsExactlyElementsOf(newestFirst(new ArrayList<>(CHECKS.keySet())));
        Map<String, int[]> quality = new LinkedHashMap<>();
        for (JsonNode item : items) {
            String id = item.path("id").asText();
            int failures = item.at("/dataQuality/failures").asInt(-1);
            int critical = item.at("/dataQuality/critical").asInt(-1);
            quality.put(id, new int[] {failures, critical});
            JsonNode integrity = json("/api/v1/checks/" + id + "/result").path("integrity");
            int failedTests = 0;
            for (JsonNode t : integrity.path("tests")) {
                failedTests += t.path("status").asText().equals("FAIL") ? 1 : 0;
            }
            String kind = CHECKS.get(id);
            assertThat(failures).as("%s: failed tests and findings of its result", kind)
                    .isEqualTo(failedTests + integrity.path("findings").size());
            assertThat(critical).as("%s: Evidently's tests are all critical", kind).isEqualTo(failedTests);
            if (kind.equals("clean") || kind.equals("swapped")) {
                assertThat(failures).as(kind).isZero();
            } else {
                assertThat(failures).as(kind).isPositive();
            }
            assertThat(item.at("/datasetDrift/detected").asBoolean()).as(kind)
                    .isEqualTo(kind.equals("swapped") || kind.equals("constant"));
        }
        assertThat(json("/api/v1/monitors/plain/checks").at("/items/0/dataQuality").isNull())
                .as("a monitor without an integrity analysis").isTrue();
        assertThat(json("/api/v1/monitors/summaries/checks").at("/items/0/dataQuality").isNull())
                .as("a data summary without tests has no verdict").isTrue();

        int[] latest = quality.get(items.get(0).path("id").asText());
        PrometheusText metrics = PrometheusText.parse(metrics());
        assertThat(metrics.type("driftwatch_monitor_data_quality_failures")).isEqualTo("gauge");
        assertThat(metrics.type("driftwatch_monitor_data_quality_critical_failures")).isEqualTo("gauge");
        assertThat(metrics.value("driftwatch_monitor_data_quality_failures", "monitor", "orders"))
                .isEqualTo((double) latest[0]);
        assertThat(metrics.value("driftwatch_monitor_data_quality_critical_failures", "monitor", "orders"))
                .isEqualTo((double) latest[1]);
        assertThat(metrics.series("driftwatch_monitor_data_quality_failures"))
                .as("neither plain (no integrity analysis) nor summaries (no tests)").hasSize(1);
        assertThat(metrics.series("driftwatch_monitor_data_quality_critical_failures")).hasSize(1);

        String page = page("/monitors/orders");
        String chart = between(page, "id=\"quality-chart\"", "</svg>");
        List<String> bars = hrefs(chart, "bar");
        List<String> rings = hrefs(chart, "pt");
        List<String> failed = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        quality.forEach((id, q) -> (q[0] > 0 ? failed : passed).add(id));
        assertThat(bars).containsExactlyInAnyOrderElementsOf(failed);
        assertThat(rings).containsExactlyInAnyOrderElementsOf(passed);
        for (String id : failed) {
            int[] q = quality.get(id);
            assertThat(chart).contains("Data quality failed: " + q[0] + (q[0] == 1 ? " failure, " : " failures, ")
                    + (q[1] == 0 ? "none" : q[1]) + " critical");
            assertThat(rowOfCheck(page, id)).contains("<span class=\"badge dqb-critical\"")
                    .contains(q[0] + " failed · " + q[1] + " critical");
        }
        for (String id : passed) {
            assertThat(rowOfCheck(page, id)).contains("<span class=\"badge dqb-passed\"").contains("Passed");
        }
        assertThat(between(page, "id=\"quality-card\"", "</div>")).contains("<b>" + latest[0] + " <small>"
                + latest[1] + " critical</small></b>");
        assertThat(between(page, "id=\"latest-quality\"", "</p>")).contains("Data quality: " + latest[0] + " failed");
        assertThat(between(page, "<h2 id=\"verdict\">", "</h2>")).as("the latest batch did not drift")
                .contains("Data quality failed in the latest check");
        assertThat(between(page, "id=\"quality-definition\"", "</div>"))
                .contains("data-summary tests against the reference").doesNotContain("Alerts on");
        assertThat(page("/monitors/plain")).doesNotContain("quality-chart").doesNotContain("badge dqb-")
                .doesNotContain("Data quality");

        String home = page("/");
        assertThat(rowOfMonitor(home, "orders")).contains("Data quality: " + latest[0] + " failed · " + latest[1]
                + " critical");
        assertThat(rowOfMonitor(home, "plain")).doesNotContain("badge dqb-");
    }

    @Test
    void drawsTheDataQualityChartInChromium() throws IOException {
        try (HeadlessChromium chromium = HeadlessChromium.startLoggingConsole()) {
            ChromeDriver driver = chromium.driver();
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(api.base() + "/monitors/orders");
            WebElement chart = driver.findElement(By.id("quality-chart"));
            assertThat(chart.isDisplayed()).isTrue();
            assertThat(chart.getSize().getWidth()).isGreaterThan(900);
            long broken = CHECKS.values().stream().filter(k -> !k.equals("clean") && !k.equals("swapped")).count();
            assertThat(chart.findElements(By.cssSelector("a.bar rect.c"))).as("critical parts of bars")
                    .hasSize((int) broken);
            assertThat(chart.findElements(By.cssSelector("a.pt circle.o"))).hasSize(CHECKS.size() - (int) broken);
            WebElement share = driver.findElement(By.id("share-chart"));
            assertThat(chart.getRect().getX()).as("the two charts share their time axis").isEqualTo(share.getRect().getX());
            assertThat(chromium.consoleWarnings()).as("console messages").isEmpty();

            long qualityBottom = (Long) driver.executeScript("var r = arguments[0].closest('section')"
                    + ".getBoundingClientRect(); return Math.ceil(r.bottom + window.scrollY) + 16;", chart);
            long chrome = 900 - (Long) driver.executeScript("return window.innerHeight;");
            driver.manage().window().setSize(new Dimension(1280, (int) (qualityBottom + chrome)));
            driver.executeScript("window.scrollTo(0, 0)");
            Path shot = Path.of("target/dashboard-data-quality.png");
            Files.createDirectories(shot.toAbsolutePath().getParent());
            Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
            long height = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
            driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + chrome, 8000)));
            Files.write(Path.of("target/dashboard-data-quality-full.png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new Dimension(390, 844));
            driver.navigate().refresh();
            assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth;"))
                    .as("the page is no wider than a phone").isLessThanOrEqualTo(0);
            Files.write(Path.of("target/dashboard-data-quality-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(api.base() + "/");
            assertThat(driver.findElement(By.cssSelector("tr[data-monitor=orders] .badge.dqb-critical")).isDisplayed())
                    .isTrue();
            Files.write(Path.of("target/dashboard-data-quality-home.png"), driver.getScreenshotAs(OutputType.BYTES));
            if (Boolean.getBoolean("driftwatch.updateDocs")) {
                Files.copy(shot, Path.of("docs/dashboard-data-quality.png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static List<String> newestFirst(List<String> oldestFirst) {
        List<String> out = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    private static String text(byte[] csv) {
        return new String(csv, StandardCharsets.UTF_8);
    }

    private static JsonNode json(String path) {
        try (Response r = APP.client().target(api.base() + path).request(MediaType.APPLICATION_JSON).get()) {
            String body = r.readEntity(String.class);
            assertThat(r.getStatus()).as("GET %s: %s", path, body).isEqualTo(200);
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String page(String path) {
        try (Response r = api.get(path)) {
            assertThat(r.getStatus()).as(path).isEqualTo(200);
            return r.readEntity(String.class);
        }
    }

    private static String metrics() {
        try (Response r = APP.client().target("http://localhost:" + APP.getAdminPort() + "/metrics").request().get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            return r.readEntity(String.class);
        }
    }

    private static String between(String html, String start, String end) {
        int from = html.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        return html.substring(from, html.indexOf(end, from));
    }

    /** The checks whose reports the chart's marks of class {@code kind} link to. */
    private static List<String> hrefs(String chart, String kind) {
        Matcher m = Pattern.compile("<a href=\"/api/v1/checks/([^\"/]+)/report\" class=\"" + kind + "\">")
                .matcher(chart);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String rowOfCheck(String html, String checkId) {
        return between(html, "<tr data-check=\"" + checkId + "\">", "</tr>");
    }

    private static String rowOfMonitor(String html, String monitor) {
        return between(html, "data-monitor=\"" + monitor + "\"", "</tr>");
    }
}
