package io.driftwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens generated reports in headless Chromium: the verdict shows, a column's detail panel opens
 * on click with its chart visible, nothing from the data runs as script, and screenshots at desktop
 * and phone width land in {@code target/} for a person to look at. Fails (does not skip) when
 * Chromium or chromedriver is missing: CI installs both.
 */
class HtmlReportBrowserTest {

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.start(options -> {
            options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        });
        driver = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void opensAColumnPanelWithItsChartAndLooksRightOnDesktopAndPhone() throws IOException {
        Path file = Path.of("target/report-browser.html").toAbsolutePath();
        Files.createDirectories(file.getParent());
        HtmlReport.write(HtmlReportFixtures.bikes(), file);
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(file.toUri().toString());

        assertThat(driver.findElement(By.id("verdict")).getText()).isEqualTo("Dataset drift detected");
        List<WebElement> rows = driver.findElements(By.cssSelector("tbody.col"));
        assertThat(rows.get(0).getAttribute("data-name")).isEqualTo("cnt");

        WebElement temp = driver.findElement(By.cssSelector("tbody.col[data-name='temp']"));
        WebElement panel = temp.findElement(By.cssSelector("tr.detail"));
        assertThat(panel.isDisplayed()).isFalse();
        temp.findElement(By.cssSelector("tr.row")).click();
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOf(panel));
        WebElement histogram = panel.findElement(By.cssSelector("svg.hist"));
        assertThat(histogram.isDisplayed()).isTrue();
        assertThat(histogram.getSize().getWidth()).isGreaterThan(300);
        assertThat(panel.findElement(By.cssSelector("svg.time")).isDisplayed()).isTrue();
        driver.findElement(By.cssSelector("tbody.col[data-name='weathersit'] tr.row")).click();
        driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", temp);
        screenshot(Path.of("target/report-screenshot.png"));
        fullPageScreenshot(1280, Path.of("target/report-screenshot-full.png"));

        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertThat(driver.findElement(By.id("filter")).isDisplayed()).as("no filter box on paper").isFalse();
        assertThat(histogram.isDisplayed()).as("open panels print").isTrue();
        fullPageScreenshot(1000, Path.of("target/report-screenshot-print.png"));
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        WebElement phoneTemp = driver.findElement(By.cssSelector("tbody.col[data-name='temp']"));
        phoneTemp.findElement(By.cssSelector("tr.row")).click();
        assertThat(phoneTemp.findElement(By.cssSelector("svg.hist")).isDisplayed()).isTrue();
        assertThat(horizontalOverflow()).as("page wider than the phone screen").isLessThanOrEqualTo(0);
        driver.executeScript("window.scrollTo(0, 0)");
        screenshot(Path.of("target/report-screenshot-phone.png"));
        fullPageScreenshot(390, Path.of("target/report-screenshot-phone-full.png"));
    }

    /**
     * The data-quality section of the bike-sharing example with an injected incident, as the docs show
     * it: with {@code -Ddriftwatch.updateDocs=true} its screenshot replaces
     * {@code docs/report-data-quality.png}.
     */
    @Test
    void dataQualitySectionOfARealCheckShowsTheIncident() throws IOException {
        Path file = Path.of("target/report-browser-bike-quality.html").toAbsolutePath();
        HtmlReport.write(IntegrityFixtures.bikeSharingIncident(), file);
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(file.toUri().toString());

        WebElement section = driver.findElement(By.cssSelector("section.dq"));
        assertThat(driver.findElement(By.id("dq-verdict")).getText()).matches("\\d+ of \\d+ data-quality tests failed");
        WebElement hum = section.findElement(By.xpath(".//tr[.//span[@class='colname' and text()='hum']]"));
        assertThat(hum.getAttribute("class")).isEqualTo("bad");
        assertThat(hum.findElement(By.cssSelector(".dq-miss small")).getText()).isEqualTo("0% → 3.2%");
        assertThat(section.findElement(By.xpath(".//tr[th[contains(., 'Duplicated rows')]]")).getText()).contains("12");
        Path shot = Path.of("target/report-data-quality.png");
        elementScreenshot(section, 1280, shot);
        fullPageScreenshot(1280, Path.of("target/report-bike-quality-full.png"));
        if (Boolean.getBoolean("driftwatch.updateDocs")) {
            Files.copy(shot, Path.of("docs/report-data-quality.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void dataQualitySectionShowsBothSidesAndFitsAPhone() throws IOException {
        Path file = Path.of("target/report-browser-quality.html").toAbsolutePath();
        HtmlReport.write(IntegrityViewTest.withDrift(IntegrityFixtures.evidently()), file);
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(file.toUri().toString());

        WebElement section = driver.findElement(By.cssSelector("section.dq"));
        assertThat(driver.findElement(By.id("dq-verdict")).getText()).isEqualTo("9 of 12 data-quality tests failed");
        List<WebElement> columns = section.findElements(By.cssSelector("table.dq-cols tbody tr[id]"));
        assertThat(columns).hasSize(5);
        WebElement ranges = columns.get(0).findElement(By.cssSelector(".rng svg"));
        assertThat(ranges.isDisplayed()).isTrue();
        assertThat(ranges.getSize().getWidth()).isEqualTo(200);
        WebElement stats = columns.get(0).findElement(By.cssSelector("details table.stats"));
        assertThat(stats.isDisplayed()).as("statistics folded").isFalse();
        columns.get(0).findElement(By.cssSelector("details summary")).click();
        assertThat(stats.isDisplayed()).isTrue();
        elementScreenshot(section, 1280, Path.of("target/report-data-quality-fixture.png"));

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        assertThat(horizontalOverflow()).as("page wider than the phone screen").isLessThanOrEqualTo(0);
        elementScreenshot(driver.findElement(By.cssSelector("section.dq")), 390, Path.of("target/report-data-quality-phone.png"));

        Path findings = Path.of("target/report-browser-findings.html").toAbsolutePath();
        HtmlReport.write(IntegrityViewTest.withDrift(IntegrityFixtures.findings()), findings);
        driver.get(findings.toUri().toString());
        assertThat(driver.findElements(By.cssSelector(".findings li"))).hasSize(5);
        assertThat(horizontalOverflow()).as("findings fit the phone").isLessThanOrEqualTo(0);
        elementScreenshot(driver.findElement(By.cssSelector("section.dq")), 390, Path.of("target/report-findings-phone.png"));
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.navigate().refresh();
        elementScreenshot(driver.findElement(By.cssSelector("section.dq")), 1280, Path.of("target/report-findings.png"));
    }

    /**
     * The model-quality section of a binary classifier with probabilities, as the docs show it (with
     * {@code -Ddriftwatch.updateDocs=true} its screenshot replaces {@code docs/report-model-quality.png}),
     * and the multiclass and regression sections: the charts show at desktop width, and every section fits
     * a phone.
     */
    @Test
    void modelQualitySectionDrawsItsChartsAndFitsAPhone() throws IOException {
        Path file = Path.of("target/report-browser-model-quality.html").toAbsolutePath();
        Files.createDirectories(file.getParent());
        HtmlReport.write(QualityFixtures.report(QualityFixtures.binaryWithProbabilities()), file);
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(file.toUri().toString());

        WebElement section = driver.findElement(By.cssSelector("section.mq"));
        assertThat(driver.findElement(By.id("mq-verdict")).getText()).matches("\\d+ of \\d+ model-quality tests failed");
        List<WebElement> curves = section.findElements(By.cssSelector("svg.curve"));
        assertThat(curves).hasSize(2).allSatisfy(svg -> {
            assertThat(svg.isDisplayed()).isTrue();
            assertThat(svg.getSize().getWidth()).isBetween(300, 420);
        });
        assertThat(section.findElements(By.cssSelector("table.cm"))).hasSize(2);
        Path shot = Path.of("target/report-model-quality.png");
        elementScreenshot(section, 1280, shot);
        if (Boolean.getBoolean("driftwatch.updateDocs")) {
            Files.copy(shot, Path.of("docs/report-model-quality.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        assertThat(pageOverflow()).as("the binary section fits a phone").isLessThanOrEqualTo(0);
        elementScreenshot(driver.findElement(By.cssSelector("section.mq")), 390,
                Path.of("target/report-model-quality-phone.png"));

        Map<String, io.driftwatch.quality.QualityResult> others = Map.of(
                "multiclass", QualityFixtures.multiclassWithProbabilities("setosa", "versicolor", "virginica"),
                "regression", QualityFixtures.regressionWithReference());
        for (Map.Entry<String, io.driftwatch.quality.QualityResult> e : others.entrySet()) {
            Path page = Path.of("target/report-browser-model-quality-" + e.getKey() + ".html").toAbsolutePath();
            HtmlReport.write(QualityFixtures.report(e.getValue()), page);
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(page.toUri().toString());
            WebElement mq = driver.findElement(By.cssSelector("section.mq"));
            assertThat(mq.findElements(By.cssSelector("svg.curve"))).isNotEmpty()
                    .allSatisfy(svg -> assertThat(svg.getSize().getWidth()).isGreaterThan(150));
            elementScreenshot(mq, 1280, Path.of("target/report-model-quality-" + e.getKey() + ".png"));
            driver.manage().window().setSize(new Dimension(390, 844));
            driver.navigate().refresh();
            assertThat(pageOverflow()).as(e.getKey() + " fits a phone").isLessThanOrEqualTo(0);
            elementScreenshot(driver.findElement(By.cssSelector("section.mq")), 390,
                    Path.of("target/report-model-quality-" + e.getKey() + "-phone.png"));
        }
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    private static long pageOverflow() {
        return (Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
    }

    /** {@code element} alone, the window {@code width} wide and grown to show all of it. */
    private static void elementScreenshot(WebElement element, int width, Path target) throws IOException {
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, 8000)));
        Files.write(target, element.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(before);
    }

    @Test
    void filterAndSortWork() throws IOException {
        Path file = Path.of("target/report-browser-wide.html").toAbsolutePath();
        HtmlReport.write(HtmlReportFixtures.wide(12, 4, 300), file);
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(file.toUri().toString());
        driver.findElement(By.id("filter")).sendKeys("categorical");
        assertThat(visibleNames()).hasSize(4).allSatisfy(n -> assertThat(n).startsWith("feature_categorical_"));
        assertThat(driver.findElement(By.id("shown")).getText()).isEqualTo("4 of 16 columns");
        driver.findElement(By.id("filter")).clear();
        driver.findElement(By.id("filter")).sendKeys(" ");
        driver.findElement(By.cssSelector("th[data-sort='name'] button")).click();
        List<String> names = visibleNames();
        assertThat(names).hasSize(16).startsWith("feature_categorical_0", "feature_categorical_1")
                .endsWith("feature_numeric_9", "feature_numeric_10", "feature_numeric_11");
        driver.findElement(By.cssSelector("th[data-sort='name'] button")).click();
        assertThat(visibleNames().get(0)).isEqualTo("feature_numeric_11");
    }

    @Test
    void dataThatLooksLikeMarkupNeverRuns() throws IOException {
        Path file = Path.of("target/report-browser-hostile.html").toAbsolutePath();
        HtmlReport.write(HtmlReportFixtures.hostile(), file);
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(file.toUri().toString());
        for (WebElement row : driver.findElements(By.cssSelector("tr.row"))) {
            row.click();
        }
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();
        assertThat(horizontalOverflow()).as("a long unbreakable column name still fits a phone").isLessThanOrEqualTo(0);
        driver.executeScript("window.scrollTo(0, 0)");
        screenshot(Path.of("target/report-screenshot-hostile.png"));
        fullPageScreenshot(390, Path.of("target/report-screenshot-hostile-full.png"));
        assertThat(driver.findElements(By.cssSelector("tbody.col tr.row th"))).extracting(WebElement::getText)
                .contains(HtmlReportFixtures.SCRIPT_COLUMN);
        assertThat(driver.findElement(By.tagName("body")).getText()).contains(HtmlReportFixtures.IMG_CATEGORY);
    }

    private static List<String> visibleNames() {
        return driver.findElements(By.cssSelector("tbody.col")).stream().filter(WebElement::isDisplayed)
                .map(e -> e.getAttribute("data-name")).toList();
    }

    private static long horizontalOverflow() {
        return (Long) driver.executeScript("var t = document.querySelector('.wrap');"
                + " return Math.max(document.documentElement.scrollWidth - window.innerWidth, t.scrollWidth - t.clientWidth);");
    }

    /** The whole page at {@code width}: the window grown to the document's height. */
    private static void fullPageScreenshot(int width, Path target) throws IOException {
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, 8000)));
        screenshot(target);
        driver.manage().window().setSize(before);
    }

    private static void screenshot(Path target) throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(target, png);
    }
}
