package io.driftwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.analysis.MetricCondition;
import io.driftwatch.analysis.MetricCondition.Op;
import io.driftwatch.analysis.MetricTest;
import io.driftwatch.analysis.Sections;
import io.driftwatch.integrity.DataSummary;
import io.driftwatch.integrity.IntegrityResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The integrity section in the check's three renderings: the JSON result's {@code integrity} object
 * (Evidently's metric names, both sides, tests, findings; schema-valid), the terminal's block, and the
 * HTML page's data-quality section, alone (a check without a reference) or after the drift section.
 */
class IntegrityViewTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The bike-sharing drift check with {@code integrity} after its drift section. */
    static CheckReport withDrift(IntegrityResult integrity) {
        CheckReport bikes = HtmlReportFixtures.bikes();
        return new CheckReport(bikes.title(), Sections.of(bikes.drift(), integrity), bikes.reference(), bikes.current(),
                bikes.types(), bikes.roles(), bikes.referenceBatch(), bikes.currentBatch(), bikes.timings(),
                bikes.createdAt(), bikes.driftwatchVersion());
    }

    private static JsonNode json(CheckReport report) throws Exception {
        return MAPPER.readTree(JsonResult.of(report).toJson());
    }

    @Test
    void jsonCarriesBothSidesSummariesUnderEvidentlysMetricNamesAndValidates() throws Exception {
        JsonNode json = json(withDrift(IntegrityFixtures.evidently()));

        assertThat(JsonResultTest.schemaErrors(json)).isEmpty();
        JsonNode integrity = json.get("integrity");
        assertThat(integrity.get("mode").asText()).isEqualTo("evidently");
        assertThat(integrity.get("failed").asBoolean()).isTrue();
        assertThat(integrity.at("/dataset/row_count").asInt()).isEqualTo(700);
        assertThat(integrity.at("/dataset/column_count")).isEqualTo(MAPPER.readTree(
                "{\"total\": 6, \"numerical\": 3, \"categorical\": 2, \"datetime\": 1, \"text\": 0}"));
        assertThat(integrity.at("/dataset/duplicated_row_count").asInt()).isEqualTo(28);
        assertThat(integrity.at("/dataset/almost_constant_columns_count").asInt()).isEqualTo(1);
        assertThat(integrity.at("/dataset/dataset_missing_value_count")).isEqualTo(MAPPER.readTree(
                "{\"count\": 31, \"share\": " + 31 / 700.0 + "}"));
        assertThat(integrity.at("/columns/hum/type").asText()).isEqualTo("numerical");
        assertThat(integrity.at("/columns/hum/missing_value_count/count").asInt()).isEqualTo(31);
        assertThat(integrity.at("/columns/temp/max").asDouble()).isEqualTo(0.71);
        assertThat(integrity.at("/columns/temp/quantile_75").asDouble()).isEqualTo(0.37);
        assertThat(integrity.at("/reference/dataset/row_count").asInt()).isEqualTo(672);
        assertThat(integrity.at("/reference/columns/temp/max").asDouble()).isEqualTo(0.46);
        assertThat(fieldNames(integrity.get("columns"))).as("categorical, then numerical, as Evidently lists them")
                .containsExactly("weathersit", "holiday", "temp", "hum", "cnt");
    }

    @Test
    void uniqueValuesListBothSidesValuesWithZeroForTheOtherSidesOnly() throws Exception {
        JsonNode integrity = json(withDrift(IntegrityFixtures.evidently())).get("integrity");

        JsonNode current = integrity.at("/columns/weathersit/unique_value_count");
        assertThat(fieldNames(current)).containsExactly("Clear", "Mist", "Light snow", "Heavy rain");
        assertThat(current.get("Heavy rain")).isEqualTo(MAPPER.readTree("{\"count\": 20, \"share\": " + 20 / 700.0 + "}"));
        JsonNode reference = integrity.at("/reference/columns/weathersit/unique_value_count");
        assertThat(fieldNames(reference)).containsExactly("Clear", "Mist", "Light snow", "Heavy rain");
        assertThat(reference.get("Heavy rain")).isEqualTo(MAPPER.readTree("{\"count\": 0, \"share\": 0.0}"));
        assertThat(integrity.at("/columns/holiday/unique_value_count/1/count").asInt()).isZero();
    }

    @Test
    void testsNameTheirMetricSlotAndColumnAndAnUndefinedValueIsNull() throws Exception {
        JsonNode tests = json(withDrift(IntegrityFixtures.evidently())).at("/integrity/tests");

        assertThat(tests).hasSize(IntegrityFixtures.evidentlyTests().size());
        assertThat(tests.get(0)).isEqualTo(MAPPER.readTree("""
                {"metric": "row_count", "slot": "value", "condition": "eq 672 ± 67.2", "value": 700.0,
                 "status": "SUCCESS"}"""));
        assertThat(tests.get(0).has("column")).as("a dataset metric names no column").isFalse();
        JsonNode share = tests.get(6);
        assertThat(share.get("metric").asText()).isEqualTo("missing_value_count");
        assertThat(share.get("column").asText()).isEqualTo("hum");
        assertThat(share.get("slot").asText()).isEqualTo("share");
        assertThat(share.get("status").asText()).isEqualTo("FAIL");
        JsonNode std = tests.get(11);
        assertThat(std.get("value").isNull()).isTrue();
        assertThat(std.get("status").asText()).as("NaN fails every comparison").isEqualTo("FAIL");
    }

    @Test
    void findingsAndErrorsAreCarriedWithTheirSeverity() throws Exception {
        JsonNode json = json(withDrift(IntegrityFixtures.findings()));

        assertThat(JsonResultTest.schemaErrors(json)).isEmpty();
        JsonNode integrity = json.get("integrity");
        assertThat(integrity.get("mode").asText()).isEqualTo("reference");
        assertThat(integrity.get("tests")).isEmpty();
        assertThat(integrity.get("findings")).hasSize(5);
        assertThat(integrity.at("/findings/0")).isEqualTo(MAPPER.readTree("""
                {"condition": "out_of_range", "severity": "warning", "column": "temp",
                 "expected": "values in [0.02, 0.46]", "seen": "41 values above 0.46, up to 0.71", "rows": 41,
                 "examples": ["0.71", "0.69", "0.52"]}"""));
        assertThat(integrity.at("/findings/2/severity").asText()).isEqualTo("critical");
        assertThat(integrity.at("/findings/3/column").isNull()).isTrue();
        assertThat(integrity.at("/findings/1/examples/1").asText()).isEqualTo(IntegrityFixtures.SCRIPT_VALUE);
        assertThat(integrity.at("/errors/0").asText()).startsWith("almost duplicated columns");
    }

    @Test
    void withoutAReferenceTheReferenceIsNullAndTheInputsLineSaysSo() throws Exception {
        CheckReport report = IntegrityFixtures.report(IntegrityFixtures.withoutReference());
        JsonNode json = json(report);
        JsonNode integrity = json.get("integrity");

        assertThat(JsonResultTest.schemaErrors(json)).isEmpty();
        assertThat(json.get("reference").isNull()).isTrue();
        assertThat(json.has("datasetDrift")).isFalse();

        assertThat(integrity.get("reference").isNull()).isTrue();
        assertThat(integrity.at("/columns/weathersit/unique_value_count").size()).isEqualTo(4);
        assertThat(text(report)).startsWith("bike-sharing: current.csv (700 rows), no reference: drift not tested\n");
    }

    @Test
    void schemaRejectsIntegrityAndNoReferenceDocumentsThatBreakTheContract() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode valid =
                (com.fasterxml.jackson.databind.node.ObjectNode) json(withDrift(IntegrityFixtures.findings()));
        assertThat(JsonResultTest.schemaErrors(valid)).isEmpty();

        var typo = valid.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) typo.at("/integrity/dataset")).put("row_cout", 3);
        assertThat(JsonResultTest.schemaErrors(typo)).anyMatch(m -> m.contains("row_cout"));

        var unknownCondition = valid.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) unknownCondition.at("/integrity/findings/0"))
                .put("condition", "looks_odd");
        assertThat(JsonResultTest.schemaErrors(unknownCondition)).isNotEmpty();

        var driftWithoutVerdict = valid.deepCopy();
        driftWithoutVerdict.remove("datasetDrift");
        assertThat(JsonResultTest.schemaErrors(driftWithoutVerdict)).anyMatch(m -> m.contains("datasetDrift"));

        var noReference = (com.fasterxml.jackson.databind.node.ObjectNode) json(
                IntegrityFixtures.report(IntegrityFixtures.withoutReference()));
        assertThat(JsonResultTest.schemaErrors(noReference)).isEmpty();
        var unexplained = noReference.deepCopy();
        unexplained.remove("skipped");
        assertThat(JsonResultTest.schemaErrors(unexplained)).anyMatch(m -> m.contains("skipped"));
    }

    @Test
    void terminalPrintsTheDatasetLineThenOneLinePerFailedTest() {
        String out = text(withDrift(IntegrityFixtures.evidently()));

        String block = out.substring(out.indexOf("Data quality:"));
        List<String> lines = block.lines().toList();
        assertThat(lines.get(0)).isEqualTo("Data quality: 9 of 12 data-quality tests failed (Evidently's tests)");
        assertThat(lines.get(1)).isEqualTo("  700 rows, 28 duplicated; 31 missing cells (0.04429 per row); 0 constant,"
                + " 0 empty columns");
        assertThat(lines.subList(2, lines.size())).containsExactly(
                "  FAIL      duplicated rows = 28, expected equal to the reference's 0",
                "  FAIL      almost constant columns = 1, expected at most the reference's 0",
                "  FAIL      missing values = 31, expected equal to the reference's 0",
                "  FAIL      missing values of hum = 31, expected equal to the reference's 0",
                "  FAIL      missing values (share) of hum = 4.4%, expected equal to the reference's 0",
                "  FAIL      max of temp = 0.71, expected within 10% of the reference's 0.46 (0.414 to 0.506)",
                "  FAIL      mean of temp = 0.31, expected within 10% of the reference's 0.2 (0.18 to 0.22)",
                "  FAIL      min of cnt = 2, expected within 10% of the reference's 1 (0.9 to 1.1)",
                "  FAIL      std of cnt = n/a, expected within 10% of the reference's 80.1 (72.09 to 88.11)");
        assertThat(out.indexOf("Dataset drift:")).as("after the drift table").isLessThan(out.indexOf("Data quality:"));
    }

    @Test
    void terminalPrintsOneLinePerFindingAndTheErrors() {
        String out = text(withDrift(IntegrityFixtures.findings()));

        assertThat(out).contains("Data quality: 5 data-quality findings (1 critical), 1 error (conditions from the"
                + " reference)\n")
                .contains("  WARNING   temp: out of range: 41 values above 0.46, up to 0.71; expected values in"
                        + " [0.02, 0.46]\n")
                .contains("  CRITICAL  holiday: became constant: a single value, 0; expected 2 distinct values\n")
                .contains("  WARNING   duplicated rows: 28 duplicated rows (4%); expected at most 5% duplicated rows\n")
                .contains("  could not compute: almost duplicated columns: not computed past 1,000 columns\n");
    }

    @Test
    void aPassingSectionPrintsOnlyItsVerdictAndDatasetLine() {
        IntegrityResult calm = new IntegrityResult(io.driftwatch.integrity.IntegrityOptions.Tests.EVIDENTLY,
                IntegrityFixtures.reference(), IntegrityFixtures.reference(), List.of(), List.of(), List.of());
        String out = text(withDrift(calm));

        assertThat(out.substring(out.indexOf("Data quality:")).lines()).hasSize(2);
    }

    @Test
    void pageTitleLeadsWithEverySectionsVerdict() {
        String html = HtmlReport.render(withDrift(IntegrityFixtures.evidently()));

        assertThat(html).contains("<title>Dataset drift detected · 9 of 12 data-quality tests failed · ")
                .contains("<b>Driftwatch</b> · data drift and data quality report")
                .contains("<h2 id=\"verdict\">Dataset drift detected</h2>")
                .contains("<h2 id=\"dq-verdict\">9 of 12 data-quality tests failed</h2>");
        assertThat(html.indexOf("id=\"verdict\"")).isLessThan(html.indexOf("id=\"dq-verdict\""));
    }

    @Test
    void dataQualityAloneRendersAPageWithoutReferenceOrDriftSection() {
        String html = HtmlReport.render(IntegrityFixtures.report(IntegrityFixtures.withoutReference()));

        assertThat(html).contains("<title>2 of 3 data-quality tests failed · bike-sharing</title>")
                .contains("<b>Driftwatch</b> · data quality report")
                .contains("Current <b>current.csv</b> (2 rows), checked without a reference")
                .contains("<dt>Reference</dt><dd>none</dd>")
                .doesNotContain("id=\"verdict\"").doesNotContain("id=\"cols\"")
                .doesNotContain("<th scope=\"col\" class=\"n\">Reference</th>");
        assertThat(html).contains("Evidently&#39;s data-summary tests without a reference");
    }

    @Test
    void columnsWithProblemsComeFirstWithTheirFailedTests() {
        String html = HtmlReport.render(withDrift(IntegrityFixtures.evidently()));

        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<tr id=\"q\\d+\"( class=\"bad\")?>\\s*<th scope=\"row\">"
                + "<span class=\"colname\">([^<]*)</span>").matcher(html);
        List<Boolean> bad = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(2));
            bad.add(m.group(1) != null);
        }
        assertThat(names).containsExactly("temp", "hum", "cnt", "weathersit", "holiday");
        assertThat(bad).containsExactly(true, true, true, false, false);
        assertThat(html).contains("max 0.71, expected within 10% of the reference&#39;s 0.46 (0.414 to 0.506)")
                .contains("missing values (share) 4.4%, expected equal to the reference&#39;s 0");
    }

    @Test
    void findingsShowTheirExamplesEscaped() {
        String html = HtmlReport.render(withDrift(IntegrityFixtures.findings()));

        assertThat(html).doesNotContain(IntegrityFixtures.SCRIPT_VALUE).doesNotContain(IntegrityFixtures.SCRIPT_COLUMN)
                .contains("<code>&lt;script&gt;alert(3)&lt;/script&gt;</code>")
                .contains("<span class=\"colname\">&lt;img src=x onerror=alert(4)&gt;</span>")
                .contains("<span class=\"sev critical\">critical</span> <b>Became constant</b>")
                .contains("<h2 class=\"ph\" id=\"dq-findings-title\">Findings <span class=\"muted\">(5)</span></h2>")
                .contains("<li class=\"error\">almost duplicated columns: not computed past 1,000 columns</li>");
        assertThat(html.indexOf("sev critical")).as("most severe first").isLessThan(html.indexOf("sev warning"));
        assertThat(count(html, "<script")).as("only the report's own script").isEqualTo(1);
        assertThat(html).doesNotContain("<img");
    }

    @Test
    void aTwoHundredColumnSectionStaysWithinItsSizeBudget() {
        List<DataSummary.ValueStats> columns = new ArrayList<>();
        List<MetricTest> tests = new ArrayList<>();
        for (int c = 0; c < 200; c++) {
            String name = "feature_" + c;
            if (c % 2 == 0) {
                columns.add(new DataSummary.NumericStats(name, 1000, 7, -3.2, 4.1, 0.1, 1.02, -0.6, 0.1, 0.8));
                for (String metric : List.of("min", "max", "mean", "std", "quantile_25", "quantile_50", "quantile_75")) {
                    tests.add(MetricTest.critical(metric, name, "value", MetricCondition.reference(Op.EQ, 1, 0.1), 2));
                }
            } else {
                columns.add(new DataSummary.CategoricalStats(name, 1000, 0,
                        List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota"),
                        new long[] {300, 200, 150, 100, 90, 60, 50, 30, 20}));
            }
            tests.add(MetricTest.critical("missing_value_count", name, "count", MetricCondition.reference(Op.EQ, 0, 0.1),
                    7));
            tests.add(MetricTest.critical("missing_value_count", name, "share", MetricCondition.reference(Op.EQ, 0, 0.1),
                    0.007));
        }
        DataSummary summary = new DataSummary(1000, new DataSummary.ColumnCounts(200, 100, 100, 0, 0), 0, 0, 0, 0, 0,
                0, 0, 700, columns);
        String html = HtmlReport.render(IntegrityFixtures.report(new IntegrityResult(
                io.driftwatch.integrity.IntegrityOptions.Tests.EVIDENTLY, summary, summary, tests, List.of(), List.of())));

        // about 3.7 kB a column with nine failed tests each (731 kB in all when written)
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(30_000 + 5_000 * 200);
    }

    @Test
    void referenceConditionsReplaceTheTestColumnAndADatasetFindingMarksItsRow() {
        String html = HtmlReport.render(withDrift(IntegrityFixtures.findings()));

        assertThat(html).doesNotContain("<th scope=\"col\">Test</th>").contains("<th scope=\"col\">Condition</th>")
                .contains("<tr class=\"bad\"><th scope=\"row\">Duplicated rows</th>")
                .contains("<span class=\"chk warning\"><span class=\"st\"><span aria-hidden=\"true\">▲</span> Warning"
                        + "</span> 28 duplicated rows (4%); expected at most 5% duplicated rows</span>");
        assertThat(HtmlReport.render(withDrift(IntegrityFixtures.evidently()))).contains("<th scope=\"col\">Test</th>");
        IntegrityResult noDatasetFinding = new IntegrityResult(io.driftwatch.integrity.IntegrityOptions.Tests.REFERENCE,
                IntegrityFixtures.current(), IntegrityFixtures.reference(), List.of(),
                IntegrityFixtures.findings().findings().subList(0, 3), List.of());
        assertThat(HtmlReport.render(withDrift(noDatasetFinding))).doesNotContain("<th scope=\"col\">Condition</th>")
                .doesNotContain("<td class=\"tests\">");
    }

    @Test
    void chartsDrawBothSidesOnOneScale() {
        String html = HtmlReport.render(withDrift(IntegrityFixtures.evidently()));

        // temp: reference 0.02–0.46, current 0.05–0.71; the scale spans 0.02–0.71 in a 200-wide box inset by 4
        assertThat(html).contains("aria-label=\"Range of values: reference 0.02 to 0.46, current 0.05 to 0.71\"")
                .contains("<path class=\"wr\" d=\"M4 2V11M4 6.5H126.4M126.4 2V11\"/>")
                .contains("<path class=\"wc\" d=\"M12.3 15V24M12.3 19.5H196M196 15V24\"/>");
        // hum: 31 of 700 missing in the current batch only
        assertThat(html).contains("aria-label=\"Missing values: reference 0%, current 4.4%\"")
                .contains("<rect class=\"mc\" y=\"7\" width=\"4.4\" height=\"5\"/>");
        // weathersit: Heavy rain is new, with a share of its own colour and a tag in the legend
        assertThat(html).contains("<title>current: Heavy rain, 2.9%</title>")
                .contains("Heavy rain</span> 2.9%<span class=\"tag new\">new</span>");
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String text(CheckReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextReport.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), report, Optional.of("bike-sharing"),
                List.of());
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
