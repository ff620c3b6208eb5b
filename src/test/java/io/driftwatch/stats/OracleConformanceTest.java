package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.DriftwatchException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single-column oracle case, forced test by name, against Evidently's own numbers with the
 * tolerances of the oracle README (section 2). A case Evidently raised for must raise a
 * {@link DriftwatchException} here. Cases no port can reproduce bit for bit are listed in
 * {@link #KNOWN_DIFFERENCES} with the reason; {@code docs/conformance.md} carries the same table.
 */
class OracleConformanceTest {

    // Declared before KNOWN_DIFFERENCES: static initialisers run in order.
    static final List<String> FILES = List.of(
            "ks", "chisquare", "z", "psi", "wasserstein", "jensenshannon", "kl_div", "hellinger", "anderson",
            "cramer_von_mises", "ed", "es", "t_test", "mannw", "empirical_mmd", "TVD", "fisher_exact", "g_test");

    /**
     * Case id → why it is not compared, from {@code oracle/known-differences/<test>.tsv} (one
     * {@code id<TAB>reason} per line); mirrored in docs/conformance.md.
     */
    static final Map<String, String> KNOWN_DIFFERENCES = loadKnownDifferences();

    static Stream<OracleCase> cases() {
        String only = System.getProperty("oracle.tests");
        List<String> files = only == null || only.isBlank() ? FILES : List.of(only.split(","));
        return files.stream().flatMap(t -> OracleCase.load("stattest_" + t + ".json").stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesEvidently(OracleCase c) {
        Assumptions.assumeFalse(KNOWN_DIFFERENCES.containsKey(c.id()), () -> KNOWN_DIFFERENCES.get(c.id()));
        DriftTest test = DriftTests.byName(c.expected().get("stattest").asText())
                .orElseThrow(() -> new AssertionError("no test registered as " + c.test()));
        JsonNode expected = c.expected();
        assertThat(test.displayName()).isEqualTo(expected.get("stattest_display_name").asText());
        assertThat(test.defaultThreshold()).isEqualTo(expected.get("default_threshold").asDouble());
        double threshold = c.threshold();
        ColumnSample sample = c.sample();

        if (!expected.get("error").isNull()) {
            assertThatThrownBy(() -> test.test(sample, threshold))
                    .as("Evidently raised %s", expected.get("error").asText())
                    .isInstanceOf(DriftwatchException.class);
            return;
        }
        TestResult result = test.test(sample, threshold);
        double want = OracleCase.number(expected.get("drift_score"));
        boolean wantFlag = expected.get("drift_detected").asBoolean();
        assertThat(result.threshold()).isEqualTo(threshold);

        if (c.flag("monte_carlo") || c.flag("nondeterministic")) {
            String key = c.flag("monte_carlo") ? "tvd_observed" : "mmd_statistic";
            assertClose(result.statistic(), OracleCase.number(c.details().get(key)), 1e-9, 1e-12, c.id() + " " + key);
            double margin = c.flag("monte_carlo") ? 0.05 : 0.1;
            if (Math.abs(want - threshold) > margin) {
                assertThat(result.drifted()).as("%s drift flag (p=%s, Evidently p=%s)", c.id(), result.score(), want)
                        .isEqualTo(wantFlag);
            }
            return;
        }
        Tolerance tol = Tolerance.of(c);
        assertClose(result.score(), want, tol.relative, tol.absolute, c.id() + " drift score");
        if (result.drifted() != wantFlag) {
            // Only a score within tolerance of the threshold may flip the verdict.
            assertThat(Math.abs(want - threshold)).as("%s verdict differs far from the threshold", c.id())
                    .isLessThanOrEqualTo(Math.max(tol.absolute, tol.relative * Math.abs(want)));
        }
    }

    static Map<String, String> loadKnownDifferences() {
        Map<String, String> known = new java.util.HashMap<>();
        for (String test : FILES) {
            try (java.io.InputStream in = OracleConformanceTest.class
                    .getResourceAsStream("/oracle/known-differences/" + test + ".tsv")) {
                if (in == null) {
                    continue;
                }
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        String[] parts = line.split("\t", 2);
                        known.put(parts[0].trim(), parts.length > 1 ? parts[1].trim() : "");
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return known;
    }

    static void assertClose(double actual, double expected, double relative, double absolute, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
            return;
        }
        if (Double.isInfinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        double diff = Math.abs(actual - expected);
        assertThat(diff <= absolute || diff <= relative * Math.abs(expected))
                .as("%s: got %s, Evidently %s (diff %s, rel %s, abs %s)", what, actual, expected, diff, relative, absolute)
                .isTrue();
    }

    /** Tolerances of the oracle README, section 2. */
    record Tolerance(double relative, double absolute) {
        static Tolerance of(OracleCase c) {
            String test = c.expected().get("stattest").asText();
            return switch (test) {
                case "psi", "kl_div", "wasserstein", "ed" -> new Tolerance(1e-9, 1e-12);
                case "hellinger", "jensenshannon" -> new Tolerance(1e-9, 1e-7);
                case "chisquare", "g_test", "t_test", "z", "mannw", "es" -> new Tolerance(1e-8, 1e-12);
                case "ks" -> "exact".equals(c.details().path("ks_auto_method").asText())
                        ? new Tolerance(1e-7, 1e-12) : new Tolerance(1e-6, 1e-12);
                case "anderson" -> new Tolerance(1e-6, 1e-12);
                case "cramer_von_mises" -> new Tolerance(1e-9, 1e-6);
                case "fisher_exact" -> new Tolerance(1e-9, 1e-12);
                default -> throw new AssertionError("no tolerance for " + test);
            };
        }
    }
}
