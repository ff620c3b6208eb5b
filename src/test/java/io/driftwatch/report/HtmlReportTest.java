package io.driftwatch.report;

import static io.driftwatch.report.HtmlReportFixtures.SCRIPT_COLUMN;
import static io.driftwatch.report.HtmlReportFixtures.normal;
import static io.driftwatch.report.HtmlReportFixtures.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Table;
import io.driftwatch.drift.DriftOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final Pattern COLUMN = Pattern.compile("<tbody class=\"col\" data-name=\"([^\"]*)\"[^>]*data-score=\"([^\"]*)\"");

    @Test
    void columnNamesAndCategoryValuesThatLookLikeMarkupAreEscaped() {
        String html = HtmlReport.render(HtmlReportFixtures.hostile());

        assertThat(html).doesNotContain(SCRIPT_COLUMN).doesNotContain("<img").doesNotContain("<b>title</b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;")
                .contains("hostile &lt;b&gt;title&lt;/b&gt;");
        assertThat(count(html, "<script")).as("only the report's own script").isEqualTo(1);
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'")
                .doesNotContain("'unsafe-inline'; script-src 'unsafe-inline'");
    }

    @Test
    void reportMakesNoNetworkRequests() {
        String html = HtmlReport.render(HtmlReportFixtures.bikes());
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain(" src=")
                .doesNotContain("url(").doesNotContain("@import").doesNotContain("<link").doesNotContain("<iframe");
    }

    @Test
    void verdictSaysWhetherTheDatasetDrifted() {
        String drifted = HtmlReport.render(HtmlReportFixtures.bikes());
        assertThat(drifted).contains("<h2 id=\"verdict\">Dataset drift detected</h2>")
                .contains("6 of 11 columns drifted (54.5%); drift is declared at a share of 50% or more.");

        Table reference = Table.of(List.of(normal("a", 500, 0, 1, 1), normal("b", 500, 0, 1, 2)));
        Table current = Table.of(List.of(normal("a", 500, 0, 1, 3), normal("b", 500, 0, 1, 4)));
        String calm = HtmlReport.render(HtmlReportFixtures.report(reference, current, ColumnRoles.none()));
        assertThat(calm).contains("<h2 id=\"verdict\">No dataset drift detected</h2>")
                .contains("0 of 2 columns drifted (0%)").contains("class=\"verdict ok\"");
    }

    @Test
    void targetAndPredictionArePinnedFirstThenColumnsByDriftStrength() {
        String html = HtmlReport.render(HtmlReportFixtures.bikes());
        List<String> names = new ArrayList<>();
        List<Double> keys = new ArrayList<>();
        Matcher m = COLUMN.matcher(html);
        while (m.find()) {
            names.add(m.group(1));
            keys.add(Double.parseDouble(m.group(2)));
        }
        assertThat(names).hasSize(11).startsWith("cnt", "prediction").doesNotContain("dteday");
        List<Double> rest = keys.subList(2, keys.size());
        for (int i = 1; i < rest.size(); i++) {
            assertThat(rest.get(i)).as("sort key of %s", names.get(i + 2)).isLessThanOrEqualTo(rest.get(i - 1));
        }
        assertThat(names.subList(2, 7)).as("drifted columns before the others")
                .containsExactlyInAnyOrder("weathersit", "temp", "atemp", "casual", "registered");
        assertThat(keys.subList(2, 7)).allSatisfy(k -> assertThat(k).isGreaterThanOrEqualTo(1e7));
        assertThat(keys.subList(7, 11)).allSatisfy(k -> assertThat(k).isLessThan(1e7));
        assertThat(html).contains("Not tested (type not drift-tested): dteday (datetime).");
    }

    @Test
    void columnThatCouldNotBeTestedShowsWhy() {
        Table reference = Table.of(List.of(normal("fine", 300, 0, 1, 1), HtmlReportFixtures.missingOnly("sensor", 300)));
        Table current = Table.of(List.of(normal("fine", 300, 0, 1, 2), normal("sensor", 300, 0, 1, 3)));
        String html = HtmlReport.render(HtmlReportFixtures.report(reference, current, ColumnRoles.none()));
        assertThat(html)
                .contains("<strong>Not tested:</strong> no values left to test in the reference after dropping missing and infinite values")
                .contains("<span class=\"badge err\"><span aria-hidden=\"true\">✕</span> Not tested</span>")
                .contains("<span>Not tested (errors)</span><b>1</b>")
                .contains("<dt>Missing, reference</dt><dd>100% of 300</dd>");
    }

    @Test
    void newAndGoneCategoriesAreMarkedAndListed() {
        Table reference = Table.of(List.of(CategoricalColumn.of("city", repeat(20, "Oslo", "Lima", "Oslo", "Pune"))));
        Table current = Table.of(List.of(CategoricalColumn.of("city", repeat(20, "Oslo", "Kyiv", "Oslo", "Lima"))));
        String html = HtmlReport.render(HtmlReportFixtures.report(reference, current, ColumnRoles.none()));
        assertThat(html).contains("In current only (1): <ul><li>Kyiv</li></ul>")
                .contains("In reference only (1): <ul><li>Pune</li></ul>")
                .contains("<th title=\"Kyiv\">Kyiv<span class=\"tag new\">new</span>")
                .contains("<th title=\"Pune\">Pune<span class=\"tag gone\">gone</span>")
                .contains("25% → 0%");
    }

    @Test
    void manyCategoriesAreCappedWithACountOfTheRest() {
        String html = HtmlReport.render(HtmlReportFixtures.wide(0, 1, 2000));
        assertThat(html).contains("16 more categories not shown").contains("In current only (6)");
        assertThat(count(html, "<tr><th title=")).isEqualTo(CategoryBars.SHOWN);
    }

    @Test
    void twoHundredColumnReportStaysWithinTheSizeBudget() {
        int bytes = HtmlReport.render(HtmlReportFixtures.wide(150, 50, 2000)).getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThanOrEqualTo(50_000 + 8_000 * 200);
    }

    @Test
    void fiftyColumnReportStaysWithinTheSizeBudget() {
        int bytes = HtmlReport.render(HtmlReportFixtures.wide(40, 10, 5000)).getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThanOrEqualTo(50_000 + 8_000 * 50);
    }

    @Test
    void footerNamesVersionCreationTimeAndInputs() {
        String html = HtmlReport.render(HtmlReportFixtures.bikes());
        assertThat(html).contains("Driftwatch 0.1.0-test").contains("2026-03-02 09:15:00 UTC")
                .contains("reference.csv · csv · 672 rows · sha256 <code>" + "a".repeat(64) + "</code>")
                .contains("current.csv · csv · 672 rows · sha256 <code>" + "b".repeat(64) + "</code>");
    }

    @Test
    void scoresAreFormattedAndCorrectedPValuesShown() {
        List<io.driftwatch.data.Column> ref = new ArrayList<>();
        List<io.driftwatch.data.Column> cur = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ref.add(normal("x" + i, 400, 0, 1, i));
            cur.add(normal("x" + i, 400, i == 0 ? 1 : 0, 1, 10 + i));
        }
        String html = HtmlReport.render(HtmlReportFixtures.report("t", Table.of(ref), Table.of(cur), ColumnRoles.none(),
                DriftOptions.defaults().withCorrection(io.driftwatch.drift.Correction.BONFERRONI)));
        assertThat(html).contains("<dt>Corrected p-value</dt>").containsPattern("<dd>\\d\\.\\d{1,3}e-\\d+</dd>")
                .contains("drift if p ≤ 0.05");
    }

    @Test
    void rendersWithoutOptionalProvenanceAndWithNoTestedColumn() {
        Table reference = Table.of(List.of(CategoricalColumn.of("comment", "a", "b", "c", "d")));
        Table current = Table.of(List.of(CategoricalColumn.of("comment", "e", "f", "g", "h")));
        CheckReport full = HtmlReportFixtures.report(reference, current, ColumnRoles.none());
        CheckReport bare = new CheckReport(null, full.sections(), full.reference(), full.current(), full.types(), null, null,
                null, null, null, null);
        String html = HtmlReport.render(bare);
        assertThat(full.drift().columns()).isEmpty();
        assertThat(html).contains("<h1>reference vs current</h1>").contains("No dataset drift detected")
                .contains("0 of 0 columns drifted").contains("No column could be drift-tested.").contains("Not tested (type not drift-tested): comment (text).")
                .contains("Driftwatch " + CheckReport.runningVersion()).doesNotContain("sha256 <code>");
    }

    @Test
    void writesAUtf8File(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.html");
        HtmlReport.write(HtmlReportFixtures.hostile(), file);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">").contains("✓");
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
