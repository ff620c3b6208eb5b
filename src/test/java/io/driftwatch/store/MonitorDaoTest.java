package io.driftwatch.store;

import static io.driftwatch.store.StoreRows.T0;
import static io.driftwatch.store.StoreRows.check;
import static io.driftwatch.store.StoreRows.columns;
import static io.driftwatch.store.StoreRows.dataset;
import static io.driftwatch.store.StoreRows.monitor;
import static io.driftwatch.store.StoreRows.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MonitorDao} on the embedded default and on PostgreSQL: names are unique, updates are
 * optimistic (by version), and deleting a monitor deletes its checks and their column results but
 * nothing of other monitors.
 */
class MonitorDaoTest {

    /** Two datasets with profiles, and monitors "alpha" and "beta" on them. */
    private record Fixture(Jdbi jdbi, MonitorDao monitors, CheckDao checks, DatasetRow ref, DatasetRow other,
            ProfileRow refProfile, ProfileRow otherProfile, MonitorRow alpha, MonitorRow beta) {
    }

    private static Fixture fixture(StoreBackend backend) {
        Jdbi jdbi = backend.emptied();
        DatasetDao datasets = jdbi.onDemand(DatasetDao.class);
        DatasetRow ref = dataset("reference");
        DatasetRow other = dataset("other");
        datasets.insertIfAbsent(ref);
        datasets.insertIfAbsent(other);
        ProfileRow refProfile = profile(ref);
        ProfileRow otherProfile = profile(other);
        datasets.insertProfileIfAbsent(refProfile);
        datasets.insertProfileIfAbsent(otherProfile);
        MonitorDao monitors = jdbi.onDemand(MonitorDao.class);
        MonitorRow alpha = monitor("alpha", ref, refProfile);
        MonitorRow beta = monitor("beta", other, otherProfile);
        assertThat(monitors.insertIfAbsent(beta)).isEqualTo(1);
        assertThat(monitors.insertIfAbsent(alpha)).isEqualTo(1);
        return new Fixture(jdbi, monitors, jdbi.onDemand(CheckDao.class), ref, other, refProfile, otherProfile,
                alpha, beta);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void readsEveryFieldBackAndListsMonitorsById(StoreBackend backend) {
        Fixture f = fixture(backend);

        assertThat(f.monitors.find("alpha")).contains(f.alpha);
        assertThat(f.monitors.find("beta")).contains(f.beta);
        assertThat(f.monitors.find("gamma")).isEmpty();
        assertThat(f.monitors.list()).containsExactly(f.alpha, f.beta);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void insertingATakenNameDoesNothingAndKeepsTheFirstDefinition(StoreBackend backend) {
        Fixture f = fixture(backend);
        MonitorRow again = new MonitorRow("alpha", "name: alpha\nreference: other\n", "application/json",
                f.other.id(), f.otherProfile.sha256(), 1, T0.plusSeconds(5), T0.plusSeconds(5));

        assertThat(f.monitors.insertIfAbsent(again)).isZero();

        assertThat(f.monitors.find("alpha")).contains(f.alpha);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void updateReplacesTheDefinitionAndBumpsTheVersionOfThatMonitorOnly(StoreBackend backend) {
        Fixture f = fixture(backend);
        Instant later = T0.plusSeconds(3600).plusNanos(654_321_000);

        int updated = f.monitors.update("alpha", 1, "name: alpha\n# v2\n", "application/json", f.other.id(),
                f.otherProfile.sha256(), later);

        assertThat(updated).isEqualTo(1);
        assertThat(f.monitors.find("alpha")).contains(new MonitorRow("alpha", "name: alpha\n# v2\n",
                "application/json", f.other.id(), f.otherProfile.sha256(), 2, f.alpha.createdAt(), later));
        assertThat(f.monitors.find("beta")).contains(f.beta);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void updateAtAStaleVersionChangesNothing(StoreBackend backend) {
        Fixture f = fixture(backend);
        f.monitors.update("alpha", 1, "name: alpha\n# v2\n", "application/yaml", f.ref.id(), f.refProfile.sha256(),
                T0.plusSeconds(1));
        MonitorRow v2 = f.monitors.find("alpha").orElseThrow();

        int stale = f.monitors.update("alpha", 1, "name: alpha\n# lost update\n", "application/yaml", f.ref.id(),
                f.refProfile.sha256(), T0.plusSeconds(2));

        assertThat(stale).isZero();
        assertThat(f.monitors.find("alpha")).contains(v2);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(f.monitors.update("alpha", 2, "name: alpha\n# v3\n", "application/yaml", f.ref.id(),
                f.refProfile.sha256(), T0.plusSeconds(3))).isEqualTo(1);
        assertThat(f.monitors.find("alpha").orElseThrow().version()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void updateOfAMissingMonitorChangesNothing(StoreBackend backend) {
        Fixture f = fixture(backend);

        assertThat(f.monitors.update("gamma", 1, "name: gamma\n", "application/yaml", f.ref.id(),
                f.refProfile.sha256(), T0)).isZero();
        assertThat(f.monitors.list()).containsExactly(f.alpha, f.beta);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void deleteRemovesTheMonitorWithItsChecksAndColumnsButNotOtherMonitors(StoreBackend backend) {
        Fixture f = fixture(backend);
        f.checks.insert(check("a1", f.alpha, f.other, T0), columns("a1", 3));
        f.checks.insert(check("a2", f.alpha, f.other, T0.plusSeconds(1)), columns("a2", 2));
        f.checks.insert(check("b1", f.beta, f.other, T0), columns("b1", 4));

        assertThat(f.monitors.delete("alpha")).isEqualTo(1);

        assertThat(f.monitors.find("alpha")).isEmpty();
        assertThat(f.checks.find("a1")).isEmpty();
        assertThat(f.checks.find("a2")).isEmpty();
        assertThat(f.checks.count("alpha")).isZero();
        assertThat(f.checks.columns("a1")).isEmpty();
        assertThat(f.checks.columns("a2")).isEmpty();
        assertThat(StoreBackend.rowCount(f.jdbi, "check_columns")).isEqualTo(4);
        assertThat(f.monitors.find("beta")).contains(f.beta);
        assertThat(f.checks.find("b1")).isPresent();
        assertThat(f.checks.columns("b1")).isEqualTo(columns("b1", 4));
        assertThat(f.monitors.delete("alpha")).isZero();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void refusesAMonitorWhoseReferenceOrProfileIsNotStored(StoreBackend backend) {
        Fixture f = fixture(backend);
        DatasetRow unknown = dataset("never stored");

        assertThatThrownBy(() -> f.monitors.insertIfAbsent(monitor("gamma", unknown, f.refProfile)))
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("reference_id"));
        assertThatThrownBy(() -> f.monitors.insertIfAbsent(monitor("gamma", f.ref, profile(unknown))))
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("profile_sha256"));
        assertThat(f.monitors.find("gamma")).isEmpty();
    }
}
