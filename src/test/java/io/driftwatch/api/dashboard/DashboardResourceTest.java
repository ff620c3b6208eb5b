package io.driftwatch.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.DriftwatchConfiguration;
import io.driftwatch.TestService;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard pages over HTTP against a running service: what they say, how they page, how they
 * fail, and that user data (column names, the definition's text) is escaped, never markup.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardResourceTest {
    private static final Path DIR = TestService.temporaryDirectory();
    private static final String SCRIPT_COLUMN = "<script>alert(1)</script>";
    private static final String IMG_COLUMN = "\"><img src=x onerror=alert(2)>";

    static final TestService SERVICE = TestService.builder().in(DIR)
            .edit(root -> root.withObjectProperty("sources").putArray("directories")
                    .add(DIR.resolve("incoming").toString()))
            .override(ConfigOverride.config("scheduler.pollInterval", "100ms")).build();
    static final DropwizardAppExtension<DriftwatchConfiguration> APP = SERVICE.app;

    private static DashboardFixtures api;
    private static List<String> pagedChecks;

    @BeforeAll
    static void createMonitors() {
        api = new DashboardFixtures(APP.client(), APP.getLocalPort());
        String reference = api.upload(batch(200, 0, 1));
        api.createMonitor("name: paged\nreference: " + reference + "\n");
        pagedChecks = new ArrayList<>();
        for (int i = 0; i < Dashboard.PAGE_SIZE + 3; i++) {
            pagedChecks.add(api.check("paged", batch(120, i % 3 == 0 ? 2.0 : 0, 100 + i)));
        }
        api.createMonitor("name: waiting\nreference: " + reference + "\n");

        String hostileReference = api.upload(hostileBatch(150, 0, 7));
        api.createMonitor("""
                # </code></pre><script>alert(3)</script>
                name: hostile
                reference: %s
                columns:
                  numerical: ['%s']
                """.formatted(hostileReference, SCRIPT_COLUMN));
        api.check("hostile", hostileBatch(150, 3, 8));
        api.check("hostile", hostileBatch(150, 0, 9));

        createScheduledMonitors(reference);
    }

    /**
     * {@code nightly} runs every day, so never during the test (its latest slot is before it was
     * created); {@code every-second} reads {@code batch-1.csv} from an allowed folder at its first slot.
     */
    private static void createScheduledMonitors(String reference) {
        Path incoming = DIR.resolve("incoming");
        try {
            Files.createDirectories(incoming);
            Path batch = Files.writeString(incoming.resolve("batch-1.csv"), batch(120, 0, 900));
            Files.setLastModifiedTime(batch, FileTime.from(Instant.now().minusSeconds(60)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String source = "source:\n  type: directory\n  path: " + incoming + "\n  glob: '*.csv'\n  settle: 1s\n";
        api.createMonitor("name: nightly\nreference: " + reference + "\nschedule:\n  every: 1d\n" + source);
        api.createMonitor("name: every-second\nreference: " + reference + "\nschedule:\n  every: 1s\n" + source);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!page("/monitors/every-second", 200).contains("batch-1.csv")) {
            assertThat(System.nanoTime()).as("a scheduled run read batch-1.csv within a minute").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aFileThatCannotBeReadIsAFailedCheckWithoutADataset() throws IOException, InterruptedException {
        Path folder = Files.createDirectories(DIR.resolve("incoming").resolve("broken"));
        Path broken = Files.writeString(folder.resolve("broken.csv"), "score,segment\n1.5\n");
        Files.setLastModifiedTime(broken, FileTime.from(Instant.now().minusSeconds(60)));
        String reference = api.upload(batch(300, 0, 1));
        api.createMonitor("name: broken-files\nreference: " + reference + "\nschedule:\n  every: 1s\nsource:\n"
                + "  type: directory\n  path: " + folder + "\n  settle: 1s\n");
        long deadline = System.nanoTime() + 60_000_000_000L;
        String html = page("/monitors/broken-files", 200);
        while (!html.contains("broken.csv is not a readable CSV, Arrow or Parquet batch")) {
            assertThat(System.nanoTime()).as("a scheduled run read broken.csv within a minute").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            html = page("/monitors/broken-files", 200);
        }
        assertThat(html).contains("<td class=\"c-ds\">none read</td>");
    }

    @Test
    void monitorPageShowsTheScheduleItsLastRunAndWhatItReadLast() {
        String html = page("/monitors/every-second", 200);
        String panel = html.substring(html.indexOf("<section class=\"panel block\" id=\"schedule\""));
        panel = panel.substring(0, panel.indexOf("</section>"));
        assertThat(panel).contains("<h2 id=\"schedule-title\">Schedule</h2>").contains("<dd>every second</dd>")
                .contains("<dd>directory " + DIR.resolve("incoming") + " (*.csv)</dd>")
                .contains("<dt>Next run</dt>").contains("href=\"/api/v1/monitors/every-second/runs\"")
                .contains("<dt>Slot</dt>").contains("<dt>Instance</dt>").containsPattern("<span class=\"badge\">done</span>")
                .contains("<code>batch-1.csv</code>").contains("<dd>120 rows</dd>")
                .containsPattern("href=\"/api/v1/checks/[^\"]+/report\">its check's report</a>")
                .doesNotContain("No run yet").doesNotContain("Nothing read yet");
        assertThat(html).contains("id=\"share-chart\"");
    }

    @Test
    void monitorPageOfAScheduleThatHasNotRunYetSaysSo() {
        String html = page("/monitors/nightly", 200);
        String tomorrow = DashboardText.timeWithSeconds(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .plus(java.time.Duration.ofDays(1)));
        assertThat(html).contains("id=\"schedule\"").contains("<dd>every day</dd>").contains("<dd>" + tomorrow + "</dd>")
                .contains("No run yet.").contains("Nothing read yet.");
    }

    @Test
    void monitorPageOfAnUnscheduledMonitorHasNoSchedulePanel() {
        assertThat(page("/monitors/paged", 200)).doesNotContain("id=\"schedule\"");
    }

    @Test
    void homeShowsTheNextRunOfScheduledMonitorsOnly() {
        String html = page("/", 200);
        String tomorrow = DashboardText.time(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .plus(java.time.Duration.ofDays(1)));
        assertThat(rowOf(html, "nightly")).contains("<small class=\"when next\">next run " + tomorrow + "</small>");
        assertThat(rowOf(html, "every-second")).contains("next run ");
        assertThat(rowOf(html, "paged")).doesNotContain("next run");
    }

    @Test
    void homeListsEveryMonitorWithItsLatestVerdict() {
        String html = page("/", 200);
        assertThat(html).contains("<h1>Monitors</h1>").doesNotContain("No monitors yet");
        assertThat(rowOf(html, "paged")).contains("href=\"/monitors/paged\"").contains("badge drift")
                .contains("<polyline points=").contains(">23</td>");
        assertThat(rowOf(html, "waiting")).contains("No checks yet").contains(">0</td>").doesNotContain("<svg");
    }

    @Test
    void monitorPageShowsTheChartTheHeatMapAndTheNewestChecks() {
        String html = page("/monitors/paged", 200);
        assertThat(html).contains("id=\"share-chart\"").contains("id=\"heat-map\"")
                .contains("Dataset drift in the latest check");
        assertThat(count(html, "<a href=\"/api/v1/checks/[^\"]+/report\" class=\"pt\">")).isEqualTo(23);
        assertThat(count(html, "<a href=\"/api/v1/checks/[^\"]+/report\" class=\"col\">")).isEqualTo(23);
        assertThat(count(html, "<text class=\"rl\"")).isEqualTo(2);
        assertThat(checkIds(html)).containsExactlyElementsOf(
                newestFirst().subList(0, Dashboard.PAGE_SIZE));
        assertThat(html).contains("href=\"/api/v1/checks/" + pagedChecks.get(22) + "/result\"");
    }

    @Test
    void pagesThroughOlderChecksWithTheCursorAndBack() {
        String first = page("/monitors/paged", 200);
        assertThat(first).doesNotContain("id=\"newest\"");
        Matcher older = Pattern.compile("<a href=\"(/monitors/paged\\?cursor=[A-Za-z0-9_%-]+)\" id=\"older\">")
                .matcher(first);
        assertThat(older.find()).as("a link to older checks").isTrue();
        String second = page(older.group(1), 200);
        assertThat(checkIds(second)).containsExactlyElementsOf(newestFirst().subList(Dashboard.PAGE_SIZE, 23));
        assertThat(second).doesNotContain("id=\"older\"").contains("<a href=\"/monitors/paged\" id=\"newest\">");
        Set<String> all = new HashSet<>(checkIds(first));
        all.addAll(checkIds(second));
        assertThat(all).containsExactlyInAnyOrderElementsOf(pagedChecks);
    }

    @Test
    void showsHowToRunTheFirstCheckOfAMonitorWithoutChecks() {
        String html = page("/monitors/waiting", 200);
        assertThat(html).contains("No checks yet")
                .contains(api.base() + "/api/v1/monitors/waiting/checks")
                .doesNotContain("id=\"share-chart\"").doesNotContain("id=\"checks\"");
    }

    @Test
    void escapesColumnNamesAndTheDefinitionText() {
        for (String path : List.of("/", "/monitors/hostile")) {
            String html = page(path, 200);
            assertThat(html).as(path).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img");
        }
        String html = page("/monitors/hostile", 200);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;")
                .contains("# &lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;");
        assertThat(count(html, "<text class=\"rl\"")).isEqualTo(3);
    }

    @Test
    void answersAPageNotJsonForAnUnknownMonitor() {
        try (Response r = api.get("/monitors/nobody")) {
            assertThat(r.getStatus()).isEqualTo(404);
            assertThat(r.getMediaType().toString()).startsWith("text/html");
            assertThat(r.readEntity(String.class)).contains("No monitor named nobody").contains("href=\"/\"");
        }
    }

    @Test
    void answersAPageNotJsonForACursorItDidNotMake() {
        try (Response r = api.get("/monitors/paged?cursor=bm90LWEtY3Vyc29y")) {
            assertThat(r.getStatus()).isEqualTo(400);
            assertThat(r.getMediaType().toString()).startsWith("text/html");
            assertThat(r.readEntity(String.class)).contains("This page link is not valid")
                    .contains("href=\"/\"");
        }
    }

    @Test
    void forbidsScriptsAndRequestsWithAContentSecurityPolicy() {
        for (String path : List.of("/", "/monitors/paged", "/monitors/nobody")) {
            try (Response r = api.get(path)) {
                String policy = r.getHeaderString("Content-Security-Policy");
                assertThat(policy).as(path).startsWith("default-src 'none';").doesNotContain("script-src")
                        .contains("frame-ancestors 'none'");
                assertThat(r.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(r.readEntity(String.class)).contains("http-equiv=\"Content-Security-Policy\"")
                        .doesNotContain("<script");
            }
        }
    }

    private static String page(String path, int status) {
        try (Response r = api.get(path)) {
            String body = r.readEntity(String.class);
            assertThat(r.getStatus()).as("GET %s: %s", path, body).isEqualTo(status);
            assertThat(r.getMediaType().toString()).isEqualTo("text/html;charset=utf-8");
            return body;
        }
    }

    private static List<String> newestFirst() {
        List<String> ids = new ArrayList<>(pagedChecks);
        Collections.reverse(ids);
        return ids;
    }

    private static String rowOf(String html, String monitor) {
        int start = html.indexOf("<tr class=\"monitor\" data-monitor=\"" + monitor + "\">");
        assertThat(start).as("a row for %s", monitor).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private static List<String> checkIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<tr data-check=\"([^\"]+)\">").matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static int count(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** {@code rows} rows of a numeric column shifted by {@code shift} and a categorical one. */
    private static String batch(int rows, double shift, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("amount,colour\n");
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < rows; i++) {
            csv.append(String.format(Locale.ROOT, "%.4f", random.nextGaussian() + shift)).append(',')
                    .append(colours[random.nextInt(shift > 0 ? 2 : 3)]).append('\n');
        }
        return csv.toString();
    }

    /** Like {@link #batch}, with columns named like markup. */
    private static String hostileBatch(int rows, double shift, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder(SCRIPT_COLUMN + ",\"" + IMG_COLUMN.replace("\"", "\"\"") + "\",plain\n");
        for (int i = 0; i < rows; i++) {
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%d", random.nextGaussian() + shift,
                    random.nextGaussian() * (1 + shift), random.nextInt(4))).append('\n');
        }
        return csv.toString();
    }
}
