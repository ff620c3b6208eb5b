package io.driftwatch.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.HeadlessChromium;
import io.driftwatch.TestService;
import io.driftwatch.api.ClockedApplication;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Five days of the Adult example's income model on the dashboard, estimated without labels: three
 * mornings of logged predictions like the reference's (the example's {@code current-predictions.csv},
 * halves then whole), then two of the degraded segment's predictions (its labels removed), whose
 * estimated ROC AUC, F1 and accuracy leave their thresholds. The example's two files of labels arrive on
 * the second and third evenings (each labelling the predictions logged before it) and the degraded
 * segment's on the last, so the realized values stand beside the estimates of every check. The page has a chart per estimated metric and one for the PCA
 * reconstruction error, with a point per check, the alerting checks marked and a diamond per realized
 * value; in headless Chromium they are drawn on the drift chart's time axis and nothing logs an error.
 * The screenshot lands in {@code target/} and, with {@code -Ddriftwatch.updateDocs=true}, in
 * {@code docs/dashboard-estimate.png}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LabelFreeDashboardTest {
    private static final Path EXAMPLE = Path.of("examples", "adult");
    private static final String MONITOR = "adult-income-estimate";
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    static final TestService SERVICE = TestService.builder().application(ClockedApplication.class).build();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;
    private static final List<JsonNode> RESULTS = new ArrayList<>();

    @BeforeAll
    static void runFiveDays() throws IOException {
        TestService.Reply reference = SERVICE.post("/api/v1/datasets", "text/csv",
                Files.readString(EXAMPLE.resolve("reference.csv")));
        assertThat(reference.status()).as(reference.body()).isEqualTo(201);
        String monitor = Files.readString(EXAMPLE.resolve("monitor-estimate.yml")).replace(
                "reference: examples/adult/reference.csv", "reference: " + reference.json().get("id").asText());
        assertThat(SERVICE.post("/api/v1/monitors", "application/yaml", monitor).status()).isEqualTo(201);

        List<String> predictions = Files.readAllLines(EXAMPLE.resolve("current-predictions.csv"));
        List<String> degraded = withoutColumn(Files.readAllLines(EXAMPLE.resolve("current-degraded.csv")), "income");
        int half = predictions.size() / 2;
        int degradedHalf = degraded.size() / 2;
        List<String> batches = List.of(rows(predictions, 1, half), rows(predictions, half, predictions.size()),
                rows(predictions, 1, predictions.size()), rows(degraded, 1, degradedHalf),
                rows(degraded, degradedHalf, degraded.size()));
        for (int day = 0; day < batches.size(); day++) {
            ClockedApplication.CLOCK.set(START.plus(Duration.ofDays(day)));
            TestService.Reply check = SERVICE.post("/api/v1/monitors/" + MONITOR + "/checks", "text/csv",
                    batches.get(day));
            assertThat(check.status()).as(check.body()).isEqualTo(201);
            RESULTS.add(check.json());
            if (day == 1 || day == 2) {
                label(START.plus(Duration.ofDays(day)).plus(Duration.ofHours(10)),
                        Files.readString(EXAMPLE.resolve(day == 1 ? "labels-day2.csv" : "labels-day3.csv")));
            }
        }
        List<String> degradedLabels = new ArrayList<>();
        List<String> full = Files.readAllLines(EXAMPLE.resolve("current-degraded.csv"));
        List<String> header = List.of(full.get(0).split(","));
        for (String line : full) {
            String[] cells = line.split(",", -1);
            degradedLabels.add(cells[header.indexOf("request_id")] + "," + cells[header.indexOf("income")]);
        }
        label(START.plus(Duration.ofDays(4)).plus(Duration.ofHours(10)), String.join("\n", degradedLabels) + "\n");
    }

    private static void label(Instant at, String csv) {
        ClockedApplication.CLOCK.set(at);
        TestService.Reply posted = SERVICE.post("/api/v1/monitors/" + MONITOR + "/labels", "text/csv", csv);
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
    }

    @Test
    void eachCheckIsAPointWithItsAlertsAndTheRealizedValuesOfTheLabelledOnes() {
        String page = SERVICE.get("/monitors/" + MONITOR).body();
        String chart = page.substring(page.indexOf("id=\"estimate-roc_auc-chart\""));
        chart = chart.substring(0, chart.indexOf("</svg>"));
        assertThat(chart.split("<circle class=\"v", -1).length - 1).as("a point per check").isEqualTo(RESULTS.size());
        long alerting = RESULTS.stream().filter(r -> r.at("/estimate/metrics/roc_auc/alert").asBoolean()).count();
        assertThat(RESULTS.subList(3, 5)).as("the degraded segment's days")
                .allMatch(r -> r.at("/estimate/metrics/roc_auc/alert").asBoolean());
        assertThat(chart.split("class=\"v alert\"", -1).length - 1).isEqualTo((int) alerting);
        assertThat(chart.split("class=\"re\"", -1).length - 1).as("a diamond per check with labels")
                .isEqualTo(labelledChecks()).isEqualTo(RESULTS.size());
        for (JsonNode r : RESULTS) {
            String mark = chart.substring(chart.indexOf("/api/v1/checks/" + r.get("id").asText() + "/report"));
            mark = mark.substring(0, mark.indexOf("</a>"));
            JsonNode chunks = r.at("/estimate/metrics/roc_auc/chunks");
            int alertingChunks = 0;
            for (JsonNode c : chunks) {
                alertingChunks += c.get("alert").asBoolean() ? 1 : 0;
            }
            assertThat(mark).contains(alertingChunks + " of " + chunks.size() + " chunks alerting");
        }
    }

    @Test
    void drawsTheLabelFreeChartsInChromium() throws IOException {
        try (HeadlessChromium chromium = HeadlessChromium.startLoggingConsole()) {
            ChromeDriver driver = chromium.driver();
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get("http://localhost:" + APP.getLocalPort() + "/monitors/" + MONITOR);
            WebElement auc = driver.findElement(By.id("estimate-roc_auc-chart"));
            assertThat(auc.isDisplayed()).isTrue();
            assertThat(auc.getSize().getWidth()).isGreaterThan(900);
            assertThat(auc.findElements(By.cssSelector("a.pt circle.v"))).hasSize(RESULTS.size());
            assertThat(auc.findElements(By.cssSelector("a.pt path.re"))).hasSize(labelledChecks());
            assertThat(auc.findElements(By.cssSelector("path.th"))).hasSize(2);
            WebElement pca = driver.findElement(By.id("multivariate-pca-chart"));
            assertThat(pca.findElements(By.cssSelector("a.pt circle.v"))).hasSize(RESULTS.size());
            WebElement share = driver.findElement(By.id("share-chart"));
            assertThat(auc.getRect().getX()).as("the charts share their time axis").isEqualTo(share.getRect().getX());
            assertThat(chromium.consoleWarnings()).as("console messages").isEmpty();

            WebElement panel = driver.findElement(By.id("estimate-panel"));
            long top = (Long) driver.executeScript("return Math.floor(arguments[0].getBoundingClientRect().top"
                    + " + window.scrollY) - 8;", panel);
            long bottom = (Long) driver.executeScript("return Math.ceil(arguments[0].getBoundingClientRect().bottom"
                    + " + window.scrollY) + 8;", driver.findElement(By.id("multivariate-panel")));
            long chrome = 900 - (Long) driver.executeScript("return window.innerHeight;");
            driver.manage().window().setSize(new Dimension(1280, (int) (bottom - top + chrome)));
            driver.executeScript("window.scrollTo(0, arguments[0])", top);
            Path shot = Path.of("target/dashboard-estimate.png");
            Files.createDirectories(shot.toAbsolutePath().getParent());
            Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new Dimension(390, 844));
            driver.navigate().refresh();
            assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth;"))
                    .as("the page is no wider than a phone").isLessThanOrEqualTo(0);
            if (Boolean.getBoolean("driftwatch.updateDocs")) {
                Files.copy(shot, Path.of("docs/dashboard-estimate.png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** How many of the checks have a realized ROC AUC (labels of both classes), as the quality history says. */
    private static int labelledChecks() {
        int n = 0;
        for (JsonNode w : SERVICE.get("/api/v1/monitors/" + MONITOR + "/quality?limit=100").json().get("items")) {
            n += w.at("/estimateRealized/roc_auc").isNumber() ? 1 : 0;
        }
        return n;
    }

    /** The header and the lines {@code [from, to)} of a CSV file's lines, as one document. */
    private static String rows(List<String> lines, int from, int to) {
        return lines.get(0) + "\n" + String.join("\n", lines.subList(from, to)) + "\n";
    }

    private static List<String> withoutColumn(List<String> lines, String column) {
        int drop = List.of(lines.get(0).split(",")).indexOf(column);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(drop);
            out.add(String.join(",", cells));
        }
        return out;
    }
}
