package io.driftwatch.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One single-column case of the Evidently oracle ({@code src/test/resources/oracle}, copied from
 * {@code shared/oracle/visible}; produced by Evidently 0.7.21 on SciPy 1.10.1, see the oracle
 * README for the exact semantics). Decodes the JSON encodings: {@code null} is missing,
 * {@code "Infinity"}/{@code "-Infinity"}/{@code "NaN"} are non-finite numbers.
 */
public record OracleCase(String file, JsonNode json) {
    static final ObjectMapper MAPPER = new ObjectMapper();

    public static List<OracleCase> load(String resource) {
        try (InputStream in = OracleCase.class.getResourceAsStream("/oracle/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /oracle/" + resource);
            }
            JsonNode root = MAPPER.readTree(in);
            List<OracleCase> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(new OracleCase(resource, c));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String id() {
        return json.get("id").asText();
    }

    public String test() {
        return json.get("test").asText();
    }

    public String scenario() {
        return json.get("scenario").asText();
    }

    public boolean numerical() {
        return json.get("feature_type").asText().equals("num");
    }

    public String dtype() {
        return json.get("dtype").asText();
    }

    public JsonNode expected() {
        return json.get("expected");
    }

    public JsonNode details() {
        return json.get("details");
    }

    public boolean flag(String name) {
        JsonNode n = json.get(name);
        return n != null && n.asBoolean();
    }

    /** The threshold Evidently used. */
    public double threshold() {
        return number(expected().get("threshold"));
    }

    /** The input sample as the drift layer builds it: numbers for numerical or numeric-dtype columns. */
    public ColumnSample sample() {
        if (numerical()) {
            return NumericSamples.clean(numbers(json.get("reference")), numbers(json.get("current")));
        }
        if (dtype().equals("string")) {
            return CategoryCounts.countLabels(strings(json.get("reference")), strings(json.get("current")));
        }
        return NumericSamples.clean(numbers(json.get("reference")), numbers(json.get("current"))).toCategoryCounts();
    }

    public static double number(JsonNode n) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (n.isTextual()) {
            return switch (n.asText()) {
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> throw new IllegalArgumentException("not a number: " + n);
            };
        }
        if (n.isBoolean()) {
            return n.asBoolean() ? 1 : 0;
        }
        return n.asDouble();
    }

    public static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    public static String[] strings(JsonNode array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = array.get(i);
            out[i] = n.isNull() ? null : n.asText();
        }
        return out;
    }

    @Override
    public String toString() {
        return id();
    }
}
