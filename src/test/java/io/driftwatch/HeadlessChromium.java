package io.driftwatch;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import java.util.function.Consumer;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver, for the browser tests of the report
 * and the dashboard: a fresh profile in a temporary folder, a 1280×900 window, no background
 * networking (the machine's closed network would refuse it). Fails (never skips) when Chromium or
 * chromedriver is missing; CI installs both.
 *
 * <p>Not thread-safe: one test class drives it.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profileDir;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profileDir) {
        this.service = service;
        this.driver = driver;
        this.profileDir = profileDir;
    }

    /** Starts the browser; {@code options} adds what one test needs (logging, prompt behaviour). */
    public static HeadlessChromium start(Consumer<ChromeOptions> options) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian packages chromium and chromium-driver); install them, e.g. apt-get install chromium chromium-driver");
        }
        Path profileDir = Files.createTempDirectory("driftwatch-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(CHROMIUM.toFile());
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--user-data-dir=" + profileDir, "--window-size=1280,900", "--hide-scrollbars");
        options.accept(chrome);
        ChromeDriver driver = new ChromeDriver(service, chrome);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(service, driver, profileDir);
    }

    /** Starts the browser keeping its console's messages, for {@link #consoleWarnings()}. */
    public static HeadlessChromium startLoggingConsole() throws IOException {
        return start(options -> {
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
        });
    }

    /** The console's warnings and errors since the last call (a browser started by {@link #startLoggingConsole()}). */
    public List<String> consoleWarnings() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                out.add(e.getLevel() + " " + e.getMessage());
            }
        }
        return out;
    }

    /** The driver. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Quits the browser and its driver and deletes the profile. */
    @Override
    public void close() throws IOException {
        driver.quit();
        service.stop();
        try (var paths = Files.walk(profileDir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
