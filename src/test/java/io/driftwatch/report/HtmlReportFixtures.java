package io.driftwatch.report;

import io.driftwatch.analysis.Sections;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.drift.DriftAnalysis;
import io.driftwatch.drift.DriftOptions;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.io.TypeInference;
import io.driftwatch.profile.ReferenceProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Check reports built from synthetic tables run through the real {@link DriftAnalysis}. */
final class HtmlReportFixtures {
    static final String SCRIPT_COLUMN = "<script>alert(1)</script>";
    static final String IMG_CATEGORY = "\"><img src=x onerror=alert(2)>";
    static final Instant CREATED = Instant.parse("2026-03-02T09:15:00Z");

    private HtmlReportFixtures() {
    }

    static CheckReport report(String title, Table reference, Table current, ColumnRoles roles, DriftOptions options) {
        ReferenceProfile profile = ReferenceProfile.of(reference);
        Map<String, ColumnType> types = TypeInference.infer(current, Map.of());
        DriftResult result = DriftAnalysis.sequential().run(profile, current, types, options);
        return new CheckReport(title, Sections.of(result), profile, current, types, roles,
                new BatchInfo("reference.csv", "csv", reference.rowCount(), "a".repeat(64)),
                new BatchInfo("current.csv", "csv", current.rowCount(), "b".repeat(64)),
                new Timings(12, 3, 15), CREATED, "0.1.0-test");
    }

    static CheckReport report(Table reference, Table current, ColumnRoles roles) {
        return report("test check", reference, current, roles, DriftOptions.defaults());
    }

    /** A column named like a script tag, a category value that closes an attribute, and a normal drifting column. */
    static CheckReport hostile() {
        Table reference = Table.of(List.of(normal(SCRIPT_COLUMN, 400, 0, 1, 1),
                CategoricalColumn.of("city", repeat(100, "Oslo", "Lima", "Pune", "Oslo")),
                normal("income", 400, 10, 2, 3)));
        Table current = Table.of(List.of(normal(SCRIPT_COLUMN, 400, 0.8, 1, 4),
                CategoricalColumn.of("city", repeat(100, "Oslo", IMG_CATEGORY, "Lima", "Oslo")),
                normal("income", 400, 10, 2, 5)));
        return report("hostile <b>title</b>", reference, current, ColumnRoles.none(), DriftOptions.defaults());
    }

    /**
     * Hourly bike rentals in the spirit of the UCI bike-sharing data Evidently's examples use:
     * January as the reference, February (warmer, busier, a weather category never seen in
     * January) as the current batch; {@code cnt} is the target and {@code prediction} a model's
     * forecast trained on January.
     */
    static CheckReport bikes() {
        Table reference = bikeHours(Instant.parse("2011-01-01T00:00:00Z"), 28 * 24, 0.20, 1.0, false, 11);
        Table current = bikeHours(Instant.parse("2011-02-01T00:00:00Z"), 28 * 24, 0.31, 1.45, true, 12);
        return report("Bike demand model · January vs February", reference, current,
                new ColumnRoles("cnt", "prediction", "dteday"), DriftOptions.defaults());
    }

    static Table bikeHours(Instant start, int hours, double tempMean, double demand, boolean february, long seed) {
        Random random = new Random(seed);
        NumericColumnBuilder time = new NumericColumnBuilder("dteday", PhysicalType.TIMESTAMP, hours);
        NumericColumnBuilder hr = new NumericColumnBuilder("hr", PhysicalType.INTEGER, hours);
        NumericColumnBuilder weekday = new NumericColumnBuilder("weekday", PhysicalType.INTEGER, hours);
        NumericColumnBuilder temp = new NumericColumnBuilder("temp", PhysicalType.FLOAT, hours);
        NumericColumnBuilder atemp = new NumericColumnBuilder("atemp", PhysicalType.FLOAT, hours);
        NumericColumnBuilder hum = new NumericColumnBuilder("hum", PhysicalType.FLOAT, hours);
        NumericColumnBuilder wind = new NumericColumnBuilder("windspeed", PhysicalType.FLOAT, hours);
        NumericColumnBuilder casual = new NumericColumnBuilder("casual", PhysicalType.INTEGER, hours);
        NumericColumnBuilder registered = new NumericColumnBuilder("registered", PhysicalType.INTEGER, hours);
        NumericColumnBuilder cnt = new NumericColumnBuilder("cnt", PhysicalType.INTEGER, hours);
        NumericColumnBuilder prediction = new NumericColumnBuilder("prediction", PhysicalType.FLOAT, hours);
        String[] weather = new String[hours];
        double warming = 0;
        for (int i = 0; i < hours; i++) {
            int hour = i % 24;
            int day = i / 24;
            time.append(start.toEpochMilli() + 3_600_000L * i);
            hr.append(hour);
            weekday.append((day + 6) % 7);
            warming = february ? 0.004 * day : 0;
            double t = tempMean + warming + 0.05 * Math.sin((hour - 9) * Math.PI / 12) + 0.06 * random.nextGaussian();
            temp.append(round(Math.max(0.02, t), 2));
            atemp.append(round(Math.max(0.0, t * 0.95 + 0.02 * random.nextGaussian()), 4));
            if (february && random.nextInt(25) == 0) {
                hum.appendMissing();
            } else {
                hum.append(round(Math.min(1, Math.max(0.1, 0.58 + 0.16 * random.nextGaussian())), 2));
            }
            wind.append(round(Math.max(0, 0.19 + 0.11 * random.nextGaussian()), 4));
            double u = random.nextDouble();
            weather[i] = u < 0.62 ? "Clear, few clouds" : u < 0.88 ? "Mist, cloudy"
                    : february && u > 0.97 ? "Heavy rain, thunderstorm" : "Light snow, light rain";
            double peak = Math.exp(-Math.pow(hour - 8, 2) / 3) + 1.3 * Math.exp(-Math.pow(hour - 17.5, 2) / 4)
                    + 0.35 * Math.exp(-Math.pow(hour - 13, 2) / 10);
            double base = demand * (8 + 150 * peak) * (weather[i].startsWith("Light") ? 0.55 : 1);
            long c = Math.max(0, Math.round(base * (0.12 + 0.1 * random.nextDouble())));
            long r = Math.max(0, Math.round(base * (0.85 + 0.25 * random.nextGaussian())));
            casual.append(c);
            registered.append(r);
            cnt.append(c + r);
            prediction.append(round(Math.max(0, (8 + 150 * peak) * (weather[i].startsWith("Light") ? 0.6 : 1)
                    * (1 + 0.15 * random.nextGaussian())), 1));
        }
        List<Column> columns = List.of(time.build(), hr.build(), weekday.build(), CategoricalColumn.of("weathersit", weather),
                temp.build(), atemp.build(), hum.build(), wind.build(), casual.build(), registered.build(), cnt.build(),
                prediction.build());
        return Table.of(columns);
    }

    /** {@code numeric} float columns and {@code categorical} text columns of 30 long labels, half of them drifting. */
    static CheckReport wide(int numeric, int categorical, int rows) {
        List<Column> ref = new ArrayList<>();
        List<Column> cur = new ArrayList<>();
        Random random = new Random(7);
        for (int c = 0; c < numeric; c++) {
            ref.add(normal("feature_numeric_" + c, rows, 0, 1, 2L * c));
            cur.add(normal("feature_numeric_" + c, rows, c % 2 == 0 ? 0.5 : 0, 1, 2L * c + 1));
        }
        for (int c = 0; c < categorical; c++) {
            String[] r = new String[rows];
            String[] k = new String[rows];
            for (int i = 0; i < rows; i++) {
                r[i] = "a fairly long category label number " + random.nextInt(30);
                k[i] = "a fairly long category label number " + (c % 2 == 0 ? random.nextInt(36) : random.nextInt(30));
            }
            ref.add(CategoricalColumn.of("feature_categorical_" + c, r));
            cur.add(CategoricalColumn.of("feature_categorical_" + c, k));
        }
        return report("wide", Table.of(ref), Table.of(cur), ColumnRoles.none(), DriftOptions.defaults());
    }

    static NumericColumn normal(String name, int n, double mean, double sd, long seed) {
        Random random = new Random(seed);
        NumericColumnBuilder b = new NumericColumnBuilder(name, PhysicalType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            b.append(mean + sd * random.nextGaussian());
        }
        return b.build();
    }

    static NumericColumn missingOnly(String name, int n) {
        NumericColumnBuilder b = new NumericColumnBuilder(name, PhysicalType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            b.appendMissing();
        }
        return b.build();
    }

    static String[] repeat(int times, String... labels) {
        String[] out = new String[times * labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i % labels.length];
        }
        return out;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
