package io.driftwatch.bench;

import io.driftwatch.data.Table;
import io.driftwatch.io.CsvReader;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.ColumnProfile;
import io.driftwatch.profile.ColumnSketch;
import io.driftwatch.profile.NumericProfile;
import io.driftwatch.profile.NumericSketch;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.profile.SketchProfile;
import io.driftwatch.profile.SketchSettings;
import io.driftwatch.stats.CategoryCounts;
import io.driftwatch.stats.ColumnSample;
import io.driftwatch.stats.DriftTest;
import io.driftwatch.stats.DriftTests;
import io.driftwatch.stats.InapplicableTestException;
import io.driftwatch.stats.NumericSamples;
import io.driftwatch.stats.SketchKolmogorovSmirnovTest;
import io.driftwatch.stats.SketchSample;
import io.driftwatch.stats.SketchTest;
import io.driftwatch.stats.SketchTestResult;
import io.driftwatch.stats.SketchTests;
import io.driftwatch.stats.TestResult;
import io.driftwatch.stats.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the sketch tests agree with the exact ones (docs/sketches.md): for pairs of 50-column batches
 * laid out like the benchmark kit's ({@link PandasStyleBatches}: a reference, a current batch with
 * drift in 14 columns, and a fresh reference-like batch with none), every column under every test
 * with a sketch form, exact against sketch, at each k. Per k it prints the KLL bytes per numeric
 * column, the KS statistic's largest error and that error over its bound, and per test the cases,
 * the clear ones (the exact score not within the sketch's bound of the threshold), the verdict
 * agreement on those, the undecided share of all, and the largest score error.
 * <pre>
 * mvn -q -B -Pbench package -DskipTests
 * java -Xmx8g -cp target/benchmarks.jar io.driftwatch.bench.SketchAgreement generate 100000 1000000 -- 200 400 800 1600 3200
 * java -Xmx8g -cp target/benchmarks.jar io.driftwatch.bench.SketchAgreement files REF.csv CUR.csv -- 1600
 * </pre>
 */
public final class SketchAgreement {

    private SketchAgreement() {
    }

    /** One reference/current pair. */
    record Pair(String label, Table reference, Table current) {
    }

    /** Running tallies for one (k, test). */
    static final class Tally {
        int cases;
        int clear;
        int agreeOnClear;
        int undecided;
        double maxScoreError;
        double maxKsError;
        double maxKsErrorOverBound;
        int ksBoundHeld;
        int ksCases;
    }

    public static void main(String[] args) throws IOException {
        int split = List.of(args).indexOf("--");
        if (args.length < 3 || split < 0) {
            System.err.println("usage: SketchAgreement generate ROWS… -- K… | files REF CUR -- K…");
            System.exit(2);
        }
        List<Integer> ks = new ArrayList<>();
        for (int i = split + 1; i < args.length; i++) {
            ks.add(Integer.parseInt(args[i]));
        }
        List<Pair> pairs = new ArrayList<>();
        if (args[0].equals("generate")) {
            Path dir = Files.createTempDirectory("sketch-agreement");
            for (int i = 1; i < split; i++) {
                int rows = Integer.parseInt(args[i]);
                Path ref = dir.resolve("reference.csv");
                Path cur = dir.resolve("current.csv");
                Path same = dir.resolve("same.csv");
                PandasStyleBatches.write(ref, rows, false, 20240601L);
                PandasStyleBatches.write(cur, rows, true, 20240602L);
                PandasStyleBatches.write(same, rows, false, 20240603L);
                Table reference = CsvReader.read(ref);
                pairs.add(new Pair(rows + " drifted", reference, CsvReader.read(cur)));
                pairs.add(new Pair(rows + " no drift", reference, CsvReader.read(same)));
                Files.delete(ref);
                Files.delete(cur);
                Files.delete(same);
            }
        } else {
            pairs.add(new Pair(args[1] + " vs " + args[2], CsvReader.read(Path.of(args[1])),
                    CsvReader.read(Path.of(args[2]))));
        }
        for (Pair pair : pairs) {
            System.out.println("## " + pair.label);
            report(pair, ks);
        }
    }

    static void report(Pair pair, List<Integer> ks) {
        ReferenceProfile exactRef = ReferenceProfile.columnsOnly(pair.reference);
        ReferenceProfile exactCur = ReferenceProfile.columnsOnly(pair.current);
        Map<String, ColumnSample> samples = new LinkedHashMap<>();
        for (ColumnProfile r : exactRef.columns()) {
            ColumnProfile c = exactCur.column(r.name()).orElse(null);
            if (r instanceof NumericProfile rn && c instanceof NumericProfile cn) {
                samples.put(r.name(), NumericSamples.ofSorted(rn.sortedValues(), cn.sortedValues()));
            } else if (r instanceof CategoricalProfile rc && c instanceof CategoricalProfile cc) {
                samples.put(r.name(), counts(rc, cc));
            }
        }
        Map<String, Map<String, TestResult>> exact = new HashMap<>();
        for (Map.Entry<String, ColumnSample> e : samples.entrySet()) {
            Map<String, TestResult> byTest = new HashMap<>();
            for (String name : SketchTests.names()) {
                DriftTest test = DriftTests.byName(name).orElseThrow();
                try {
                    byTest.put(name, test.test(e.getValue()));
                } catch (InapplicableTestException ignored) {
                    // chisquare and z on numbers with many values: no sketch form either
                }
            }
            exact.put(e.getKey(), byTest);
        }
        System.out.println("| k | KLL bytes/column | test | cases | clear | agree on clear | undecided | max score error"
                + " | KS max abs(D̂−D) | KS max error/bound |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int k : ks) {
            SketchSettings settings = SketchSettings.defaults().withK(k);
            SketchProfile ref = SketchProfile.of(pair.reference, settings);
            SketchProfile cur = SketchProfile.of(pair.current, settings);
            long bytes = 0;
            int numeric = 0;
            for (ColumnSketch c : ref.columns()) {
                if (c instanceof NumericSketch n && !n.keepsValues()) {
                    bytes += n.sketchBytes();
                    numeric++;
                }
            }
            Map<String, Tally> tallies = new TreeMap<>();
            for (String column : samples.keySet()) {
                SketchSample sample = ref.sample(column, cur);
                for (Map.Entry<String, TestResult> e : exact.get(column).entrySet()) {
                    SketchTest test = SketchTests.byName(e.getKey()).orElseThrow();
                    SketchTestResult s;
                    try {
                        s = test.test(sample);
                    } catch (InapplicableTestException ex) {
                        continue;
                    }
                    tally(tallies.computeIfAbsent(e.getKey(), x -> new Tally()), e.getValue(), s, samples.get(column),
                            sample);
                }
            }
            Tally all = new Tally();
            for (Map.Entry<String, Tally> e : tallies.entrySet()) {
                Tally t = e.getValue();
                print(k, numeric == 0 ? 0 : bytes / numeric, e.getKey(), t);
                all.cases += t.cases;
                all.clear += t.clear;
                all.agreeOnClear += t.agreeOnClear;
                all.undecided += t.undecided;
            }
            print(k, numeric == 0 ? 0 : bytes / numeric, "**all**", all);
        }
    }

    static void tally(Tally t, TestResult exact, SketchTestResult sketch, ColumnSample exactSample, SketchSample s) {
        t.cases++;
        double width = sketch.scoreHigh() - sketch.scoreLow();
        double e = exact.score();
        // clear: the exact score is farther from the threshold than the sketch's whole error interval
        boolean clear = Double.isNaN(e) || Math.abs(e - sketch.threshold()) > width;
        Verdict want = exact.drifted() ? Verdict.DRIFT : Verdict.NO_DRIFT;
        if (clear) {
            t.clear++;
            if (sketch.verdict() == want) {
                t.agreeOnClear++;
            }
        }
        if (sketch.verdict() == Verdict.UNDECIDED) {
            t.undecided++;
        }
        if (!Double.isNaN(e) && !Double.isNaN(sketch.score())) {
            t.maxScoreError = Math.max(t.maxScoreError, Math.abs(sketch.score() - e));
        }
        if (exact.test().equals("ks") && s instanceof SketchSample.Numeric n) {
            NumericSamples x = (NumericSamples) exactSample;
            double d = io.driftwatch.stats.KolmogorovSmirnovTest.withDefaults().statistic(x.reference(), x.current());
            double dh = SketchKolmogorovSmirnovTest.statistic(n.reference(), n.current());
            double err = Math.abs(dh - d);
            double bound = n.reference().rankError() + n.current().rankError();
            t.ksCases++;
            t.maxKsError = Math.max(t.maxKsError, err);
            if (bound > 0) {
                t.maxKsErrorOverBound = Math.max(t.maxKsErrorOverBound, err / bound);
            }
            if (err <= bound) {
                t.ksBoundHeld++;
            }
        }
    }

    private static void print(int k, long bytes, String test, Tally t) {
        String ks = t.ksCases == 0 ? "" : String.format(Locale.ROOT, "%.5f", t.maxKsError);
        String ratio = t.ksCases == 0 ? "" : String.format(Locale.ROOT, "%.2f (%d/%d held)", t.maxKsErrorOverBound,
                t.ksBoundHeld, t.ksCases);
        System.out.printf(Locale.ROOT, "| %d | %d | %s | %d | %d | %s | %s | %s | %s | %s |%n", k, bytes, test, t.cases,
                t.clear, t.clear == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * t.agreeOnClear / t.clear),
                String.format(Locale.ROOT, "%.1f %%", 100.0 * t.undecided / Math.max(1, t.cases)),
                test.startsWith("*") ? "" : String.format(Locale.ROOT, "%.3g", t.maxScoreError), ks, ratio);
    }

    static CategoryCounts counts(CategoricalProfile r, CategoricalProfile c) {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
            m.computeIfAbsent(r.label(i), x -> new long[2])[0] += r.count(i);
        }
        for (int i = 0; i < c.size(); i++) {
            m.computeIfAbsent(c.label(i), x -> new long[2])[1] += c.count(i);
        }
        String[] keys = m.keySet().toArray(new String[0]);
        long[] rc = new long[keys.length];
        long[] cc = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            rc[i] = m.get(keys[i])[0];
            cc[i] = m.get(keys[i])[1];
        }
        return CategoryCounts.ofLabels(keys, rc, cc);
    }
}
