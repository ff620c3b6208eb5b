package io.driftwatch.examples;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.RandomForest;

/**
 * {@code examples/bike-sharing-regression}: the hours of {@code examples/bike-sharing} (January 2011 as
 * the reference, January 2012 as the current batch, every row copied unchanged from the UCI
 * {@code hour.csv}, CRLF line endings kept) with one more column, {@code cnt_pred}: the rentals a random
 * forest predicts for the hour, rounded to 1 decimal.
 *
 * <p>The forest (Smile 2.6, {@value #TREES} trees, {@value #MTRY} features tried per split, one seed per
 * tree from {@value #SEED}) is trained on every hour of February to December 2011, never on a reference
 * row, from the calendar and weather fields {@link #FEATURES}. It does not see {@code yr} (constant in
 * training), {@code mnth} (January is never in training), {@code instant} or {@code dteday}, nor
 * {@code casual} and {@code registered}, which add up to the target. Stateless; thread-safe.
 */
final class BikeRegressionExample {
    static final String FOLDER = "bike-sharing-regression";
    static final String HOUR_SHA256 = "e03de4ee4ef4dc376ac6e04bf829673c6269e8eba5c60fa121640fa2f829504f";
    static final List<String> FEATURES = List.of("season", "hr", "holiday", "weekday", "workingday", "weathersit",
            "temp", "atemp", "hum", "windspeed");
    static final String TARGET = "cnt";
    static final long SEED = 2011;
    static final int TREES = 200;
    static final int MTRY = 4;
    private static final int MAX_DEPTH = 20;
    private static final int MAX_NODES = 2000;
    private static final int NODE_SIZE = 5;

    private BikeRegressionExample() {
    }

    /** Trains the forest and makes both files from the raw {@code hour.csv} in {@code source}. */
    static Example build(Path source) throws IOException {
        String[] lines = new String(RawSource.read(source, "hour.csv", HOUR_SHA256), StandardCharsets.US_ASCII)
                .split("\r\n");
        List<String> header = List.of(lines[0].split(","));
        int yr = header.indexOf("yr");
        int mnth = header.indexOf("mnth");
        int target = header.indexOf(TARGET);
        int[] features = new int[FEATURES.size()];
        for (int j = 0; j < features.length; j++) {
            features[j] = header.indexOf(FEATURES.get(j));
        }
        List<String> training = new ArrayList<>();
        List<String> reference = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            boolean firstYear = cells[yr].equals("0");
            boolean january = cells[mnth].equals("1");
            if (firstYear && january) {
                reference.add(lines[i]);
            } else if (firstYear) {
                training.add(lines[i]);
            } else if (january) {
                current.add(lines[i]);
            }
        }
        String[] names = new String[features.length + 1];
        for (int j = 0; j < features.length; j++) {
            names[j] = FEATURES.get(j);
        }
        names[features.length] = TARGET;
        RandomForest forest = RandomForest.fit(Formula.lhs(TARGET),
                DataFrame.of(matrix(training, features, target), names), TREES, MTRY, MAX_DEPTH, MAX_NODES,
                NODE_SIZE, 1.0, LongStream.range(SEED, SEED + TREES));

        Scored trainingScores = Scored.of(forest, training, features, target, names);
        Scored referenceScores = Scored.of(forest, reference, features, target, names);
        Scored currentScores = Scored.of(forest, current, features, target, names);
        List<ExampleFile> files = List.of(csv("reference.csv", lines[0], reference, referenceScores),
                csv("current.csv", lines[0], current, currentScores));

        StringBuilder figures = new StringBuilder(Example.BEGIN).append('\n')
                .append("| file | rows | mean `cnt` | mean `cnt_pred` | MAE | RMSE | R² |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        figureRow(figures, "training hours, February–December 2011 (no file; in-sample)", trainingScores.scores());
        figureRow(figures, "`reference.csv` (January 2011)", referenceScores.scores());
        figureRow(figures, "`current.csv` (January 2012)", currentScores.scores());
        figures.append(Example.END).append('\n');
        return new Example(FOLDER, files, figures.toString());
    }

    private static double[][] matrix(List<String> rows, int[] features, int target) {
        double[][] x = new double[rows.size()][features.length + 1];
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            for (int j = 0; j < features.length; j++) {
                x[i][j] = Double.parseDouble(cells[features[j]]);
            }
            x[i][features.length] = Double.parseDouble(cells[target]);
        }
        return x;
    }

    private static ExampleFile csv(String name, String header, List<String> rows, Scored scores) {
        StringBuilder out = new StringBuilder((rows.size() + 1) * 80);
        out.append(header).append(",cnt_pred\r\n");
        for (int i = 0; i < rows.size(); i++) {
            out.append(rows.get(i)).append(',').append(scores.predictionText[i]).append("\r\n");
        }
        return new ExampleFile(FOLDER + "/" + name, out.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void figureRow(StringBuilder out, String what, RegressionScores s) {
        out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.2f | %.2f | %.4f |\n", what, s.rows(),
                s.meanTarget(), s.meanPrediction(), s.mae(), s.rmse(), s.r2()));
    }

    /** Hours with the forest's predictions, as written (1 decimal). */
    private static final class Scored {
        final String[] predictionText;
        final double[] prediction;
        final double[] truth;

        private Scored(String[] predictionText, double[] prediction, double[] truth) {
            this.predictionText = predictionText;
            this.prediction = prediction;
            this.truth = truth;
        }

        static Scored of(RandomForest forest, List<String> rows, int[] features, int target, String[] names) {
            double[][] x = matrix(rows, features, target);
            double[] raw = forest.predict(DataFrame.of(x, names));
            String[] text = new String[rows.size()];
            double[] value = new double[rows.size()];
            double[] truth = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                BigDecimal rounded = new BigDecimal(raw[i]).setScale(1, RoundingMode.HALF_EVEN);
                text[i] = rounded.toPlainString();
                value[i] = rounded.doubleValue();
                truth[i] = x[i][features.length];
            }
            return new Scored(text, value, truth);
        }

        RegressionScores scores() {
            return RegressionScores.of(truth, prediction);
        }
    }
}
