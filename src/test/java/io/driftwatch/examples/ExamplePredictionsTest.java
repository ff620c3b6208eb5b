package io.driftwatch.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed examples are exactly what {@link ExamplePredictions} makes from the raw UCI files kept in
 * {@code src/test/resources/examples-source}, and they still show what their READMEs say: a control and a
 * drifted batch as good as the reference, a degraded batch clearly worse.
 */
class ExamplePredictionsTest {
    private static final Path SOURCE = Path.of("src/test/resources/examples-source");
    private static final Path EXAMPLES = Path.of("examples");
    private static List<Example> generated;

    /** The examples made in memory, once for the class (training takes a few seconds). */
    private static synchronized List<Example> generated() {
        if (generated == null) {
            try {
                generated = ExamplePredictions.generate(SOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return generated;
    }

    static Stream<ExampleFile> generatedFiles() {
        return generated().stream().flatMap(e -> e.files().stream());
    }

    static Stream<Example> generatedExamples() {
        return generated().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedFiles")
    void committedFileIsExactlyWhatTheProgramMakes(ExampleFile file) throws IOException {
        Path committed = EXAMPLES.resolve(file.path());
        assertThat(committed).as("regenerate with ExamplePredictions (see its Javadoc)").isRegularFile();
        byte[] actual = Files.readAllBytes(committed);
        byte[] expected = file.content();
        if (!Arrays.equals(actual, expected)) {
            String[] a = new String(actual, StandardCharsets.US_ASCII).split("\n", -1);
            String[] e = new String(expected, StandardCharsets.US_ASCII).split("\n", -1);
            int line = 0;
            while (line < a.length && line < e.length && a[line].equals(e[line])) {
                line++;
            }
            fail("%s differs from what ExamplePredictions makes, first at line %d:%n committed: %s%n made:      %s",
                    committed, line + 1, line < a.length ? a[line] : "(end of file)",
                    line < e.length ? e[line] : "(end of file)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedExamples")
    void readmeShowsTheFiguresMeasuredOnTheFiles(Example example) throws IOException {
        String readme = Files.readString(EXAMPLES.resolve(example.readme()), StandardCharsets.UTF_8);
        assertThat(readme).as(example.readme()).contains(example.figures());
    }

    @Test
    void controlAndDriftedBatchesAreAsGoodAsTheReference() {
        BinaryScores reference = scores("adult/reference.csv");
        for (String batch : List.of("adult/current.csv", "adult/current-drifted.csv")) {
            BinaryScores current = scores(batch);
            assertThat(current.rows()).as(batch).isGreaterThanOrEqualTo(2000);
            assertThat(current.accuracy()).as(batch + " accuracy").isGreaterThan(reference.accuracy() - 0.02);
            assertThat(current.f1()).as(batch + " F1").isGreaterThan(reference.f1() - 0.02);
            assertThat(current.rocAuc()).as(batch + " ROC AUC").isGreaterThan(reference.rocAuc() - 0.02);
        }
    }

    @Test
    void degradedBatchIsClearlyWorseThanTheReference() {
        BinaryScores reference = scores("adult/reference.csv");
        BinaryScores degraded = scores("adult/current-degraded.csv");

        assertThat(degraded.rows()).isGreaterThanOrEqualTo(2000);
        assertThat(degraded.accuracy()).as("accuracy, 10 % below the reference").isLessThan(0.9 * reference.accuracy());
        assertThat(degraded.f1()).as("F1, 10 % below the reference").isLessThan(0.9 * reference.f1());
    }

    @Test
    void noRequestIdIsInTwoBatchesOrTwiceInOne() {
        Set<String> seen = new HashSet<>();
        for (String batch : List.of("adult/reference.csv", "adult/current.csv", "adult/current-drifted.csv",
                "adult/current-degraded.csv")) {
            for (String[] row : rows(batch)) {
                assertThat(seen.add(row[0])).as("%s: %s seen before", batch, row[0]).isTrue();
            }
        }
    }

    @Test
    void lateLabelsAreTheControlBatchLabelsInTwoHalves() {
        List<String[]> control = rows("adult/current.csv");
        List<String[]> predictions = rows("adult/current-predictions.csv");
        List<String[]> labels = new ArrayList<>(rows("adult/labels-day2.csv"));
        int day2 = labels.size();
        labels.addAll(rows("adult/labels-day3.csv"));

        assertThat(day2).isEqualTo(control.size() / 2);
        assertThat(predictions).hasSameSizeAs(control);
        assertThat(labels).hasSameSizeAs(control);
        int income = header("adult/current.csv").indexOf("income");
        for (int i = 0; i < control.size(); i++) {
            List<String> withoutIncome = new ArrayList<>(List.of(control.get(i)));
            withoutIncome.remove(income);
            assertThat(predictions.get(i)).as("row %d", i + 1).containsExactlyElementsOf(withoutIncome);
            assertThat(labels.get(i)).as("label %d", i + 1).containsExactly(control.get(i)[0], control.get(i)[income]);
        }
    }

    @Test
    void predictedLabelIsTheRoundedProbabilityAtLeastOneHalf() {
        for (String batch : List.of("adult/reference.csv", "adult/current.csv", "adult/current-drifted.csv",
                "adult/current-degraded.csv", "adult/current-predictions.csv")) {
            List<String> header = header(batch);
            int predicted = header.indexOf("income_pred");
            int probability = header.indexOf("income_proba");
            for (String[] row : rows(batch)) {
                assertThat(row[probability]).matches("[01]\\.\\d{4}");
                assertThat(row[predicted]).as("%s %s", batch, row[0])
                        .isEqualTo(Double.parseDouble(row[probability]) >= 0.5 ? ">50K" : "<=50K");
            }
        }
    }

    @Test
    void regressionRowsAreTheBikeSharingExampleRowsWithAForecastAdded() throws IOException {
        for (String name : List.of("reference.csv", "current.csv")) {
            String made = new String(file("bike-sharing-regression/" + name), StandardCharsets.US_ASCII);
            StringBuilder withoutForecast = new StringBuilder();
            for (String line : made.split("\r\n")) {
                withoutForecast.append(line, 0, line.lastIndexOf(',')).append("\r\n");
            }
            assertThat(withoutForecast.toString()).as(name)
                    .isEqualTo(Files.readString(EXAMPLES.resolve("bike-sharing/" + name), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void forecastForJanuary2012IsWorseThanForJanuary2011() {
        RegressionScores reference = regressionScores("bike-sharing-regression/reference.csv");
        RegressionScores current = regressionScores("bike-sharing-regression/current.csv");

        assertThat(current.mae()).isGreaterThan(1.1 * reference.mae());
        assertThat(current.rmse()).isGreaterThan(1.1 * reference.rmse());
    }

    @Test
    void refusesASourceFileThatIsNotTheUciOriginal(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("adult.data"), "39, State-gov, 77516, Bachelors, 13, Never-married,"
                + " Adm-clerical, Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K\n");

        assertThatThrownBy(() -> ExamplePredictions.generate(folder)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("adult.data in " + folder + " is not the UCI original: sha256 ")
                .hasMessageEndingWith(", expected " + AdultExample.DATA_SHA256);
    }

    @Test
    void refusesAReadmeWithoutTheFiguresSection() {
        Example adult = generated().get(0);

        assertThatThrownBy(() -> adult.withFigures("# Adult\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("adult/README.md has no section between");
    }

    private static byte[] file(String path) {
        for (Example example : generated()) {
            for (ExampleFile file : example.files()) {
                if (file.path().equals(path)) {
                    return file.content();
                }
            }
        }
        throw new AssertionError("ExamplePredictions makes no " + path);
    }

    private static List<String> header(String path) {
        String text = new String(file(path), StandardCharsets.US_ASCII);
        return List.of(text.substring(0, text.indexOf('\n')).strip().split(",", -1));
    }

    private static List<String[]> rows(String path) {
        String[] lines = new String(file(path), StandardCharsets.US_ASCII).split("\r?\n");
        List<String[]> rows = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            rows.add(lines[i].split(",", -1));
        }
        return rows;
    }

    private static BinaryScores scores(String path) {
        List<String> header = header(path);
        List<String[]> rows = rows(path);
        int income = header.indexOf("income");
        int predicted = header.indexOf("income_pred");
        int probability = header.indexOf("income_proba");
        boolean[] truth = new boolean[rows.size()];
        boolean[] guess = new boolean[rows.size()];
        double[] p = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            truth[i] = rows.get(i)[income].equals(">50K");
            guess[i] = rows.get(i)[predicted].equals(">50K");
            p[i] = Double.parseDouble(rows.get(i)[probability]);
        }
        return BinaryScores.of(truth, guess, p);
    }

    private static RegressionScores regressionScores(String path) {
        List<String> header = header(path);
        List<String[]> rows = rows(path);
        int target = header.indexOf("cnt");
        int forecast = header.indexOf("cnt_pred");
        double[] truth = new double[rows.size()];
        double[] prediction = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            truth[i] = Double.parseDouble(rows.get(i)[target]);
            prediction[i] = Double.parseDouble(rows.get(i)[forecast]);
        }
        return RegressionScores.of(truth, prediction);
    }
}
