package io.driftwatch.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.HeadlessChromium;
import io.driftwatch.TestService;
import io.driftwatch.api.ChurnBatches;
import io.driftwatch.api.ClockedApplication;
import io.driftwatch.report.DisplayNumbers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
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
 * Two weeks of a churn model on the dashboard: a batch of 2,000 predictions checked every morning, its
 * labels coming back in the evenings of the next two days (60 % after a day, the rest after two), and
 * the model getting worse in the last days (which Evidently's tests against the reference catch). The monitor page's model-quality chart has a point per
 * labelled window with the window's accuracy as the quality history says it, a coverage bar per window
 * (the newest unlabelled, the one before at 60 %), and the failed windows marked; in headless Chromium
 * it is drawn on the drift chart's time axis and nothing logs an error. Its screenshot lands in
 * {@code target/} and, with {@code -Ddriftwatch.updateDocs=true}, in
 * {@code docs/dashboard-model-quality.png}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ModelQualityDashboardTest {
    private static final int DAYS = 14;
    private static final int ROWS = 2_000;
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    static final TestService SERVICE = TestService.builder().application(ClockedApplication.class).build();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    private static final List<String> CHECKS = new ArrayList<>();

    @BeforeAll
    static void runTwoWeeks() {
        TestService.Reply reference = SERVICE.post("/api/v1/datasets", "text/csv", ChurnBatches.reference(5_000, 0.1, 99));
        assertThat(reference.status()).as(reference.body()).isEqualTo(201);
        TestService.Reply monitor = SERVICE.post("/api/v1/monitors", "application/yaml",
                ChurnBatches.monitor("churn", reference.json().get("id").asText(), true));
        assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
        for (int day = 0; day < DAYS; day++) {
            Instant morning = START.plus(Duration.ofDays(day)).plus(Duration.ofHours(8));
            double errorRate = day < 8 ? 0.1 : 0.1 + 0.04 * (day - 7);
            ClockedApplication.CLOCK.set(morning);
            TestService.Reply check = SERVICE.post("/api/v1/monitors/churn/checks", "text/csv",
                    ChurnBatches.predictions("d" + day + "-", ROWS, errorRate, day));
            assertThat(check.status()).as(check.body()).isEqualTo(201);
            CHECKS.add(check.json().get("id").asText());
            Instant evening = morning.plus(Duration.ofHours(10));
            StringBuilder labels = new StringBuilder("request_id,churned\n");
            if (day >= 1) {
                ChurnBatches.appendLabels(labels, "d" + (day - 1) + "-", 0, ROWS * 6 / 10);
            }
            if (day >= 2) {
                ChurnBatches.appendLabels(labels, "d" + (day - 2) + "-", ROWS * 6 / 10, ROWS);
            }
            if (day >= 1) {
                ClockedApplication.CLOCK.set(evening);
                TestService.Reply posted = SERVICE.post("/api/v1/monitors/churn/labels", "text/csv", labels.toString());
                assertThat(posted.status()).as(posted.body()).isEqualTo(200);
            }
        }
    }

    @Test
    void theChartShowsEachWindowsQualityAndCoverageAsTheHistorySaysThem() {
        List<JsonNode> windows = new ArrayList<>();
        SERVICE.get("/api/v1/monitors/churn/quality?limit=100").json().get("items").forEach(windows::add);
        assertThat(windows).hasSize(DAYS);
        String page = SERVICE.get("/monitors/churn").body();
        int from = page.indexOf("id=\"model-chart\"");
        assertThat(from).as(page).isNotNegative();
        String chart = page.substring(from, page.indexOf("</svg>", from));
        int points = 0;
        for (JsonNode w : windows) {
            String id = w.get("checkId").asText();
            String mark = chart.substring(chart.indexOf("/api/v1/checks/" + id + "/report"));
            mark = mark.substring(0, mark.indexOf("</a>"));
            double coverage = w.get("coverage").asDouble();
            assertThat(mark).contains(DisplayNumbers.count(w.get("labelled").asInt()) + " of "
                    + DisplayNumbers.count(ROWS) + " predictions labelled (" + DisplayNumbers.percent(coverage) + ")");
            if (w.get("labelled").asInt() > 0) {
                points++;
                assertThat(mark).contains("accuracy " + DisplayNumbers.score(w.at("/metrics/accuracy").asDouble()));
            } else {
                assertThat(mark).contains("Model quality not measured yet");
            }
        }
        assertThat(points).isEqualTo(DAYS - 1);
        assertThat(windows.get(0).get("coverage").asDouble()).as("the newest window").isZero();
        assertThat(windows.get(1).get("coverage").asDouble()).isEqualTo(0.6);
        assertThat(windows.get(2).get("coverage").asDouble()).isEqualTo(1.0);
        assertThat(windows.get(2).get("failed").asBoolean()).as("the model got worse").isTrue();
        assertThat(windows.get(DAYS - 1).get("failed").asBoolean()).as("the first day was like the reference")
                .isFalse();
        assertThat(chart.split("class=\"p1 failed\"", -1).length - 1).as("failed windows marked")
                .isEqualTo((int) windows.stream().filter(w -> w.get("labelled").asInt() > 0
                        && w.get("failed").asBoolean()).count());
    }

    @Test
    void drawsTheModelQualityChartInChromium() throws IOException {
        try (HeadlessChromium chromium = HeadlessChromium.startLoggingConsole()) {
            ChromeDriver driver = chromium.driver();
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get("http://localhost:" + APP.getLocalPort() + "/monitors/churn");
            WebElement chart = driver.findElement(By.id("model-chart"));
            assertThat(chart.isDisplayed()).isTrue();
            assertThat(chart.getSize().getWidth()).isGreaterThan(900);
            assertThat(chart.findElements(By.cssSelector("a.pt circle.p1"))).hasSize(DAYS - 1);
            assertThat(chart.findElements(By.cssSelector("a.bar rect.cv"))).hasSize(DAYS);
            WebElement share = driver.findElement(By.id("share-chart"));
            assertThat(chart.getRect().getX()).as("the charts share their time axis").isEqualTo(share.getRect().getX());
            assertThat(chromium.consoleWarnings()).as("console messages").isEmpty();

            long bottom = (Long) driver.executeScript("var r = arguments[0].closest('section')"
                    + ".getBoundingClientRect(); return Math.ceil(r.bottom + window.scrollY) + 16;", chart);
            long chrome = 900 - (Long) driver.executeScript("return window.innerHeight;");
            driver.manage().window().setSize(new Dimension(1280, (int) (bottom + chrome)));
            driver.executeScript("window.scrollTo(0, 0)");
            Path shot = Path.of("target/dashboard-model-quality.png");
            Files.createDirectories(shot.toAbsolutePath().getParent());
            Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
            long height = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
            driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + chrome, 8000)));
            Files.write(Path.of("target/dashboard-model-quality-full.png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new Dimension(390, 844));
            driver.navigate().refresh();
            assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth;"))
                    .as("the page is no wider than a phone").isLessThanOrEqualTo(0);
            Files.write(Path.of("target/dashboard-model-quality-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
            if (Boolean.getBoolean("driftwatch.updateDocs")) {
                Files.copy(shot, Path.of("docs/dashboard-model-quality.png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
