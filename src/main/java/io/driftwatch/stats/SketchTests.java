package io.driftwatch.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every drift test that runs on sketches, by the registry name of its exact counterpart in
 * {@link DriftTests}: {@code ks}, {@code wasserstein}, {@code psi}, {@code kl_div},
 * {@code jensenshannon}, {@code hellinger}, {@code chisquare}, {@code z}. The other exact tests need
 * the data themselves (ranks of every value, pairwise distances, permutations) and have no sketch form.
 *
 * <p>Thread-safe: immutable after class initialisation.
 */
public final class SketchTests {
    private static final Map<String, SketchTest> BY_NAME;

    static {
        Map<String, SketchTest> m = new LinkedHashMap<>();
        register(m, SketchKolmogorovSmirnovTest.withDefaults());
        register(m, SketchWassersteinDistance.withDefaults());
        register(m, SketchBinnedTest.psi());
        register(m, SketchBinnedTest.kullbackLeibler());
        register(m, SketchBinnedTest.jensenShannon());
        register(m, SketchBinnedTest.hellinger());
        register(m, SketchCountTest.chiSquare());
        register(m, SketchCountTest.z());
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private SketchTests() {
    }

    /** The sketch test registered under {@code name}, if the exact test of that name has a sketch form. */
    public static Optional<SketchTest> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** All registered names, in registry order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    private static void register(Map<String, SketchTest> m, SketchTest test) {
        if (DriftTests.byName(test.name()).isEmpty()) {
            throw new IllegalStateException("no exact test named " + test.name());
        }
        if (m.putIfAbsent(test.name(), test) != null) {
            throw new IllegalStateException("duplicate sketch test " + test.name());
        }
    }
}
