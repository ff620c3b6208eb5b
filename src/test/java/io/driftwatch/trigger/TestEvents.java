package io.driftwatch.trigger;

import io.driftwatch.data.ColumnType;
import io.driftwatch.drift.DatasetDrift;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Events for trigger tests: a drifted bike-sharing check and the incident it opened. */
final class TestEvents {
    static final String CHECK_ID = "0b7c61d2-59a4-4c4e-9f7e-2f1e3c0d9a11";
    static final String INCIDENT_ID = "inc-42";
    static final Instant AT = Instant.parse("2025-06-01T10:15:30.250Z");
    static final URI REPORT = URI.create("https://driftwatch.example.com/api/v1/checks/" + CHECK_ID + "/report");
    static final URI DASHBOARD = URI.create("https://driftwatch.example.com/monitors/bike-sharing");

    private TestEvents() {
    }

    static List<RetrainEvent.Column> columns() {
        return List.of(
                new RetrainEvent.Column("temp", ColumnType.NUMERICAL, "ks", 1.2e-9, 0.05, true),
                new RetrainEvent.Column("hum", ColumnType.NUMERICAL, "ks", 0.31, 0.05, false),
                new RetrainEvent.Column("season", ColumnType.CATEGORICAL, "chisquare", 0.001, 0.05, true),
                new RetrainEvent.Column("broken", ColumnType.NUMERICAL, null, Double.NaN, Double.NaN, false));
    }

    static DatasetDrift dataset() {
        return new DatasetDrift(true, 2.0 / 3, 0.5, 3, 2, 1);
    }

    static RetrainEvent check() {
        return new RetrainEvent(RetrainEvent.Kind.CHECK, "bike-sharing", null, CHECK_ID, AT, dataset(), columns(),
                REPORT, DASHBOARD);
    }

    static RetrainEvent breach() {
        return new RetrainEvent(RetrainEvent.Kind.BREACH, "bike-sharing", INCIDENT_ID, CHECK_ID, AT, dataset(),
                columns(), REPORT, DASHBOARD);
    }

    /** A check with {@code n} numerical columns named {@code c0…}, every other one drifted. */
    static RetrainEvent wideCheck(int n) {
        List<RetrainEvent.Column> cols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cols.add(new RetrainEvent.Column("c" + i, ColumnType.NUMERICAL, "wasserstein", i / 1000.0, 0.1,
                    i % 2 == 0));
        }
        return new RetrainEvent(RetrainEvent.Kind.CHECK, "wide", null, CHECK_ID, AT,
                new DatasetDrift(true, 0.5, 0.5, n, (n + 1) / 2, 0), cols, REPORT, null);
    }

    static RetrainEvent withColumns(List<RetrainEvent.Column> cols) {
        return new RetrainEvent(RetrainEvent.Kind.CHECK, "bike-sharing", null, CHECK_ID, AT, dataset(), cols, REPORT,
                DASHBOARD);
    }
}
