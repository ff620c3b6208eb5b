package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.integrity.DataSummaryCase;
import io.driftwatch.io.ArrowFileWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Evidently 0.7.21's {@code DataSummaryPreset} oracle ({@code src/test/resources/oracle/quality/
 * data_summary.json}, its README section 8) end to end through the command line: each case's frames are
 * written as pandas writes CSV files, and again as Arrow IPC files (which keep the frames' storage
 * types), with a monitor file that declares the case's column types and
 * asks for {@code integrity: {tests: evidently}}, and {@code driftwatch check --json} (without
 * {@code --reference} for the cases run without one) must give every metric of both sides within
 * section 8.3's tolerances (counts and min/max exactly, means, deviations and quantiles to 1e-10
 * relative, 1e-12 absolute), every default test with Evidently's status (either status when the value
 * lies within 1e-9 of a bound, for the rounded metrics only), and the data-quality bit of the exit code
 * exactly when a test failed.
 *
 * <p>What the CSV round trip exercises beyond the analysis: parsing (exact doubles, {@code True} and
 * {@code False}, ISO date-times, empty cells as missing), type inference for the case Evidently ran
 * without a data definition, the monitor's {@code integrity:} section, the JSON result's
 * {@code integrity} object. The values that differ by design are listed in docs/conformance.md.
 */
class IntegrityOracleCheckTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final java.time.format.DateTimeFormatter PANDAS_DATETIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** How a case's frames are handed to the command. */
    enum Format {
        /** As pandas' {@code to_csv} writes them: the reader infers each column's storage. */
        CSV,
        /** As Arrow IPC files of the frames' own storage types (an all-missing text column stays text). */
        ARROW
    }

    /**
     * Values (and the tests of them) that differ from Evidently's by design, by case and format
     * (docs/conformance.md, "Data summary"). {@code empty_columns} as CSV: a column whose cells are all empty
     * has no storage type in a CSV file; it reads as numbers, as pandas' {@code read_csv} reads it
     * ({@code float64}), so it equals the all-empty numerical column, and Evidently given the same
     * file would count that pair too; the oracle built its frame in memory with a text column.
     */
    private static final Map<String, List<String>> KNOWN_DIFFERENCES = Map.of(
            "visible-ds-empty_columns-0/CSV", List.of("current/duplicated_columns_count/value"),
            "visible-ds-empty_columns-1/CSV", List.of("current/duplicated_columns_count/value"));

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DataSummaryCase c : DataSummaryCase.load()) {
            for (Format f : Format.values()) {
                out.add(Arguments.of(c, f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void checkReproducesEvidentlysDataSummaryAndTests(DataSummaryCase c, Format format, @TempDir Path dir)
            throws Exception {
        Path current = write(c, "current", format, dir);
        Path monitor = dir.resolve("monitor.yml");
        Files.writeString(monitor, monitor(c.json()), StandardCharsets.UTF_8);
        Path result = dir.resolve("result.json");
        List<String> args = new ArrayList<>(List.of("check", "--current", current.toString(), "--monitor",
                monitor.toString(), "--json", result.toString()));
        if (c.hasReference()) {
            args.addAll(List.of("--reference", write(c, "reference", format, dir).toString()));
        }

        CliRunner.Run run = CliRunner.run(args.toArray(new String[0]));

        assertThat(run.exitCode() & ~(ExitCode.DRIFT.code() | ExitCode.DATA_QUALITY.code()))
                .as("exit code %d, stderr: %s", run.exitCode(), run.stderr()).isZero();
        JsonNode integrity = MAPPER.readTree(result.toFile()).get("integrity");
        assertThat(integrity).as("the integrity section").isNotNull();
        assertThat(integrity.get("errors")).as("errors").isEmpty();
        SoftAssertions soft = new SoftAssertions();
        List<String> known = new ArrayList<>(KNOWN_DIFFERENCES.getOrDefault(c.id(), List.of()));
        known.addAll(KNOWN_DIFFERENCES.getOrDefault(c.id() + "/" + format, List.of()));
        compareValues(c, integrity, known, soft);
        compareUniqueValues(c, integrity, soft);
        Boolean anyFailed = compareTests(c, integrity, known, soft);
        boolean failed = integrity.get("failed").asBoolean();
        soft.assertThat((run.exitCode() & ExitCode.DATA_QUALITY.code()) != 0)
                .as("the data-quality bit of exit code %d", run.exitCode()).isEqualTo(failed);
        if (anyFailed != null) {
            soft.assertThat(failed).as("whether a test failed").isEqualTo(anyFailed);
        }
        soft.assertAll();
    }

    /** One side's frame written for the command, as CSV or Arrow. */
    private static Path write(DataSummaryCase c, String side, Format format, Path dir) throws java.io.IOException {
        if (format == Format.CSV) {
            return Files.writeString(dir.resolve(side + ".csv"), csv(c.json(), side), StandardCharsets.UTF_8);
        }
        Path file = dir.resolve(side + ".arrow");
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            ArrowFileWriter.write(side.equals("current") ? c.current() : c.reference(), out);
        }
        return file;
    }

    /** Every flattened value Evidently computed (but the unique-value counts, compared as maps) against the JSON. */
    private static void compareValues(DataSummaryCase c, JsonNode integrity, List<String> known, SoftAssertions soft) {
        for (Map.Entry<String, Double> e : c.expectedValues().entrySet()) {
            String key = e.getKey();
            if (key.contains("/unique_value_count[")) {
                continue;
            }
            JsonNode actual = at(integrity, key);
            double expected = e.getValue();
            if (known.contains(key)) {
                soft.assertThat(number(actual)).as("%s (a known difference: update the list if it agrees now)", key)
                        .isNotEqualTo(expected);
                continue;
            }
            double[] tolerance = DataSummaryCase.tolerance(key);
            soft.assertThat(close(number(actual), expected, tolerance)).as("%s: Driftwatch %s, Evidently %s", key,
                    actual, expected).isTrue();
        }
    }

    /**
     * Each categorical column's value counts and shares, as maps: the same labels with a count above 0,
     * the same counts, and the shares to 1e-15 relative. (Evidently also lists a value with count 0 when
     * only the other side has it, or for NaN; those are not compared.)
     */
    private static void compareUniqueValues(DataSummaryCase c, JsonNode integrity, SoftAssertions soft) {
        for (JsonNode metric : c.json().get("expected").get("metrics")) {
            if (!metric.get("metric").asText().equals("UniqueValueCount")) {
                continue;
            }
            String column = DataSummaryCase.column(metric);
            for (String side : c.hasReference() ? List.of("current", "reference") : List.of("current")) {
                Map<String, double[]> expected = new LinkedHashMap<>();
                JsonNode value = metric.get(side);
                for (int i = 0; i < value.get("counts").size(); i++) {
                    double count = DataSummaryCase.number(value.get("counts").get(i).get(1));
                    if (count > 0) {
                        expected.put(DataSummaryCase.label(value.get("counts").get(i).get(0)),
                                new double[] {count, DataSummaryCase.number(value.get("shares").get(i).get(1))});
                    }
                }
                JsonNode counts = (side.equals("current") ? integrity : integrity.get("reference"))
                        .at("/columns/" + pointer(column) + "/unique_value_count");
                Map<String, double[]> actual = new LinkedHashMap<>();
                counts.fields().forEachRemaining(f -> {
                    if (f.getValue().get("count").asLong() > 0) {
                        actual.put(f.getKey(), new double[] {f.getValue().get("count").asDouble(),
                                f.getValue().get("share").asDouble()});
                    }
                });
                String where = side + "/unique_value_count[" + column + "]";
                soft.assertThat(actual.keySet()).as(where + " labels").containsExactlyInAnyOrderElementsOf(
                        expected.keySet());
                expected.forEach((label, e) -> {
                    double[] a = actual.get(label);
                    if (a != null) {
                        soft.assertThat(a[0]).as(where + "/" + label + " count").isEqualTo(e[0]);
                        soft.assertThat(close(a[1], e[1], new double[] {1e-15, 0})).as("%s/%s share: %s vs %s", where,
                                label, a[1], e[1]).isTrue();
                    }
                });
            }
        }
    }

    /**
     * Evidently's tests, in its order, against the JSON's: the same metric, column and slot, the tested
     * value within the metric's tolerance, the same status unless the value lies within 1e-9 of a bound.
     *
     * @return whether any of Evidently's tests failed; null when a known difference touches a test
     */
    private static Boolean compareTests(DataSummaryCase c, JsonNode integrity, List<String> known,
            SoftAssertions soft) {
        JsonNode expected = c.json().get("expected").get("tests");
        List<DataSummaryCase.ExpectedTest> tests = c.expectedTests();
        JsonNode actual = integrity.get("tests");
        soft.assertThat(actual.size()).as("number of tests").isEqualTo(tests.size());
        boolean anyFailed = false;
        boolean knownTest = false;
        for (int i = 0; i < Math.min(tests.size(), actual.size()); i++) {
            DataSummaryCase.ExpectedTest e = tests.get(i);
            JsonNode a = actual.get(i);
            String where = "test " + i + " " + e.metric() + (e.column() == null ? "" : "[" + e.column() + "]") + "/"
                    + e.slot();
            anyFailed |= e.status().equals("FAIL");
            if (known.contains("current/" + e.metric() + (e.column() == null ? "" : "[" + e.column() + "]") + "/"
                    + e.slot())) {
                knownTest = true;
                continue;
            }
            soft.assertThat(a.get("metric").asText()).as(where + " metric").isEqualTo(e.metric());
            soft.assertThat(a.path("column").asText(null)).as(where + " column").isEqualTo(e.column());
            soft.assertThat(a.get("slot").asText()).as(where + " slot").isEqualTo(e.slot());
            soft.assertThat(a.get("condition").asText()).as(where + " operator").startsWith(e.op() + " ");
            double[] tolerance = DataSummaryCase.tolerance("current/" + e.metric());
            soft.assertThat(close(number(a.get("value")), e.tested(), tolerance)).as("%s value: %s vs %s", where,
                    a.get("value"), e.tested()).isTrue();
            JsonNode bound = expected.get(i).get("bound");
            double lower = bound.get("kind").asText().equals("reference") ? DataSummaryCase.number(bound.get("lower"))
                    : e.bound();
            double upper = bound.get("kind").asText().equals("reference") ? DataSummaryCase.number(bound.get("upper"))
                    : e.bound();
            // Counts and shares are exact on both sides, so their status must be too; rounding may
            // only move a mean, a deviation or a quantile across a bound.
            boolean rounded = tolerance[0] > 0;
            if (!rounded || !e.nearBound(lower, upper)) {
                soft.assertThat(a.get("status").asText()).as(where + " status (value " + e.tested() + ")")
                        .isEqualTo(e.status());
            }
        }
        return knownTest ? null : anyFailed;
    }

    /** The JSON node of a flattened key: {@code <side>/<metric>[<column>]/<part>}. */
    private static JsonNode at(JsonNode integrity, String key) {
        String[] parts = key.split("/", 2);
        JsonNode side = parts[0].equals("current") ? integrity : integrity.get("reference");
        String rest = parts[1];
        String part = rest.substring(rest.lastIndexOf('/') + 1);
        String metric = rest.substring(0, rest.lastIndexOf('/'));
        int bracket = metric.indexOf('[');
        if (bracket >= 0) {
            String column = metric.substring(bracket + 1, metric.length() - 1);
            String name = metric.substring(0, bracket);
            JsonNode node = side.at("/columns/" + pointer(column) + "/" + name);
            return node.isObject() ? node.path(part) : node;
        }
        JsonNode node = side.at("/dataset/" + metric);
        return node.isObject() ? node.path(part) : node;
    }

    private static String pointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static double number(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? Double.NaN : node.asDouble();
    }

    private static boolean close(double actual, double expected, double[] tolerance) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (actual == expected) {
            return true;
        }
        return Math.abs(actual - expected) <= Math.max(tolerance[0] * Math.abs(expected), tolerance[1]);
    }

    /** The monitor file: the case's column types as declared (none for a case Evidently inferred) and Evidently's tests. */
    static String monitor(JsonNode c) {
        StringBuilder yaml = new StringBuilder("name: ").append(quote(c.get("id").asText())).append('\n');
        JsonNode definition = c.get("data_definition");
        if (!definition.path("inferred").asBoolean()) {
            yaml.append("columns:\n");
            list(yaml, "numerical", definition.get("numerical_columns"));
            list(yaml, "categorical", definition.get("categorical_columns"));
            list(yaml, "text", definition.get("text_columns"));
            JsonNode datetime = definition.get("datetime_columns");
            if (datetime != null && datetime.size() > 1) {
                throw new IllegalArgumentException(c.get("id") + ": a monitor has one datetime column");
            }
            if (datetime != null && datetime.size() == 1) {
                yaml.append("  datetime: ").append(quote(datetime.get(0).asText())).append('\n');
            }
        }
        return yaml.append("integrity: {tests: evidently}\n").toString();
    }

    private static void list(StringBuilder yaml, String key, JsonNode names) {
        if (names == null || names.isEmpty()) {
            return;
        }
        yaml.append("  ").append(key).append(": [");
        for (int i = 0; i < names.size(); i++) {
            yaml.append(i == 0 ? "" : ", ").append(quote(names.get(i).asText()));
        }
        yaml.append("]\n");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * One side's frame as pandas' {@code to_csv(index=False)} writes it: the header, then one line per row;
     * floats as their shortest round-tripping text, ±∞ as {@code inf}/{@code -inf}, booleans
     * {@code True}/{@code False}, date-times {@code yyyy-MM-dd HH:mm:ss}, missing cells empty, text quoted
     * when it holds a comma, a quote or a line break (or is empty, which a bare empty cell would make missing).
     */
    static String csv(JsonNode c, String side) {
        JsonNode columns = c.get("columns");
        int rows = columns.get(0).get(side).size();
        StringBuilder out = new StringBuilder(rows * 64);
        for (int j = 0; j < columns.size(); j++) {
            out.append(j == 0 ? "" : ",").append(text(columns.get(j).get("name").asText()));
        }
        out.append('\n');
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns.size(); j++) {
                JsonNode col = columns.get(j);
                if (j > 0) {
                    out.append(',');
                }
                out.append(cell(col.get("dtype").asText(), col.get(side).get(i)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String cell(String dtype, JsonNode v) {
        if (v.isNull()) {
            return "";
        }
        return switch (dtype) {
            case "float64" -> {
                double d = DataSummaryCase.number(v);
                yield Double.isNaN(d) ? "" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toString(d);
            }
            case "int64" -> Long.toString(v.asLong());
            case "bool" -> v.asBoolean() ? "True" : "False";
            case "datetime" -> PANDAS_DATETIME.format(LocalDateTime.parse(v.asText()));
            case "string" -> text(v.asText());
            default -> throw new IllegalArgumentException("dtype " + dtype);
        };
    }

    private static String text(String s) {
        boolean quote = s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0;
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
