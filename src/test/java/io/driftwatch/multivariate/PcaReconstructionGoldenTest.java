package io.driftwatch.multivariate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.data.Chunks;
import io.driftwatch.data.Table;
import io.driftwatch.io.Datasets;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden values from scikit-learn 1.2.1 on NannyML's preprocessing (SimpleImputer, frequency
 * encoding, StandardScaler, PCA(n_components=0.65)), written by {@code src/test/python/pca_golden.py}
 * into {@code src/test/resources/multivariate/pca_golden.json} with the input CSV files beside it.
 * Cases: mixed numeric and categorical columns with missing cells and an unseen label; a constant
 * numeric and a one-label column (scale 1) with a tied most frequent label; and a cumulative
 * explained variance ratio of exactly 0.65 after two components, where scikit-learn keeps three.
 */
class PcaReconstructionGoldenTest {
    private static final double RELATIVE = 1e-9;

    static Stream<String> cases() {
        return Stream.of("mixed", "constant", "tie");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesScikitLearnComponentsRatiosAndRowErrors(String name) throws IOException, URISyntaxException {
        JsonNode golden = golden().path("cases").path(name);
        Table reference = read(name + "_reference.csv");
        Table current = read(name + "_current.csv");
        List<String> features = new ArrayList<>();
        golden.path("features").forEach(f -> features.add(f.asText()));

        ReconstructionModel model = PcaReconstruction.withDefaults()
                .fit(reference, features, Chunks.byRows(reference, 10));

        assertThat(model.components()).isEqualTo(golden.path("components").asInt());
        assertClose(model.explainedVarianceRatios(), golden.path("explainedVarianceRatio"), 1e-12);
        assertClose(model.rowErrors(reference), golden.path("referenceErrors"), 0);
        assertClose(model.rowErrors(current), golden.path("currentErrors"), 0);
    }

    /** Relative agreement within 1e-9; values below {@code absoluteFloor} (rounding noise around 0) compare absolutely. */
    private static void assertClose(double[] actual, JsonNode expected, double absoluteFloor) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < actual.length; i++) {
            double e = expected.get(i).asDouble();
            double tolerance = Math.max(RELATIVE * Math.abs(e), absoluteFloor);
            assertThat(actual[i]).as("entry %d", i).isCloseTo(e, org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    static JsonNode golden() throws IOException, URISyntaxException {
        return new ObjectMapper().readTree(resource("pca_golden.json").toFile());
    }

    static Table read(String file) throws URISyntaxException {
        return Datasets.read(resource(file)).table();
    }

    private static Path resource(String file) throws URISyntaxException {
        return Path.of(PcaReconstructionGoldenTest.class.getResource("/multivariate/" + file).toURI());
    }
}
