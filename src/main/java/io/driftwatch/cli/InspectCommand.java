package io.driftwatch.cli;

import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.io.ColumnSummary;
import io.driftwatch.io.Datasets;
import io.driftwatch.io.TypeInference;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code driftwatch inspect FILE…}: for each CSV, Arrow or Parquet file (a path or an {@code s3://} URL, see
 * {@link S3Inputs}), the inferred type of every column
 * (Evidently 0.7's rules, as if the file were the current batch), its row, missing and distinct
 * counts, and its range or most frequent categories. Exit code 0, or 2 with one line naming the
 * file, line and column when a file cannot be read.
 */
public final class InspectCommand extends DriftwatchCommand {
    private static final int TOP_CATEGORIES = 3;

    public InspectCommand() {
        super("inspect", "Print the inferred schema and a summary of each column of CSV, Arrow or Parquet files");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("files").nargs("+").metavar("FILE").help("CSV (.csv, .csv.gz), Arrow IPC or Parquet files: paths or s3://BUCKET/KEY URLs");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        PrintStream out = System.out;
        List<String> files = namespace.getList("files");
        for (int i = 0; i < files.size(); i++) {
            if (i > 0) {
                out.println();
            }
            // each file is downloaded (if it is an s3:// URL), printed and deleted before the next
            String file = files.get(i);
            S3Inputs.using(inputs -> {
                Datasets.Dataset dataset = Datasets.read(inputs.local(file));
                print(out, new Datasets.Dataset(inputs.named(dataset.source()), dataset.format(), dataset.table(),
                        dataset.sha256()));
                return null;
            });
        }
    }

    static void print(PrintStream out, Datasets.Dataset dataset) {
        Table table = dataset.table();
        out.printf(Locale.ROOT, "%s: %,d rows x %d columns (%s)%n", dataset.source(), table.rowCount(),
                table.columnCount(), dataset.format().label());
        Map<String, ColumnType> types = TypeInference.infer(table, Map.of());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"column", "type", "stored as", "rows", "missing", "distinct", "range / top categories"});
        for (Column column : table.columns()) {
            ColumnType type = types.get(column.name());
            ColumnSummary s = ColumnSummary.of(column, type, TOP_CATEGORIES);
            rows.add(new String[] {column.name(), type.label(), column.physicalType().name().toLowerCase(Locale.ROOT),
                    String.format(Locale.ROOT, "%,d", s.rows()), String.format(Locale.ROOT, "%,d", s.missing()),
                    String.format(Locale.ROOT, "%,d", s.distinct()), describe(column.physicalType(), s)});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < row.length; c++) {
                boolean numeric = c >= 3 && c <= 5;
                String cell = row[c];
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(numeric ? pad + cell : cell + (c == row.length - 1 ? "" : pad));
                if (c < row.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String describe(PhysicalType stored, ColumnSummary s) {
        if (!s.topCategories().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (ColumnSummary.Category c : s.topCategories()) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(c.label()).append(" (").append(String.format(Locale.ROOT, "%,d", c.count())).append(')');
            }
            if (s.distinct() > s.topCategories().size()) {
                b.append(", ...");
            }
            return b.toString();
        }
        if (Double.isNaN(s.min())) {
            return "";
        }
        if (stored == PhysicalType.TIMESTAMP) {
            return timestamp(s.min()) + " .. " + timestamp(s.max());
        }
        return number(s.min()) + " .. " + number(s.max());
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                .replaceAll("\\.$", "");
    }

    private static String timestamp(double epochMillis) {
        Instant t = Instant.ofEpochMilli((long) epochMillis);
        DateTimeFormatter f = t.toEpochMilli() % 86_400_000L == 0 ? DateTimeFormatter.ISO_LOCAL_DATE
                : DateTimeFormatter.ISO_LOCAL_DATE_TIME;
        return f.format(t.atOffset(ZoneOffset.UTC));
    }
}
