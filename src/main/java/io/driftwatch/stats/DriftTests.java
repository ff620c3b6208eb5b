package io.driftwatch.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every drift test by its Evidently registry name, with default options.
 *
 * <p>Thread-safe: immutable after class initialisation.
 */
public final class DriftTests {
    private static final Map<String, DriftTest> BY_NAME;

    static {
        Map<String, DriftTest> m = new LinkedHashMap<>();
        // One line per test; keep Evidently's registry names.
        register(m, KolmogorovSmirnovTest.withDefaults());
        register(m, CramerVonMisesTest.withDefaults());
        register(m, AndersonDarlingTest.withDefaults());
        register(m, MannWhitneyTest.withDefaults());
        register(m, ChiSquareTest.withDefaults());
        register(m, ZTest.withDefaults());
        register(m, GTest.withDefaults());
        register(m, PopulationStabilityIndex.withDefaults());
        register(m, KullbackLeiblerDivergence.withDefaults());
        register(m, JensenShannonDistance.withDefaults());
        register(m, HellingerDistance.withDefaults());
        register(m, WassersteinDistance.withDefaults());
        register(m, EnergyDistance.withDefaults());
        register(m, ChiSquareHomogeneityTest.withDefaults());
        register(m, GHomogeneityTest.withDefaults());
        register(m, EppsSingletonTest.withDefaults());
        register(m, StudentTTest.withDefaults());
        register(m, EmpiricalMmdTest.withDefaults());
        register(m, TotalVariationDistanceTest.withDefaults());
        register(m, FisherExactTest.withDefaults());
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private DriftTests() {
    }

    /** The test registered under {@code name}, if any. Names are case-sensitive, as in Evidently ({@code TVD}). */
    public static Optional<DriftTest> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** All registered tests, in registry order. */
    public static List<DriftTest> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** All registered names. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    private static void register(Map<String, DriftTest> m, DriftTest test) {
        if (m.putIfAbsent(test.name(), test) != null) {
            throw new IllegalStateException("duplicate test " + test.name());
        }
    }
}
