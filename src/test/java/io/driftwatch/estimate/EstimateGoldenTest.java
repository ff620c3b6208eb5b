package io.driftwatch.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.data.Chunks;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden values from scikit-learn 1.2.1 and NannyML's formulas, written by
 * {@code src/test/python/estimate_golden.py} into {@code src/test/resources/estimate/}: isotonic
 * calibration straight from {@code sklearn.isotonic.IsotonicRegression(out_of_bounds="clip")}; for
 * CBPE the calibration decision and its two ECEs ({@code needs_calibration} on
 * {@code StratifiedShuffleSplit(10, 0.1, 42)}), the expected confusion matrix, every estimated
 * metric, its sampling error (the average precision's bootstrap from {@code RandomState(42)}), the
 * realized metrics (scikit-learn) and the thresholds. All within 1e-12 relative.
 */
class EstimateGoldenTest {
    private static final double RELATIVE = 1e-12;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<JsonNode> isotonicCases() throws IOException {
        return elements(read("isotonic.json"));
    }

    static Stream<JsonNode> binaryCases() throws IOException {
        return elements(read("cbpe.json").get("binary"));
    }

    static Stream<JsonNode> multiclassCases() throws IOException {
        return elements(read("cbpe.json").get("multiclass"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("isotonicCases")
    void isotonicCalibrationMatchesScikitLearn(JsonNode c) {
        double[] x = doubles(c.get("x"));
        IsotonicCalibrator calibrator = IsotonicCalibrator.fit(x, doubles(c.get("y")), x.length);
        assertClose(doubles(c.get("thresholds")), calibrator.thresholds(), "X_thresholds_");
        assertClose(doubles(c.get("values")), calibrator.values(), "y_thresholds_");
        double[] t = doubles(c.get("t"));
        assertClose(doubles(c.get("predicted")), calibrator.apply(t, t.length), "predict");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryCases")
    void binaryCbpeMatchesNannyMlsFormulas(JsonNode c) {
        JsonNode ref = c.get("reference");
        JsonNode ana = c.get("analysis");
        int chunk = c.get("chunk").asInt();
        int[] refActual = ints(ref.get("actual"));
        BinaryCbpe cbpe = Cbpe.withDefaults().fitBinary(refActual, ints(ref.get("predicted")),
                doubles(ref.get("probability")), Chunks.byRows(refActual.length, chunk, Chunks.Remainder.KEEP));
        CalibrationDecision d = cbpe.calibration();
        assertEquals(c.get("calibrated").asBoolean(), d.calibrated(), "calibrated");
        assertClose(c.get("ece_uncalibrated").asDouble(), d.eceUncalibrated(), "ECE uncalibrated");
        assertClose(c.get("ece_calibrated").asDouble(), d.eceCalibrated(), "ECE calibrated");
        for (CbpeMetric m : CbpeMetric.values()) {
            JsonNode band = c.get("thresholds").get(m.key());
            assertClose(band.get(0).asDouble(), cbpe.thresholds(m).lower(), m.key() + " lower threshold");
            assertClose(band.get(1).asDouble(), cbpe.thresholds(m).upper(), m.key() + " upper threshold");
        }
        int[] actual = ints(ana.get("actual"));
        CbpeResult result = cbpe.estimate(ints(ana.get("predicted")), doubles(ana.get("probability")), actual,
                Chunks.byRows(actual.length, chunk, Chunks.Remainder.KEEP));
        JsonNode chunks = c.get("chunks");
        assertEquals(chunks.size(), result.expectedConfusion().size());
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode g = chunks.get(i);
            ExpectedConfusion e = result.expectedConfusion().get(i);
            double[] conf = doubles(g.get("confusion"));
            assertClose(conf, new double[] {e.truePositive(), e.falsePositive(), e.falseNegative(), e.trueNegative()},
                    "chunk " + i + " expected confusion");
            for (CbpeMetric m : CbpeMetric.values()) {
                ChunkEstimate est = result.metric(m).chunks().get(i);
                String where = "chunk " + i + " " + m.key();
                assertClose(g.get("estimated").get(m.key()).asDouble(), est.value(), where + " estimate");
                assertClose(g.get("sampling_error").get(m.key()).asDouble(), est.samplingError(),
                        where + " sampling error");
                assertClose(orNaN(g.get("realized").get(m.key())), est.realized(), where + " realized");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiclassCases")
    void multiclassCbpeMatchesNannyMlsFormulas(JsonNode c) {
        JsonNode ref = c.get("reference");
        JsonNode ana = c.get("analysis");
        int chunk = c.get("chunk").asInt();
        int[] refActual = ints(ref.get("actual"));
        MulticlassCbpe cbpe = Cbpe.withDefaults().fitMulticlass(refActual, ints(ref.get("predicted")),
                matrix(ref.get("probabilities")), Chunks.byRows(refActual.length, chunk, Chunks.Remainder.KEEP));
        JsonNode decisions = c.get("decisions");
        for (int k = 0; k < decisions.size(); k++) {
            CalibrationDecision d = cbpe.calibration().get(k);
            assertEquals(decisions.get(k).get("calibrated").asBoolean(), d.calibrated(), "class " + k);
            assertClose(decisions.get(k).get("ece_uncalibrated").asDouble(), d.eceUncalibrated(), "class " + k);
            assertClose(decisions.get(k).get("ece_calibrated").asDouble(), d.eceCalibrated(), "class " + k);
        }
        int[] predicted = ints(ana.get("predicted"));
        CbpeResult result = cbpe.estimate(predicted, matrix(ana.get("probabilities")), null,
                Chunks.byRows(predicted.length, chunk, Chunks.Remainder.KEEP));
        JsonNode chunks = c.get("chunks");
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode g = chunks.get(i);
            for (CbpeMetric m : CbpeMetric.values()) {
                ChunkEstimate est = result.metric(m).chunks().get(i);
                String where = "chunk " + i + " " + m.key();
                assertClose(g.get("estimated").get(m.key()).asDouble(), est.value(), where + " estimate");
                assertClose(g.get("sampling_error").get(m.key()).asDouble(), est.samplingError(),
                        where + " sampling error");
                assertTrue(Double.isNaN(est.realized()), where + ": no labels given, no realized value");
            }
        }
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], what + "[" + i + "]");
        }
    }

    static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        double tolerance = Math.max(Math.abs(expected) * RELATIVE, 1e-15);
        assertEquals(expected, actual, tolerance, what);
    }

    private static double orNaN(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = EstimateGoldenTest.class.getResourceAsStream("/estimate/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static Stream<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out.stream();
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = orNaN(a.get(i));
        }
        return out;
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static double[][] matrix(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(a.get(i));
        }
        return out;
    }
}
