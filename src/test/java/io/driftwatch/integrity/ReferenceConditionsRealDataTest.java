package io.driftwatch.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.data.Table;
import io.driftwatch.integrity.IntegrityFinding.Condition;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.CsvReader;
import io.driftwatch.io.TypeInference;
import io.driftwatch.profile.ReferenceProfile;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference conditions on real data (samples of two public datasets, see
 * {@code src/test/resources/data/README.md}): each sample's 4,000 randomly drawn rows are split into a
 * reference (the first 2,000) and a current batch (the last 2,000); a fault injected into the current
 * batch's CSV text must be found and named, and nothing else; the untouched split (a random split of
 * the same period, the control the datasets' READMEs suggest) must find nothing. The batches go through
 * the real CSV reader and type inference, as in a check.
 */
class ReferenceConditionsRealDataTest {
    private static final IntegrityOptions OPTIONS = IntegrityOptions.defaults().withTests(IntegrityOptions.Tests.REFERENCE);

    /** The two samples and, per fault, the column it goes into. */
    enum Dataset {
        BANK_MARKETING("/data/bank_marketing/bank-additional-sample.csv", ';', true,
                "age", "duration", "job", "euribor3m"),
        CREDIT_CARD_DEFAULT("/data/credit_card_default_taiwan/default_of_credit_card_clients-sample.csv", ',', false,
                "PAY_AMT1", "LIMIT_BAL", "EDUCATION", "PAY_AMT6");

        final String resource;
        final char delimiter;
        final boolean quotesText;
        final String emptied;
        final String scaled;
        final String categorical;
        final String dropped;

        Dataset(String resource, char delimiter, boolean quotesText, String emptied, String scaled, String categorical,
                String dropped) {
            this.resource = resource;
            this.delimiter = delimiter;
            this.quotesText = quotesText;
            this.emptied = emptied;
            this.scaled = scaled;
            this.categorical = categorical;
            this.dropped = dropped;
        }

        /** A text cell as this file writes text. */
        String text(String value) {
            return quotesText ? '"' + value + '"' : value;
        }

        Csv sample() {
            return Csv.read(this);
        }
    }

    @ParameterizedTest
    @EnumSource(Dataset.class)
    void theUntouchedControlSplitFindsNothing(Dataset dataset) {
        Csv sample = dataset.sample();
        assertThat(check(sample.reference(), sample.current())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dataset.class)
    void findsAColumnEmptied(Dataset dataset) {
        Csv sample = dataset.sample();
        Csv current = sample.current().map(dataset.emptied, (row, v) -> "");
        assertThat(check(sample.reference(), current))
                .extracting(IntegrityFinding::condition, IntegrityFinding::column, IntegrityFinding::rows)
                .containsExactly(tuple(Condition.BECAME_EMPTY, dataset.emptied, 2000L));
    }

    @ParameterizedTest
    @EnumSource(Dataset.class)
    void findsRowsDuplicated(Dataset dataset) {
        Csv sample = dataset.sample();
        Csv current = sample.current().withRowsRepeated(400);
        List<IntegrityFinding> found = check(sample.reference(), current);
        assertThat(found).extracting(IntegrityFinding::condition, IntegrityFinding::column, IntegrityFinding::rows)
                .containsExactly(tuple(Condition.DUPLICATED_ROWS, null, 400L));
        assertThat(found.get(0).seen()).startsWith("16.7 % duplicated: 400 of 2,400 rows repeat an earlier row");
    }

    @ParameterizedTest
    @EnumSource(Dataset.class)
    void findsACategoryAdded(Dataset dataset) {
        Csv sample = dataset.sample();
        String added = dataset == Dataset.BANK_MARKETING ? "crypto-trader" : "7";
        Csv current = sample.current().map(dataset.categorical, (row, v) -> row % 10 == 0 ? dataset.text(added) : v);
        assertThat(check(sample.reference(), current))
                .extracting(IntegrityFinding::condition, IntegrityFinding::column, IntegrityFinding::rows,
                        IntegrityFinding::examples)
                .containsExactly(tuple(Condition.NEW_CATEGORY, dataset.categorical, 200L, List.of(added)));
    }

    @ParameterizedTest
    @EnumSource(Dataset.class)
    void findsAColumnScaledAHundredTimes(Dataset dataset) {
        Csv sample = dataset.sample();
        Csv current = sample.current().map(dataset.scaled, (row, v) -> Long.toString(Long.parseLong(v) * 100));
        List<IntegrityFinding> found = check(sample.reference(), current);
        assertThat(found).extracting(IntegrityFinding::condition, IntegrityFinding::column)
                .containsExactly(tuple(Condition.OUT_OF_RANGE, dataset.scaled));
        long largest = sample.current().longs(dataset.scaled).max().orElseThrow() * 100;
        assertThat(found.get(0).rows()).isGreaterThan(1000);
        assertThat(found.get(0).examples()).first().isEqualTo(Long.toString(largest));
        assertThat(found.get(0).seen()).contains("up to " + largest);
    }

    @Test
    void findsNumbersInACategoricalColumn() {
        // Bank: the job column arrives as numeric codes (1 = admin., 2 = blue-collar, …) instead of text.
        Csv sample = Dataset.BANK_MARKETING.sample();
        List<String> jobs = List.of("admin.", "blue-collar", "entrepreneur", "housemaid", "management", "retired",
                "self-employed", "services", "student", "technician", "unemployed", "unknown");
        Csv current = sample.current().map("job", (row, v) -> Integer.toString(jobs.indexOf(v.replace("\"", "")) + 1));
        List<IntegrityFinding> found = check(sample.reference(), current);
        assertThat(found).extracting(IntegrityFinding::condition, IntegrityFinding::column, IntegrityFinding::rows)
                .containsExactly(tuple(Condition.TYPE_CHANGED, "job", 2000L));
        assertThat(found.get(0).expected()).isEqualTo("text, as in the reference (such as admin., blue-collar, technician)");
        assertThat(found.get(0).seen()).isEqualTo("whole numbers in all 2,000 rows with a value");
    }

    @Test
    void findsTextInANumericalColumn() {
        // Credit card: one credit limit in five exported with a thousands separator ("20,000"), so the
        // column reads as text.
        Csv sample = Dataset.CREDIT_CARD_DEFAULT.sample();
        Csv current = sample.current().map("LIMIT_BAL",
                (row, v) -> row % 5 == 0 ? String.format(java.util.Locale.ROOT, "\"%,d\"", Long.parseLong(v)) : v);
        List<IntegrityFinding> found = check(sample.reference(), current);
        assertThat(found).extracting(IntegrityFinding::condition, IntegrityFinding::column, IntegrityFinding::rows)
                .containsExactly(tuple(Condition.TYPE_CHANGED, "LIMIT_BAL", 400L));
        assertThat(found.get(0).expected()).isEqualTo("whole numbers, as in the reference");
        assertThat(found.get(0).seen()).isEqualTo("text: 400 of 2,000 values are not numbers");
        assertThat(found.get(0).examples()).hasSize(IntegrityFinding.MAX_EXAMPLES)
                .allSatisfy(e -> assertThat(e).matches("\\d{1,3}(,\\d{3})+"));
    }

    @ParameterizedTest
    @EnumSource(Dataset.class)
    void findsAColumnDroppedAndOneAdded(Dataset dataset) {
        Csv sample = dataset.sample();
        Csv current = sample.current().without(dataset.dropped)
                .with("channel", row -> dataset.text(row % 3 == 0 ? "web" : "branch"));
        assertThat(check(sample.reference(), current))
                .extracting(IntegrityFinding::condition, IntegrityFinding::column, IntegrityFinding::examples)
                .containsExactly(
                        tuple(Condition.COLUMN_MISSING, dataset.dropped, List.of()),
                        tuple(Condition.COLUMN_NEW, "channel", List.of("branch", "web")));
    }

    @Test
    void aSmallBatchWithSlightlyMoreMissingValuesDoesNotAlarmWhileALargeOneDoes() {
        // Bank: campaign has no missing value in the reference; 8 % of it blanked is above the 5 %
        // tolerance, but 8 of 100 rows could be 3 % (the lower 99 % bound), while 160 of 2,000 cannot.
        Csv sample = Dataset.BANK_MARKETING.sample();
        Csv small = sample.current().firstRows(100).map("campaign", (row, v) -> row % 25 < 2 ? "" : v);
        assertThat(small.table().column("campaign").orElseThrow().missingCount()).isEqualTo(8);
        assertThat(check(sample.reference(), small)).isEmpty();

        Csv large = sample.current().map("campaign", (row, v) -> row % 25 < 2 ? "" : v);
        assertThat(check(sample.reference(), large))
                .extracting(IntegrityFinding::condition, IntegrityFinding::column, IntegrityFinding::rows)
                .containsExactly(tuple(Condition.MISSING_SHARE, "campaign", 160L));
    }

    @Test
    void fewerMissingValuesThanTheReferenceNeverAlarm() {
        // Credit card: a tenth of the reference's bill amounts missing; none, or half as many, now.
        Csv sample = Dataset.CREDIT_CARD_DEFAULT.sample();
        Csv reference = sample.reference().map("BILL_AMT1", (row, v) -> row % 10 == 0 ? "" : v);
        IntegrityOptions noTolerance = new IntegrityOptions(IntegrityOptions.Tests.REFERENCE, 0, 0, 0, 0.99);
        Csv none = sample.current();
        Csv fewer = sample.current().map("BILL_AMT1", (row, v) -> row % 20 == 0 ? "" : v);
        assertThat(check(reference, none, noTolerance)).isEmpty();
        assertThat(check(reference, fewer, noTolerance)).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static List<IntegrityFinding> check(Csv reference, Csv current) {
        return check(reference, current, OPTIONS);
    }

    private static List<IntegrityFinding> check(Csv reference, Csv current, IntegrityOptions options) {
        Table ref = reference.table();
        Table cur = current.table();
        CheckData data = new CheckData(Optional.of(ReferenceProfile.of(ref)), cur, TypeInference.infer(cur, Map.of()));
        DuplicatedRows duplicates = new DuplicatedRows(cur.rowCount(), current.duplicatedRows(), ref.rowCount(),
                reference.duplicatedRows());
        return new ReferenceConditions(options, Set.of()).evaluate(data, duplicates, Runnable::run);
    }

    /** A CSV sample as cells of text, edited cell by cell and parsed by the real reader. */
    private record Csv(Dataset dataset, List<String> header, List<String[]> rows) {

        /** The sample; its cells never hold the delimiter, so a plain split is exact. */
        static Csv read(Dataset dataset) {
            try (InputStream in = ReferenceConditionsRealDataTest.class.getResourceAsStream(dataset.resource);
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String split = Pattern.quote(String.valueOf(dataset.delimiter));
                List<String> header = List.of(reader.readLine().split(split, -1));
                List<String[]> rows = new ArrayList<>();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String[] cells = line.split(split, -1);
                    assertThat(cells).hasSize(header.size());
                    rows.add(cells);
                }
                assertThat(rows).hasSize(4000);
                return new Csv(dataset, header, rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Csv reference() {
            return new Csv(dataset, header, rows.subList(0, 2000));
        }

        Csv current() {
            return new Csv(dataset, header, rows.subList(2000, 4000));
        }

        Csv firstRows(int n) {
            return new Csv(dataset, header, rows.subList(0, n));
        }

        /** This batch with {@code column}'s cells replaced by {@code edit(row, cell)}. */
        Csv map(String column, CellEdit edit) {
            int c = index(column);
            List<String[]> out = new ArrayList<>(rows.size());
            for (int r = 0; r < rows.size(); r++) {
                String[] cells = rows.get(r).clone();
                cells[c] = edit.apply(r, cells[c]);
                out.add(cells);
            }
            return new Csv(dataset, header, out);
        }

        /** This batch with {@code n} of its rows appended again (every fifth row, from the first). */
        Csv withRowsRepeated(int n) {
            List<String[]> out = new ArrayList<>(rows);
            for (int i = 0; i < n; i++) {
                out.add(rows.get(i * 5 % rows.size()).clone());
            }
            return new Csv(dataset, header, out);
        }

        Csv without(String column) {
            int c = index(column);
            List<String> h = new ArrayList<>(header);
            h.remove(c);
            List<String[]> out = new ArrayList<>(rows.size());
            for (String[] row : rows) {
                List<String> cells = new ArrayList<>(Arrays.asList(row));
                cells.remove(c);
                out.add(cells.toArray(new String[0]));
            }
            return new Csv(dataset, h, out);
        }

        Csv with(String column, IntFunction<String> cell) {
            List<String> h = new ArrayList<>(header);
            h.add(dataset.text(column));
            List<String[]> out = new ArrayList<>(rows.size());
            for (int r = 0; r < rows.size(); r++) {
                String[] cells = Arrays.copyOf(rows.get(r), rows.get(r).length + 1);
                cells[cells.length - 1] = cell.apply(r);
                out.add(cells);
            }
            return new Csv(dataset, h, out);
        }

        java.util.stream.LongStream longs(String column) {
            int c = index(column);
            return rows.stream().mapToLong(r -> Long.parseLong(r[c]));
        }

        /** Rows equal in every cell to an earlier row. */
        long duplicatedRows() {
            Set<List<String>> seen = new HashSet<>();
            long duplicated = 0;
            for (String[] row : rows) {
                duplicated += seen.add(List.of(row)) ? 0 : 1;
            }
            return duplicated;
        }

        Table table() {
            String d = String.valueOf(dataset.delimiter);
            StringBuilder text = new StringBuilder(String.join(d, header)).append('\n');
            for (String[] row : rows) {
                text.append(String.join(d, row)).append('\n');
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            return CsvReader.read(new ByteArrayInputStream(bytes), dataset.resource,
                    CsvOptions.defaults().withDelimiter(dataset.delimiter));
        }

        private int index(String column) {
            int c = header.indexOf(dataset.text(column));
            assertThat(c).as("column %s", column).isNotNegative();
            return c;
        }
    }

    @FunctionalInterface
    private interface CellEdit {
        String apply(int row, String cell);
    }
}
