package io.driftwatch.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.HeadlessChromium;
import io.driftwatch.TestService;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Walks through the dashboard in headless Chromium against a running service: the empty home page
 * tells a new user how to start; after a monitor and a week of bike-sharing checks are created
 * through the REST API, the home page lists the monitor with its verdict and sparkline, its page
 * draws the drift-share chart and the heat map, and a check's report opens from the list, its script
 * running under the service's Content-Security-Policy header (its filter box filters). No page
 * logs a console error (a Content-Security-Policy violation would). Screenshots land in
 * {@code target/}; with {@code -Ddriftwatch.updateDocs=true} the monitor page's also replaces
 * {@code docs/dashboard-monitor.png}. Fails (does not skip) when Chromium or chromedriver is missing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardBrowserTest {
    private static final TestService SERVICE = TestService.onH2();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.startLoggingConsole();
        driver = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void followsAMonitorFromTheHomePageToACheckReport() throws IOException {
        DashboardFixtures api = new DashboardFixtures(APP.client(), APP.getLocalPort());
        driver.manage().window().setSize(new Dimension(1280, 900));

        driver.get(api.base() + "/");
        WebElement empty = driver.findElement(By.id("empty"));
        assertThat(empty.getText()).contains("No monitors yet").contains(api.base() + "/api/v1/datasets");
        assertNoConsoleErrors("empty home page");
        screenshot(Path.of("target/dashboard-empty.png"));

        String reference = api.upload(DashboardFixtures.bikeReference());
        api.createBikeMonitor("bike-sharing", reference);
        api.createBikeMonitor("bike-sharing-hourly", reference);
        double[] shareFromReference = {1, 1, 0.9, 1, 0.75, 0.5, 0.6, 0.25, 0, 1, 0.1, 0};
        List<String> checks = new ArrayList<>();
        for (int day = 0; day < shareFromReference.length; day++) {
            checks.add(api.check("bike-sharing", DashboardFixtures.bikeBatch(shareFromReference[day], 400, day)));
        }
        DashboardFixtures.spreadOverDays(SERVICE.database, checks, 0);

        driver.navigate().refresh();
        List<WebElement> monitors = driver.findElements(By.cssSelector("tr.monitor"));
        assertThat(monitors).extracting(m -> m.getAttribute("data-monitor"))
                .containsExactly("bike-sharing", "bike-sharing-hourly");
        WebElement bikes = monitors.get(0);
        assertThat(bikes.findElement(By.cssSelector(".badge")).getAttribute("class")).isEqualTo("badge drift");
        assertThat(bikes.findElement(By.cssSelector(".c-count")).getText()).isEqualTo("12");
        assertThat(bikes.findElement(By.cssSelector(".trend polyline")).getAttribute("points").split(" "))
                .hasSize(12);
        assertThat(monitors.get(1).getText()).contains("No checks yet");
        assertNoConsoleErrors("home page");
        screenshot(Path.of("target/dashboard-home.png"));

        bikes.findElement(By.linkText("bike-sharing")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/monitors/bike-sharing"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("bike-sharing");
        WebElement chart = driver.findElement(By.id("share-chart"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.getSize().getWidth()).isGreaterThan(900);
        assertThat(chart.findElements(By.cssSelector("a.pt"))).hasSize(12);
        assertThat(chart.findElements(By.cssSelector("a.pt path.d"))).as("drifted checks marked").isNotEmpty();
        assertThat(chart.findElements(By.cssSelector("a.pt circle.o"))).as("clean checks marked").isNotEmpty();
        WebElement heat = driver.findElement(By.id("heat-map"));
        assertThat(heat.isDisplayed()).isTrue();
        assertThat(heat.findElements(By.cssSelector("text.rl"))).extracting(WebElement::getText)
                .contains("cnt", "temp", "weathersit").hasSize(13);
        assertThat(heat.findElements(By.cssSelector("a.col"))).hasSize(12);
        assertThat(heat.findElements(By.cssSelector("a.col rect"))).hasSize(12 * 13);
        assertThat(heat.findElements(By.cssSelector("rect.d4"))).as("strongly drifted cells").isNotEmpty();
        assertThat(heat.findElements(By.cssSelector("rect.n1, rect.n2, rect.n3, rect.n4"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#checks tbody tr"))).hasSize(12);
        assertNoConsoleErrors("monitor page");
        driver.manage().window().setSize(new Dimension(1280, 3000));
        Files.write(Path.of("target/dashboard-chart.png"),
                chart.findElement(By.xpath("ancestor::section")).getScreenshotAs(OutputType.BYTES));
        Files.write(Path.of("target/dashboard-heatmap.png"),
                heat.findElement(By.xpath("ancestor::section")).getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(1280, 900));
        fullPageScreenshot(1280, Path.of("target/dashboard-monitor-full.png"));
        long heatBottom = (Long) driver.executeScript("var r = arguments[0].closest('section').getBoundingClientRect();"
                + " return Math.ceil(r.bottom + window.scrollY) + 16;", heat);
        Path monitorShot = Path.of("target/dashboard-monitor.png");
        long chrome = 900 - (Long) driver.executeScript("return window.innerHeight;");
        driver.manage().window().setSize(new Dimension(1280, (int) (heatBottom + chrome)));
        driver.executeScript("window.scrollTo(0, 0)");
        screenshot(monitorShot);
        driver.manage().window().setSize(new Dimension(1280, 900));
        if (Boolean.getBoolean("driftwatch.updateDocs")) {
            Files.copy(monitorShot, Path.of("docs/dashboard-monitor.png"), StandardCopyOption.REPLACE_EXISTING);
        }

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        assertThat(horizontalOverflow()).as("the page is no wider than a phone").isLessThanOrEqualTo(0);
        fullPageScreenshot(390, Path.of("target/dashboard-monitor-phone.png"));
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.navigate().refresh();

        WebElement newest = driver.findElement(By.cssSelector("#checks tbody tr"));
        assertThat(newest.getAttribute("data-check")).isEqualTo(checks.get(checks.size() - 1));
        newest.findElement(By.cssSelector("a.report")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(driver.getCurrentUrl()).endsWith("/api/v1/checks/" + checks.get(checks.size() - 1) + "/report");
        assertThat(driver.findElement(By.id("verdict")).getText()).isEqualTo("Dataset drift detected");
        assertNoConsoleErrors("report");
        screenshot(Path.of("target/dashboard-report.png"));
        // the report's inline script runs under the service's Content-Security-Policy header
        String all = driver.findElement(By.id("shown")).getText();
        driver.findElement(By.id("filter")).sendKeys("temp");
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> !d.findElement(By.id("shown")).getText().equals(all));
        assertThat(driver.findElement(By.id("shown")).getText()).matches("[12] of \\d+ columns");
        assertNoConsoleErrors("report, filtered");
    }

    private static void assertNoConsoleErrors(String page) {
        assertThat(chromium.consoleWarnings()).as("console messages on the %s", page).isEmpty();
    }

    private static long horizontalOverflow() {
        return (Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
    }

    private static void fullPageScreenshot(int width, Path target) throws IOException {
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, 8000)));
        screenshot(target);
        driver.manage().window().setSize(before);
    }

    private static void screenshot(Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
    }
}
