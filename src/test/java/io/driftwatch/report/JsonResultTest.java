package io.driftwatch.report;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.analysis.Sections;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.drift.Correction;
import io.driftwatch.drift.DriftAnalysis;
import io.driftwatch.drift.DriftOptions;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.io.Datasets;
import io.driftwatch.io.TypeInference;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.quality.QualityAnalysis;
import io.driftwatch.quality.QualityResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The JSON result of several kinds of check validates against {@code docs/result.schema.json}, which
 * itself is a valid draft 2020-12 schema that rejects documents breaking the contract.
 */
public class JsonResultTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = loadSchema();

    /** Every way {@code document} breaks the result schema; empty when it is valid. */
    public static Set<String> schemaErrors(JsonNode document) {
        return SCHEMA.validate(document).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    private static JsonSchema loadSchema() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(Path.of("docs/result.schema.json"))) {
            return factory.getSchema(in, config);
        } catch (IOException e) {
            throw new IllegalStateException("docs/result.schema.json must be readable from the project root", e);
        }
    }

    @Test
    void schemaIsAValidDraft202012Schema() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema meta = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        JsonNode schema = MAPPER.readTree(Path.of("docs/result.schema.json").toFile());
        assertThat(meta.validate(schema)).isEmpty();
    }

    @Test
    void bikeSharingResultIsSchemaValidAndCarriesTheContractFields() throws IOException {
        CheckReport report = bikeSharing();
        JsonNode json = MAPPER.readTree(JsonResult.of(report).toJson());

        assertThat(schemaErrors(json)).isEmpty();
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.at("/reference/rows").asInt()).isEqualTo(688);
        assertThat(json.at("/current/rows").asInt()).isEqualTo(741);
        assertThat(json.at("/current/sha256").asText()).hasSize(64);
        assertThat(json.at("/datasetDrift/numberOfColumns").asInt()).isEqualTo(report.drift().dataset().numberOfColumns());
        JsonNode temp = column(json, "temp");
        assertThat(temp.get("test").asText()).isEqualTo("ks");
        assertThat(temp.get("displayName").asText()).isEqualTo("K-S p_value");
        assertThat(temp.get("comparison").asText()).isEqualTo("<=");
        assertThat(temp.get("drifted").asBoolean()).isTrue();
        assertThat(temp.get("error").isNull()).isTrue();
        assertThat(temp.get("adjustedScore").isNull()).as("no correction ran").isTrue();
        assertThat(temp.get("statistic").isNumber()).as("KS D").isTrue();
        assertThat(column(json, "cnt").get("role").asText()).isEqualTo("target");
    }

    @Test
    void columnThatCannotBeTestedHasNullScoreNoDriftAndAnError() throws IOException {
        Table reference = Table.of(List.of(normal("x", 200, 0), missingOnly("empty", 200)));
        Table current = Table.of(List.of(normal("x", 200, 2), normal("empty", 200, 0)));
        JsonNode json = MAPPER.readTree(JsonResult.of(report(reference, current, DriftOptions.defaults())).toJson());

        assertThat(schemaErrors(json)).isEmpty();
        JsonNode empty = column(json, "empty");
        assertThat(empty.get("score").isNull()).isTrue();
        assertThat(empty.get("test").isNull()).isTrue();
        assertThat(empty.get("drifted").asBoolean()).isFalse();
        assertThat(empty.get("error").asText()).contains("no values left to test in the reference");
        assertThat(empty.get("referenceMissingShare").asDouble()).isEqualTo(1.0);
        assertThat(json.at("/datasetDrift/numberOfErrors").asInt()).isEqualTo(1);
    }

    @Test
    void correctedCheckWritesTheAdjustedPValueItDecidedWith() throws IOException {
        List<io.driftwatch.data.Column> ref = new ArrayList<>();
        List<io.driftwatch.data.Column> cur = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ref.add(normal("c" + i, 300, 0));
            cur.add(normal("c" + i, 300, i == 0 ? 0.3 : 0));
        }
        DriftOptions options = DriftOptions.defaults().withCorrection(Correction.BONFERRONI);
        CheckReport report = report(Table.of(ref), Table.of(cur), options);
        JsonNode json = MAPPER.readTree(JsonResult.of(report).toJson());

        assertThat(schemaErrors(json)).isEmpty();
        assertThat(json.at("/datasetDrift/correction").asText()).isEqualTo("bonferroni");
        JsonNode c0 = column(json, "c0");
        assertThat(c0.get("adjustedScore").asDouble()).isEqualTo(Math.min(1, 5 * c0.get("score").asDouble()));
    }

    @Test
    void newAndGoneCategoriesAreListed() throws IOException {
        Table reference = Table.of(List.of(CategoricalColumn.of("city", repeat(20, "Oslo", "Lima", "Pune"))));
        Table current = Table.of(List.of(CategoricalColumn.of("city", repeat(20, "Oslo", "Lima", "Kyiv", null))));
        JsonNode json = MAPPER.readTree(JsonResult.of(report(reference, current, DriftOptions.defaults())).toJson());

        assertThat(schemaErrors(json)).isEmpty();
        JsonNode city = column(json, "city");
        assertThat(city.get("newCategories")).extracting(JsonNode::asText).containsExactly("Kyiv");
        assertThat(city.get("goneCategories")).extracting(JsonNode::asText).containsExactly("Pune");
        assertThat(city.get("currentMissingShare").asDouble()).isEqualTo(0.25);
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNullNeverAsNaNTokens() throws IOException {
        // One category on both sides: chi-square has 0 degrees of freedom, so its p-value is NaN
        // (as SciPy's), an undefined score that never drifts.
        Table reference = Table.of(List.of(CategoricalColumn.of("k", repeat(50, "only"))));
        Table current = Table.of(List.of(CategoricalColumn.of("k", repeat(60, "only"))));
        CheckReport report = report(reference, current, DriftOptions.defaults().withCatMethod("chisquare"));
        assertThat(report.drift().columns().get(0).result().score()).isNaN();

        String text = JsonResult.of(report).toJson();

        assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
        JsonNode json = MAPPER.readTree(text);
        assertThat(schemaErrors(json)).isEmpty();
        JsonNode k = column(json, "k");
        assertThat(k.get("score").isNull()).isTrue();
        assertThat(k.get("error").isNull()).isTrue();
        assertThat(k.get("drifted").asBoolean()).isFalse();
    }

    @Test
    void schemaRejectsDocumentsThatBreakTheContract() throws IOException {
        ObjectNode valid = (ObjectNode) MAPPER.readTree(JsonResult.of(bikeSharing()).toJson());
        assertThat(schemaErrors(valid)).isEmpty();

        ObjectNode missingVersion = valid.deepCopy();
        missingVersion.remove("schemaVersion");
        assertThat(schemaErrors(missingVersion)).anyMatch(m -> m.contains("schemaVersion"));

        ObjectNode nanAsString = valid.deepCopy();
        ((ObjectNode) nanAsString.get("columns").get(0)).put("score", "NaN");
        assertThat(schemaErrors(nanAsString)).isNotEmpty();

        ObjectNode typo = valid.deepCopy();
        ((ObjectNode) typo.get("datasetDrift")).put("detcted", true);
        assertThat(schemaErrors(typo)).anyMatch(m -> m.contains("detcted"));

        ObjectNode errorThatDrifted = valid.deepCopy();
        ObjectNode first = (ObjectNode) errorThatDrifted.get("columns").get(0);
        first.put("error", "boom");
        first.put("drifted", true);
        assertThat(schemaErrors(errorThatDrifted)).isNotEmpty();

        ObjectNode badHash = valid.deepCopy();
        ((ObjectNode) badHash.get("current")).put("sha256", "abc");
        assertThat(schemaErrors(badHash)).isNotEmpty();
    }

    @Test
    void qualitySectionsAreSchemaValidAndTheSchemaRejectsABrokenOne() throws IOException {
        // a binary classifier with probabilities, with and without a reference (of one class: some of its
        // metrics are undefined), and a regression
        Table reference = Table.of(List.of(
                NumericColumn.wrap("y", PhysicalType.INTEGER, new double[] {1, 1, 1, 1, 1, 1}, 6),
                NumericColumn.wrap("p", PhysicalType.FLOAT, new double[] {0.2, 0.9, 0.6, 0.4, 0.3, 0.8}, 6)));
        Table current = Table.of(List.of(
                NumericColumn.wrap("y", PhysicalType.INTEGER, new double[] {1, 1, 0, 0, 1}, 5),
                NumericColumn.wrap("p", PhysicalType.FLOAT, new double[] {0.7, 0.2, 0.1, 0.8, 0.9}, 5)));
        ModelSpec binary = ModelSpec.binary("y", null, "p");
        ModelSpec regression = ModelSpec.regression("y", "p");
        List<JsonNode> results = new ArrayList<>();
        for (ModelSpec spec : List.of(binary, regression)) {
            for (boolean withReference : List.of(true, false)) {
                ReferenceProfile profile = ReferenceProfile.of(reference).keepingRows(reference, spec.columns());
                QualityResult quality = QualityAnalysis.of(spec).run(new CheckData(
                        withReference ? Optional.of(profile) : Optional.empty(), current, Map.of()));
                results.add(MAPPER.readTree(JsonResult.of(report(reference, current, quality, withReference)).toJson()));
            }
        }

        for (JsonNode json : results) {
            assertThat(schemaErrors(json)).as("%s", json.get("quality")).isEmpty();
        }
        JsonNode withReference = results.get(0);
        assertThat(withReference.at("/quality/current/byLabel/1/precision").isNumber()).isTrue();
        assertThat(withReference.at("/quality/reference/metricErrors/roc_auc").isTextual())
                .as("a reference of one class leaves its ROC AUC undefined, with why").isTrue();
        assertThat(results.get(1).at("/quality/baselines/dummy_accuracy").isNumber()).isTrue();
        assertThat(results.get(2).at("/quality/current/metrics/mae/std").isNumber()).isTrue();
        assertThat(results.get(3).at("/quality/baselineTests")).isNotEmpty();

        ObjectNode typo = withReference.deepCopy();
        ((ObjectNode) typo.at("/quality/current")).put("rowsUsed", 5);
        assertThat(schemaErrors(typo)).anyMatch(m -> m.contains("rowsUsed"));
        ObjectNode badStatus = withReference.deepCopy();
        ((ObjectNode) badStatus.at("/quality/tests/0")).put("status", "PASSED");
        assertThat(schemaErrors(badStatus)).isNotEmpty();
        ObjectNode badTask = withReference.deepCopy();
        ((ObjectNode) badTask.get("quality")).put("task", "classification");
        assertThat(schemaErrors(badTask)).isNotEmpty();
        ObjectNode countAsText = withReference.deepCopy();
        ((ArrayNode) countAsText.at("/quality/current/confusionMatrix/matrix/0")).set(0, "2");
        assertThat(schemaErrors(countAsText)).isNotEmpty();
    }

    /** A check of {@code current} whose sections are its drift (with a reference) and {@code quality}. */
    private static CheckReport report(Table reference, Table current, QualityResult quality, boolean withReference) {
        Map<String, ColumnType> types = TypeInference.infer(current, Map.of());
        if (!withReference) {
            return new CheckReport("cur", Sections.of(quality), null, current, types, null, null,
                    new BatchInfo("cur.csv", "csv", current.rowCount(), null), new Timings(0, 0, 0), Instant.now(),
                    "test");
        }
        ReferenceProfile profile = ReferenceProfile.of(reference);
        DriftResult drift = DriftAnalysis.sequential().run(profile, current, types, DriftOptions.defaults());
        return new CheckReport("ref vs cur", Sections.of(drift, quality), profile, current, types, null,
                new BatchInfo("ref.csv", "csv", reference.rowCount(), null),
                new BatchInfo("cur.csv", "csv", current.rowCount(), null), new Timings(0, 0, 0), Instant.now(), "test");
    }

    private static JsonNode column(JsonNode json, String name) {
        for (JsonNode c : json.get("columns")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name + " in " + json);
    }

    private static CheckReport bikeSharing() {
        Datasets.Dataset ref = Datasets.read(Path.of("examples/bike-sharing/reference.csv"));
        Datasets.Dataset cur = Datasets.read(Path.of("examples/bike-sharing/current.csv"));
        Map<String, ColumnType> types = TypeInference.infer(cur.table(), Map.of());
        ReferenceProfile profile = ReferenceProfile.of(ref.table());
        DriftResult result = DriftAnalysis.sequential().run(profile, cur.table(), types, DriftOptions.defaults());
        return new CheckReport("bike-sharing", Sections.of(result), profile, cur.table(), types,
                new ColumnRoles("cnt", null, "dteday"),
                new BatchInfo(ref.source(), ref.format().label(), ref.table().rowCount(), ref.sha256()),
                new BatchInfo(cur.source(), cur.format().label(), cur.table().rowCount(), cur.sha256()),
                new Timings(3, 2, 5), Instant.parse("2026-01-31T06:00:00Z"), "test");
    }

    private static CheckReport report(Table reference, Table current, DriftOptions options) {
        Map<String, ColumnType> types = TypeInference.infer(current, Map.of());
        ReferenceProfile profile = ReferenceProfile.of(reference);
        DriftResult result = DriftAnalysis.sequential().run(profile, current, types, options);
        return new CheckReport("ref vs cur", Sections.of(result), profile, current, types, null,
                new BatchInfo("ref.csv", "csv", reference.rowCount(), null),
                new BatchInfo("cur.csv", "csv", current.rowCount(), null),
                new Timings(0, 0, 0), Instant.now(), "test");
    }

    private static NumericColumn normal(String name, int n, double mean) {
        Random random = new Random(name.hashCode() * 31L + (long) (mean * 1000));
        NumericColumnBuilder b = new NumericColumnBuilder(name, PhysicalType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            b.append(mean + random.nextGaussian());
        }
        return b.build();
    }

    private static NumericColumn missingOnly(String name, int n) {
        NumericColumnBuilder b = new NumericColumnBuilder(name, PhysicalType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            b.appendMissing();
        }
        return b.build();
    }

    private static String[] repeat(int times, String... labels) {
        String[] out = new String[times * labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i % labels.length];
        }
        return out;
    }
}
