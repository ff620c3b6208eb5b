package io.driftwatch.store;

import static io.driftwatch.store.StoreRows.T0;
import static io.driftwatch.store.StoreRows.check;
import static io.driftwatch.store.StoreRows.columns;
import static io.driftwatch.store.StoreRows.dataset;
import static io.driftwatch.store.StoreRows.monitor;
import static io.driftwatch.store.StoreRows.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.h2.util.DateTimeUtils;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link CheckDao} on the embedded default and on PostgreSQL. The fixture always holds checks of a
 * second monitor, at the same times as the first one's, so a query that forgets its
 * {@code monitor_id} condition returns rows it must not.
 */
class CheckDaoTest {
    private static final Instant FAR_PAST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");

    /** Monitors "alpha" (under test) and "beta" (noise), a dataset to check, and the DAO. */
    private record Fixture(Jdbi jdbi, CheckDao checks, MonitorRow alpha, MonitorRow beta, DatasetRow current) {

        /** Stores a check of {@code monitor} at {@code at} with two column results and returns it. */
        CheckRow add(String id, MonitorRow monitor, Instant at) {
            CheckRow row = check(id, monitor, current, at);
            checks.insert(row, columns(id, 2));
            return row;
        }
    }

    private static Fixture fixture(StoreBackend backend) {
        Jdbi jdbi = backend.emptied();
        DatasetDao datasets = jdbi.onDemand(DatasetDao.class);
        DatasetRow ref = dataset("reference");
        DatasetRow current = dataset("current");
        datasets.insertIfAbsent(ref);
        datasets.insertIfAbsent(current);
        ProfileRow profile = profile(ref);
        datasets.insertProfileIfAbsent(profile);
        MonitorDao monitors = jdbi.onDemand(MonitorDao.class);
        MonitorRow alpha = monitor("alpha", ref, profile);
        MonitorRow beta = monitor("beta", ref, profile);
        monitors.insertIfAbsent(alpha);
        monitors.insertIfAbsent(beta);
        return new Fixture(jdbi, jdbi.onDemand(CheckDao.class), alpha, beta, current);
    }

    private static CheckSummaryRow summary(CheckRow r) {
        return new CheckSummaryRow(r.id(), r.monitorId(), r.datasetId(), r.createdAt(), r.driftDetected(),
                r.driftShare(), r.shareThreshold(), r.columnCount(), r.driftedCount(), r.errorCount(), r.durationMs(),
                r.status(), r.error(), null, null, r.dataQualityFailures(), r.dataQualityCritical());
    }

    private static List<String> ids(List<CheckSummaryRow> rows) {
        List<String> ids = new ArrayList<>();
        for (CheckSummaryRow r : rows) {
            ids.add(r.id());
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void storesACheckWithItsColumnsAndReadsEveryFieldBack(StoreBackend backend) {
        Fixture f = fixture(backend);
        CheckRow row = new CheckRow("c1", "alpha", 7, f.current.id(), T0, true, 0.5833333333333334, 0.5, 12, 7, 1,
                98_765L, "{\"schemaVersion\":1,\"note\":\"d\u00e9rive \u2713\"}", "alpha/c1.html");
        List<CheckColumnRow> columns = columns("c1", 3);
        f.add("other", f.beta, T0);

        f.checks.insert(row, columns);

        assertThat(f.checks.find("c1")).contains(row);
        assertThat(f.checks.columns("c1")).isEqualTo(columns);
        assertThat(f.checks.find("c2")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void keepsDataQualityCountsAndTheirAbsenceInEveryReadOfACheck(StoreBackend backend) {
        Fixture f = fixture(backend);
        CheckRow broken = withDataQuality(check("c-broken", f.alpha, f.current, T0), 7, 2);
        CheckRow clean = withDataQuality(check("c-clean", f.alpha, f.current, T0.plusSeconds(1)), 0, 0);
        CheckRow none = withDataQuality(check("c-none", f.alpha, f.current, T0.plusSeconds(2)), null, null);
        CheckRow failed = new CheckRow("c-failed", "alpha", 1, null, T0.plusSeconds(3), false, 0, 0.5, 0, 0, 0, 5L,
                null, null, CheckRow.FAILED, "the batch is empty", null, null, null);
        for (CheckRow r : List.of(broken, clean, none, failed)) {
            f.checks.insert(r, List.of());
        }
        f.checks.insert(withDataQuality(check("b-latest", f.beta, f.current, T0.plusSeconds(9)), 99, 98), List.of());

        assertThat(f.checks.find("c-broken").orElseThrow()).isEqualTo(broken);
        assertThat(f.checks.find("c-broken").orElseThrow().dataQualityCritical()).isEqualTo(2);
        assertThat(f.checks.find("c-clean").orElseThrow().dataQualityFailures()).as("no failure is 0, not null")
                .isZero();
        assertThat(f.checks.find("c-none").orElseThrow().dataQualityFailures()).isNull();
        assertThat(f.checks.find("c-failed").orElseThrow()).isEqualTo(failed);
        assertThat(f.checks.page("alpha", FAR_PAST, FAR_FUTURE, "", 10))
                .extracting(CheckSummaryRow::id, CheckSummaryRow::dataQualityFailures,
                        CheckSummaryRow::dataQualityCritical)
                .containsExactly(tuple("c-failed", null, null), tuple("c-none", null, null), tuple("c-clean", 0, 0),
                        tuple("c-broken", 7, 2));
        assertThat(f.checks.latest("alpha")).contains(summary(none));
        assertThat(f.checks.latestRan("alpha", 2)).containsExactly(summary(none), summary(clean));
        assertThat(f.checks.latest("beta").orElseThrow().dataQualityFailures()).isEqualTo(99);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void keepsLabelFreeFindingsPerCheckAndFindsTheMonitorsNewest(StoreBackend backend) {
        Fixture f = fixture(backend);
        f.checks.insert(check("a-old", f.alpha, f.current, T0), List.of());
        f.checks.insert(check("a-new", f.alpha, f.current, T0.plusSeconds(60)), List.of());
        f.checks.insert(check("a-none", f.alpha, f.current, T0.plusSeconds(120)), List.of());
        f.checks.insert(check("b-1", f.beta, f.current, T0.plusSeconds(600)), List.of());
        CheckLabelFreeRow old = new CheckLabelFreeRow("a-old", true, null, "{\"v\":\"old\"}");
        CheckLabelFreeRow newer = new CheckLabelFreeRow("a-new", false, false, "{\"v\":\"new\"}");
        CheckLabelFreeRow beta = new CheckLabelFreeRow("b-1", null, true, "{\"v\":\"b\"}");
        for (CheckLabelFreeRow r : List.of(old, newer, beta)) {
            f.checks.insertLabelFree(r);
        }

        assertThat(f.checks.labelFree(List.of("a-old", "a-new", "a-none"))).containsExactlyInAnyOrder(old, newer);
        assertThat(f.checks.labelFree(List.of())).isEmpty();
        assertThat(f.checks.latestLabelFree("alpha")).as("a-none has no findings").contains(newer);
        assertThat(f.checks.latestLabelFree("beta")).contains(beta);
        assertThat(f.checks.latestLabelFree("gamma")).isEmpty();
    }

    private static CheckRow withDataQuality(CheckRow r, Integer failures, Integer critical) {
        return new CheckRow(r.id(), r.monitorId(), r.monitorVersion(), r.datasetId(), r.createdAt(), r.driftDetected(),
                r.driftShare(), r.shareThreshold(), r.columnCount(), r.driftedCount(), r.errorCount(), r.durationMs(),
                r.result(), r.reportFile(), r.status(), r.error(), r.referenceVersion(), failures, critical);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void columnsThatCouldNotBeTestedKeepTheirNullsAndError(StoreBackend backend) {
        Fixture f = fixture(backend);
        CheckColumnRow untested = new CheckColumnRow("c1", 0, "temp", "num", null, null, null, false,
                "the current batch has no values", null, null, null, null);
        CheckColumnRow testedWithoutThreshold = new CheckColumnRow("c1", 1, "hum", "num", "ks", 0.0, null, true, null,
                null, "K-S p_value", "<=", "p_value");
        CheckColumnRow pValueZero = new CheckColumnRow("c1", 2, "cnt", "num", "ks", 0.0, 0.05, true, null,
                Double.POSITIVE_INFINITY, "K-S p_value", "<=", "p_value");
        f.checks.insert(check("c1", f.alpha, f.current, T0), List.of(untested, testedWithoutThreshold, pValueZero));

        List<CheckColumnRow> back = f.checks.columns("c1");

        assertThat(back).containsExactly(untested, testedWithoutThreshold, pValueZero);
        assertThat(back.get(2).strength()).as("p = 0: infinitely strong drift, kept as such").isInfinite();
        assertThat(back.get(0).score()).isNull();
        assertThat(back.get(0).threshold()).isNull();
        assertThat(back.get(0).test()).isNull();
        assertThat(back.get(1).score()).isEqualTo(0.0);
        assertThat(back.get(1).error()).isNull();
        assertThat(back.get(1).strength()).as("an undefined strength is stored as null").isNull();
        assertThat(back.get(1).displayName()).isEqualTo("K-S p_value");
        assertThat(back.get(1).comparison()).isEqualTo("<=");
        assertThat(back.get(1).scoreKind()).isEqualTo("p_value");
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aCheckWhoseColumnsCannotBeStoredIsNotStoredEither(StoreBackend backend) {
        Fixture f = fixture(backend);
        List<CheckColumnRow> clash = List.of(columns("c1", 2).get(0), columns("c1", 2).get(0));

        assertThatThrownBy(() -> f.checks.insert(check("c1", f.alpha, f.current, T0), clash))
                .isInstanceOf(RuntimeException.class);

        assertThat(f.checks.find("c1")).isEmpty();
        assertThat(f.checks.columns("c1")).isEmpty();
        assertThat(f.checks.count("alpha")).isZero();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void instantsRoundTripToTheMicrosecond(StoreBackend backend) {
        Fixture f = fixture(backend);
        List<Instant> instants = List.of(Instant.parse("2026-03-01T08:15:30.000001Z"),
                Instant.parse("2026-03-01T08:15:30.999999Z"), Instant.parse("1999-12-31T23:59:59.123456Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("2025-10-26T01:30:00.654321Z"),
                Instant.parse("2038-01-19T03:14:08.000010Z"));
        for (int i = 0; i < instants.size(); i++) {
            f.add("c" + i, f.alpha, instants.get(i));
        }

        for (int i = 0; i < instants.size(); i++) {
            assertThat(f.checks.find("c" + i).orElseThrow().createdAt()).isEqualTo(instants.get(i));
        }
        assertThat(f.checks.page("alpha", FAR_PAST, FAR_FUTURE, "", 100))
                .extracting(CheckSummaryRow::createdAt)
                .containsExactlyElementsOf(instants.stream().sorted((a, b) -> b.compareTo(a)).toList());
    }

    /**
     * Where the JVM's zone has daylight saving time, 00:30Z and 01:30Z on 2025-10-26 are both 02:30
     * local time in Berlin. Bound through {@code java.sql.Timestamp} (local time), the embedded
     * default stored the second as the first, an hour early, and history came out of order.
     */
    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void instantsInTheHourWhenClocksGoBackRoundTripWhateverTheJvmTimeZone(StoreBackend backend) {
        Fixture f = fixture(backend);
        Instant first = Instant.parse("2025-10-26T00:30:00.123456Z");
        Instant second = Instant.parse("2025-10-26T01:30:00.000001Z");
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        DateTimeUtils.resetCalendar(); // H2 caches the JVM zone; new sessions take the one just set
        try {
            f.add("c-first", f.alpha, first);
            f.add("c-second", f.alpha, second);

            assertThat(f.checks.find("c-first").orElseThrow().createdAt()).isEqualTo(first);
            assertThat(f.checks.find("c-second").orElseThrow().createdAt()).isEqualTo(second);
            assertThat(ids(f.checks.page("alpha", FAR_PAST, FAR_FUTURE, "", 10))).containsExactly("c-second", "c-first");
            assertThat(ids(f.checks.page("alpha", second, FAR_FUTURE, "", 10))).containsExactly("c-second");
        } finally {
            TimeZone.setDefault(jvmZone);
            DateTimeUtils.resetCalendar();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void pagesNewestFirstWithTiesInTimeOrderedById(StoreBackend backend) {
        Fixture f = fixture(backend);
        CheckRow old = f.add("c-old", f.alpha, T0);
        CheckRow tieA = f.add("c-tie-a", f.alpha, T0.plusSeconds(10));
        CheckRow tieC = f.add("c-tie-c", f.alpha, T0.plusSeconds(10));
        CheckRow tieB = f.add("c-tie-b", f.alpha, T0.plusSeconds(10));
        CheckRow newest = f.add("c-new", f.alpha, T0.plusSeconds(10).plusNanos(1_000));
        f.add("z-beta-tie", f.beta, T0.plusSeconds(10));
        f.add("z-beta-newest", f.beta, T0.plusSeconds(99));

        List<CheckSummaryRow> page = f.checks.page("alpha", FAR_PAST, FAR_FUTURE, "", 10);

        assertThat(page).containsExactly(summary(newest), summary(tieC), summary(tieB), summary(tieA), summary(old));
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void pagingFromTheLastRowOfEachPageVisitsEveryCheckOnceAcrossTies(StoreBackend backend) {
        Fixture f = fixture(backend);
        List<String> expected = new ArrayList<>();
        for (int t = 4; t >= 0; t--) { // five instants, three checks each: every page boundary falls in a tie
            for (char c = 'c'; c >= 'a'; c--) {
                String id = "t" + t + c;
                expected.add(id);
            }
        }
        for (int i = expected.size() - 1; i >= 0; i--) {
            String id = expected.get(i);
            f.add(id, f.alpha, T0.plusSeconds(id.charAt(1) - '0'));
            f.add("beta-" + id, f.beta, T0.plusSeconds(id.charAt(1) - '0'));
        }

        List<String> visited = new ArrayList<>();
        Instant beforeTime = FAR_FUTURE;
        String beforeId = "";
        for (int pages = 0; pages < 20; pages++) {
            List<CheckSummaryRow> page = f.checks.page("alpha", FAR_PAST, beforeTime, beforeId, 2);
            if (page.isEmpty()) {
                break;
            }
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            visited.addAll(ids(page));
            beforeTime = page.get(page.size() - 1).createdAt();
            beforeId = page.get(page.size() - 1).id();
        }

        assertThat(visited).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void fromIsInclusiveAndBeforeIsExclusive(StoreBackend backend) {
        Fixture f = fixture(backend);
        f.add("c0", f.alpha, T0);
        CheckRow atFrom = f.add("c1", f.alpha, T0.plusSeconds(1));
        CheckRow inside = f.add("c2", f.alpha, T0.plusSeconds(2).minusNanos(1_000));
        f.add("c3", f.alpha, T0.plusSeconds(2));
        f.add("c4", f.alpha, T0.plusSeconds(3));
        f.add("b1", f.beta, T0.plusSeconds(1));
        f.add("b2", f.beta, T0.plusSeconds(1).plusNanos(5_000));

        List<CheckSummaryRow> window = f.checks.page("alpha", T0.plusSeconds(1), T0.plusSeconds(2), "", 10);

        assertThat(window).containsExactly(summary(inside), summary(atFrom));
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aPositionExcludesItselfAndEverythingAfterIt(StoreBackend backend) {
        Fixture f = fixture(backend);
        CheckRow a = f.add("a", f.alpha, T0);
        f.add("b", f.alpha, T0);
        f.add("c", f.alpha, T0);
        CheckRow earlier = f.add("z", f.alpha, T0.minusNanos(1_000));
        f.add("later", f.alpha, T0.plusNanos(1_000));

        assertThat(ids(f.checks.page("alpha", FAR_PAST, T0, "b", 10))).containsExactly("a", "z");
        assertThat(ids(f.checks.page("alpha", FAR_PAST, T0, "a", 10))).containsExactly("z");
        assertThat(f.checks.page("alpha", T0, T0, "b", 10)).containsExactly(summary(a));
        assertThat(f.checks.page("alpha", FAR_PAST, T0, "", 10)).containsExactly(summary(earlier));
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void pageReturnsAtMostLimitRows(StoreBackend backend) {
        Fixture f = fixture(backend);
        for (int i = 0; i < 5; i++) {
            f.add("c" + i, f.alpha, T0.plusSeconds(i));
        }

        assertThat(ids(f.checks.page("alpha", FAR_PAST, FAR_FUTURE, "", 3))).containsExactly("c4", "c3", "c2");
        assertThat(ids(f.checks.page("alpha", FAR_PAST, FAR_FUTURE, "", 1))).containsExactly("c4");
        assertThat(f.checks.page("gamma", FAR_PAST, FAR_FUTURE, "", 3)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void latestIsTheNewestCheckOfThatMonitorWithTiesBrokenById(StoreBackend backend) {
        Fixture f = fixture(backend);
        f.add("a1", f.alpha, T0);
        CheckRow latest = f.add("a3", f.alpha, T0.plusSeconds(5));
        f.add("a2", f.alpha, T0.plusSeconds(5));
        f.add("b9", f.beta, T0.plusSeconds(50));

        assertThat(f.checks.latest("alpha")).contains(summary(latest));
        assertThat(f.checks.latest("beta").orElseThrow().id()).isEqualTo("b9");
        assertThat(f.checks.latest("gamma")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void countsTheChecksOfOneMonitor(StoreBackend backend) {
        Fixture f = fixture(backend);
        f.add("a1", f.alpha, T0);
        f.add("a2", f.alpha, T0);
        f.add("a3", f.alpha, T0.plusSeconds(1));
        f.add("b1", f.beta, T0);

        assertThat(f.checks.count("alpha")).isEqualTo(3);
        assertThat(f.checks.count("beta")).isEqualTo(1);
        assertThat(f.checks.count("gamma")).isZero();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void columnsOfSeveralChecksComeByCheckThenPositionAndOnlyForThoseChecks(StoreBackend backend) {
        Fixture f = fixture(backend);
        f.checks.insert(check("c-b", f.alpha, f.current, T0), columns("c-b", 3));
        f.checks.insert(check("c-a", f.alpha, f.current, T0.plusSeconds(1)), columns("c-a", 2));
        f.checks.insert(check("c-c", f.alpha, f.current, T0.plusSeconds(2)), columns("c-c", 4));
        f.checks.insert(check("d-beta", f.beta, f.current, T0), columns("d-beta", 2));

        List<CheckColumnRow> two = f.checks.columns(List.of("c-c", "c-a", "no-such-check"));
        List<CheckColumnRow> one = f.checks.columns(List.of("c-b"));

        List<CheckColumnRow> expected = new ArrayList<>(columns("c-a", 2));
        expected.addAll(columns("c-c", 4));
        assertThat(two).isEqualTo(expected);
        assertThat(one).isEqualTo(columns("c-b", 3));
        assertThat(f.checks.columns(List.of("no-such-check"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void columnsOfNoChecksAreNone(StoreBackend backend) {
        Fixture f = fixture(backend);
        f.add("c1", f.alpha, T0);

        assertThat(f.checks.columns(List.<String>of())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void reportFilesAreThoseOfOneMonitor(StoreBackend backend) {
        Fixture f = fixture(backend);
        f.add("a1", f.alpha, T0);
        f.add("a2", f.alpha, T0.plusSeconds(1));
        f.add("b1", f.beta, T0);

        assertThat(f.checks.reportFiles("alpha")).containsExactlyInAnyOrder("alpha/a1.html", "alpha/a2.html");
        assertThat(f.checks.reportFiles("gamma")).isEmpty();
    }
}
