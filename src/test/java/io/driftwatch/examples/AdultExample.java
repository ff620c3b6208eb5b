package io.driftwatch.examples;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;

/**
 * {@code examples/adult}: an income classifier and the batches it scores, cut from the UCI Adult data.
 * <ol>
 *   <li>{@code adult.data} is shuffled (seed {@value #SEED}); its first {@value #REFERENCE_ROWS} rows are the
 *       reference, the other 27,561 train the {@link IncomeModel}. The reference is held out, so its quality is
 *       what the model does on people it has not seen, as every later batch is.
 *   <li>{@code adult.test} is shuffled (seed {@value #SEED} + 1); its first {@value #CONTROL_ROWS} rows are
 *       the control batch ({@code current.csv}). {@code adult.test} is an independent random split of the
 *       same census extract, so neither inputs nor quality change.
 *   <li>From the other 11,281 rows of {@code adult.test}: {@code current-drifted.csv} holds everyone matching
 *       {@link #YOUNG_WITH_COLLEGE} (inputs drift strongly, the model stays as good), and
 *       {@code current-degraded.csv} everyone matching {@link #MARRIED_WITHOUT_COLLEGE} (a segment on which
 *       the model is markedly worse). The two selections are disjoint ({@code education-num} at least 10
 *       against at most 9), so no {@code request_id} appears in two batches.
 *   <li>The late-label walk-through: {@code current-predictions.csv} is the control batch without its
 *       {@code income}; {@code labels-day2.csv} carries the labels of its first half of rows,
 *       {@code labels-day3.csv} those of the second half.
 * </ol>
 * Every row carries {@code income_proba}, the model's P(income above $50K) rounded to 4 decimals, and
 * {@code income_pred}, {@code >50K} when that rounded probability is at least 0.5. A missing value, {@code ?}
 * in the raw files, is an empty cell. Stateless; thread-safe.
 */
final class AdultExample {
    static final String FOLDER = "adult";
    static final String DATA_SHA256 = "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d";
    static final String TEST_SHA256 = "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05";
    static final long SEED = 1996;
    static final int REFERENCE_ROWS = 5000;
    static final int CONTROL_ROWS = 5000;
    static final String POSITIVE = ">50K";
    static final String NEGATIVE = "<=50K";

    /** The drifted batch: some college or more ({@code education-num} 10 and up) and 40 or younger. */
    static final Predicate<AdultRecord> YOUNG_WITH_COLLEGE = r -> r.integer(AdultRecord.EDUCATION_NUM) >= 10
            && r.integer(AdultRecord.AGE) <= 40;
    /** The degraded batch: married (civilian spouse) with at most a high-school diploma ({@code education-num} 9). */
    static final Predicate<AdultRecord> MARRIED_WITHOUT_COLLEGE = r -> r.text(AdultRecord.MARITAL_STATUS)
            .equals("Married-civ-spouse") && r.integer(AdultRecord.EDUCATION_NUM) <= 9;

    private AdultExample() {
    }

    /** Trains the model and makes every file from the raw UCI files in {@code source}. */
    static Example build(Path source) throws IOException {
        List<AdultRecord> data = shuffled(AdultRecord.parse(RawSource.read(source, "adult.data", DATA_SHA256),
                "data"), SEED);
        List<AdultRecord> test = shuffled(AdultRecord.parse(RawSource.read(source, "adult.test", TEST_SHA256),
                "test"), SEED + 1);
        List<AdultRecord> training = data.subList(REFERENCE_ROWS, data.size());
        IncomeModel model = IncomeModel.fit(training);

        Scored trainingScores = Scored.of(model, training);
        Scored reference = Scored.of(model, data.subList(0, REFERENCE_ROWS));
        Scored control = Scored.of(model, test.subList(0, CONTROL_ROWS));
        List<AdultRecord> rest = test.subList(CONTROL_ROWS, test.size());
        Scored drifted = Scored.of(model, select(rest, YOUNG_WITH_COLLEGE));
        Scored degraded = Scored.of(model, select(rest, MARRIED_WITHOUT_COLLEGE));

        List<ExampleFile> files = List.of(
                csv("reference.csv", reference, true),
                csv("current.csv", control, true),
                csv("current-drifted.csv", drifted, true),
                csv("current-degraded.csv", degraded, true),
                csv("current-predictions.csv", control, false),
                labels("labels-day2.csv", control, 0, CONTROL_ROWS / 2),
                labels("labels-day3.csv", control, CONTROL_ROWS / 2, CONTROL_ROWS));

        StringBuilder figures = new StringBuilder(Example.BEGIN).append('\n')
                .append("| file | rows | `>50K` rate | accuracy | precision | recall | F1 | ROC AUC |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        figureRow(figures, "training part of `adult.data` (no file; in-sample)", trainingScores.scores());
        figureRow(figures, "`reference.csv`", reference.scores());
        figureRow(figures, "`current.csv`", control.scores());
        figureRow(figures, "`current-drifted.csv`", drifted.scores());
        figureRow(figures, "`current-degraded.csv`", degraded.scores());
        figures.append(Example.END).append('\n');
        return new Example(FOLDER, files, figures.toString());
    }

    /** The records in a random order drawn from {@code seed} (Fisher-Yates with {@link Random}). */
    static List<AdultRecord> shuffled(List<AdultRecord> records, long seed) {
        List<AdultRecord> copy = new ArrayList<>(records);
        Random random = new Random(seed);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            AdultRecord swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return copy;
    }

    private static List<AdultRecord> select(List<AdultRecord> records, Predicate<AdultRecord> selection) {
        List<AdultRecord> selected = new ArrayList<>();
        for (AdultRecord r : records) {
            if (selection.test(r)) {
                selected.add(r);
            }
        }
        return selected;
    }

    private static ExampleFile csv(String name, Scored batch, boolean withLabel) {
        StringBuilder out = new StringBuilder(batch.rows.size() * 160);
        out.append("request_id");
        for (String column : AdultRecord.COLUMNS) {
            out.append(',').append(column);
        }
        out.append(withLabel ? ",income" : "").append(",income_pred,income_proba\n");
        for (int i = 0; i < batch.rows.size(); i++) {
            AdultRecord r = batch.rows.get(i);
            out.append(r.id());
            for (String cell : r.features()) {
                out.append(',').append(cell.equals("?") ? "" : cell);
            }
            if (withLabel) {
                out.append(',').append(r.above50k() ? POSITIVE : NEGATIVE);
            }
            out.append(',').append(batch.predicted(i) ? POSITIVE : NEGATIVE)
                    .append(',').append(batch.probabilityText[i]).append('\n');
        }
        return new ExampleFile(FOLDER + "/" + name, out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static ExampleFile labels(String name, Scored batch, int from, int to) {
        StringBuilder out = new StringBuilder("request_id,income\n");
        for (int i = from; i < to; i++) {
            AdultRecord r = batch.rows.get(i);
            out.append(r.id()).append(',').append(r.above50k() ? POSITIVE : NEGATIVE).append('\n');
        }
        return new ExampleFile(FOLDER + "/" + name, out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void figureRow(StringBuilder out, String what, BinaryScores s) {
        out.append(String.format(Locale.ROOT, "| %s | %,d | %.3f | %.4f | %.4f | %.4f | %.4f | %.4f |\n", what,
                s.rows(), s.positiveRate(), s.accuracy(), s.precision(), s.recall(), s.f1(), s.rocAuc()));
    }

    /** A batch with the model's probabilities, as written (4 decimals). */
    static final class Scored {
        final List<AdultRecord> rows;
        final String[] probabilityText;
        final double[] probability;

        private Scored(List<AdultRecord> rows, String[] probabilityText, double[] probability) {
            this.rows = rows;
            this.probabilityText = probabilityText;
            this.probability = probability;
        }

        static Scored of(IncomeModel model, List<AdultRecord> rows) {
            String[] text = new String[rows.size()];
            double[] value = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                BigDecimal rounded = new BigDecimal(model.probability(rows.get(i))).setScale(4, RoundingMode.HALF_EVEN);
                text[i] = rounded.toPlainString();
                value[i] = rounded.doubleValue();
            }
            return new Scored(List.copyOf(rows), text, value);
        }

        boolean predicted(int i) {
            return probability[i] >= 0.5;
        }

        BinaryScores scores() {
            boolean[] truth = new boolean[rows.size()];
            boolean[] predicted = new boolean[rows.size()];
            for (int i = 0; i < truth.length; i++) {
                truth[i] = rows.get(i).above50k();
                predicted[i] = predicted(i);
            }
            return BinaryScores.of(truth, predicted, probability);
        }
    }
}
