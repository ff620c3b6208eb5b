package io.driftwatch.store;

import static io.driftwatch.store.StoreRows.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.TestDatabases;
import io.driftwatch.TestDatabases.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link OutboxDao}'s order per receiver on the embedded default and on PostgreSQL: only a
 * receiver's first pending row is ever due or claimable, whatever the times of the rows behind it;
 * a row retrying holds back its receiver's later rows and nobody else's; a failed row lets the next
 * one go; a retry by hand puts a row back in its place, and is refused for a trigger whose resolve
 * the receiver already has. The fixture always holds a channel and a trigger with the same name, and
 * a second channel, so a query that confuses receivers returns rows it must not.
 */
class OutboxDaoTest {
    private static final Instant NOW = T0.plus(Duration.ofHours(1));

    @TempDir
    Path dir;

    private static OutboxRow row(String id, OutboxRow.TargetKind kind, String target, String event, String incident,
            Instant createdAt, Instant nextAttemptAt) {
        return new OutboxRow(id, "key-" + id, "m-" + target, "check-" + id, incident, kind, target, event,
                "{\"row\":\"" + id + "\"}", OutboxRow.State.PENDING, 0, createdAt, nextAttemptAt, null, null, null, null);
    }

    private static OutboxRow alert(String id, String target, String event, String incident, int minutes) {
        Instant at = T0.plus(Duration.ofMinutes(minutes));
        return row(id, OutboxRow.TargetKind.CHANNEL, target, event, incident, at, at);
    }

    private static List<String> ids(List<OutboxRow> rows) {
        List<String> ids = new ArrayList<>();
        for (OutboxRow r : rows) {
            ids.add(r.id());
        }
        return ids;
    }

    private static OutboxDao outbox(StoreBackend backend, OutboxRow... rows) {
        OutboxDao outbox = backend.emptied().onDemand(OutboxDao.class);
        for (OutboxRow r : rows) {
            assertThat(outbox.insertIfAbsent(r)).isOne();
        }
        return outbox;
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void storesTargetKindsAndStatesAsTheLowerCaseValuesTheQueriesName(StoreBackend backend) {
        Jdbi jdbi = backend.emptied();
        OutboxDao outbox = jdbi.onDemand(OutboxDao.class);
        outbox.insertIfAbsent(alert("p1", "pager", "triggered", "i1", 0));
        outbox.insertIfAbsent(row("t1", OutboxRow.TargetKind.TRIGGER, "pager", "breach", "i1", T0, T0));
        outbox.insertIfAbsent(alert("c1", "chat", "triggered", "i1", 1));
        outbox.delivered("t1", NOW, "run-1");
        outbox.failed("p1", "HTTP 404");

        List<String> stored = jdbi.withHandle(h -> h.createQuery(
                "SELECT id || ' ' || target_kind || ' ' || state FROM outbox ORDER BY id").mapTo(String.class).list());

        assertThat(stored).containsExactly("c1 channel pending", "p1 channel failed", "t1 trigger delivered");
        assertThat(outbox.byState(OutboxRow.State.FAILED, 10)).singleElement()
                .extracting(OutboxRow::targetKind).isEqualTo(OutboxRow.TargetKind.CHANNEL);
        assertThat(outbox.find("t1")).map(OutboxRow::state).hasValue(OutboxRow.State.DELIVERED);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void offersOnlyTheFirstPendingRowOfEachReceiverInTheOrderTheRowsWereQueued(StoreBackend backend) {
        // pager's rows are queued in the order p1, p2, p3, but p2 and p3 carry earlier times than p1
        OutboxDao outbox = outbox(backend,
                alert("p1", "pager", "triggered", "i1", 30),
                alert("p2", "pager", "resolved", "i1", 10),
                alert("p3", "pager", "triggered", "i2", 20),
                alert("c1", "chat", "triggered", "i1", 40),
                row("t1", OutboxRow.TargetKind.TRIGGER, "pager", "breach", "i1", T0.plus(Duration.ofMinutes(50)),
                        T0.plus(Duration.ofMinutes(50))));

        assertThat(ids(outbox.due(NOW, 10))).containsExactly("p1", "c1", "t1");
        assertThat(outbox.first(OutboxRow.TargetKind.CHANNEL, "pager")).map(OutboxRow::id).hasValue("p1");
        assertThat(outbox.first(OutboxRow.TargetKind.TRIGGER, "pager")).map(OutboxRow::id).hasValue("t1");
        assertThat(outbox.first(OutboxRow.TargetKind.CHANNEL, "nobody")).isEmpty();
        assertThat(ids(outbox.due(T0.plus(Duration.ofMinutes(35)), 10))).as("c1 and t1 are not due yet")
                .containsExactly("p1");
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aRowWaitingForItsRetryHoldsBackItsReceiversLaterRowsOnly(StoreBackend backend) {
        OutboxDao outbox = outbox(backend,
                alert("p1", "pager", "triggered", "i1", 0),
                alert("p2", "pager", "resolved", "i1", 1),
                alert("c1", "chat", "triggered", "i1", 2),
                alert("c2", "chat", "resolved", "i1", 3));

        assertThat(outbox.claim("p1", NOW, NOW.plusSeconds(60))).isOne();
        assertThat(outbox.retryAt("p1", NOW.plusSeconds(8), "HTTP 503")).isOne();

        assertThat(ids(outbox.due(NOW.plusSeconds(1), 10))).as("p2 waits behind p1; chat goes on").containsExactly("c1");
        assertThat(outbox.claim("p2", NOW.plusSeconds(1), NOW.plusSeconds(61))).as("p2 is not first in line").isZero();
        assertThat(ids(outbox.due(NOW.plusSeconds(9), 10))).containsExactly("c1", "p1");

        assertThat(outbox.claim("p1", NOW.plusSeconds(9), NOW.plusSeconds(69))).isOne();
        assertThat(ids(outbox.due(NOW.plusSeconds(10), 10))).as("p1 is being sent: p2 still waits")
                .containsExactly("c1");
        assertThat(outbox.claim("p2", NOW.plusSeconds(10), NOW.plusSeconds(70))).isZero();

        assertThat(outbox.delivered("p1", NOW.plusSeconds(10), null)).isOne();
        assertThat(ids(outbox.due(NOW.plusSeconds(10), 10))).containsExactly("p2", "c1");
        assertThat(outbox.claim("p2", NOW.plusSeconds(10), NOW.plusSeconds(70))).isOne();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void claimsOnlyADueRowNotLeasedByAnotherWorker(StoreBackend backend) {
        OutboxDao outbox = outbox(backend, alert("p1", "pager", "triggered", "i1", 0));

        assertThat(outbox.claim("p1", T0.minusSeconds(1), T0.plusSeconds(60))).as("not due yet").isZero();
        assertThat(outbox.claim("p1", NOW, NOW.plusSeconds(60))).isOne();
        assertThat(outbox.claim("p1", NOW.plusSeconds(59), NOW.plusSeconds(119))).as("leased").isZero();
        assertThat(outbox.claim("p1", NOW.plusSeconds(61), NOW.plusSeconds(121))).as("the lease ran out").isOne();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aFailedRowLetsTheNextGoAndARetryByHandPutsItBackInItsPlace(StoreBackend backend) {
        OutboxDao outbox = outbox(backend,
                alert("p1", "pager", "triggered", "i1", 0),
                alert("p2", "pager", "resolved", "i1", 1),
                alert("p3", "pager", "triggered", "i2", 2));
        outbox.claim("p1", NOW, NOW.plusSeconds(60));
        outbox.failed("p1", "gave up after PT24H: HTTP 503");

        assertThat(ids(outbox.due(NOW, 10))).containsExactly("p2");
        assertThat(outbox.requeue("p1", NOW)).as("p2 is queued, not sent: p1 may go before it").isOne();
        assertThat(ids(outbox.due(NOW, 10))).containsExactly("p1");
        assertThat(outbox.claim("p2", NOW, NOW.plusSeconds(60))).isZero();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void refusesToRequeueATriggerWhoseResolveTheReceiverHasOrIsGetting(StoreBackend backend) {
        OutboxDao outbox = outbox(backend,
                alert("p1", "pager", "triggered", "i1", 0),
                alert("p2", "pager", "resolved", "i1", 1),
                alert("c1", "chat", "triggered", "i1", 2),
                alert("c2", "chat", "resolved", "i1", 3),
                alert("c3", "chat", "triggered", "i2", 4),
                alert("c4", "chat", "resolved", "i2", 5));
        outbox.claim("p1", NOW, NOW.plusSeconds(60));
        outbox.failed("p1", "HTTP 400");
        outbox.claim("p2", NOW, NOW.plusSeconds(60));
        outbox.delivered("p2", NOW, null);
        outbox.claim("c1", NOW, NOW.plusSeconds(60));
        outbox.failed("c1", "HTTP 400");

        assertThat(outbox.requeue("p1", NOW.plusSeconds(1))).as("pager has i1's resolve").isZero();
        assertThat(outbox.resolveSent("p1", NOW.plusSeconds(1))).map(OutboxRow::id).hasValue("p2");
        assertThat(outbox.find("p1")).map(OutboxRow::state).hasValue(OutboxRow.State.FAILED);

        outbox.claim("c2", NOW.plusSeconds(2), NOW.plusSeconds(62));
        assertThat(outbox.requeue("c1", NOW.plusSeconds(3))).as("chat is getting i1's resolve now").isZero();
        assertThat(outbox.resolveSent("c1", NOW.plusSeconds(3))).map(OutboxRow::id).hasValue("c2");

        outbox.retryAt("c2", NOW.plusSeconds(30), "HTTP 503");
        assertThat(outbox.resolveSent("c1", NOW.plusSeconds(4))).as("waiting, not sent").isEmpty();
        assertThat(outbox.requeue("c1", NOW.plusSeconds(4))).as("c1 goes before its waiting resolve").isOne();
        assertThat(ids(outbox.due(NOW.plusSeconds(4), 10))).containsExactly("c1");

        assertThat(outbox.resolveSent("p2", NOW.plusSeconds(4))).as("a resolve has no later resolve").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void upgradeKeepsRowsNotYetDeliveredInTheOrderOfTheirChecks(StoreBackend backend) throws Exception {
        TestDatabase db = backend.unmigrated(dir);
        applyAllBut(db, "4-outbox-order");
        Jdbi jdbi = StoreBackend.jdbi(db);
        // inserted in another order than the checks': the table's own order must not decide
        String insert = """
                INSERT INTO outbox (id, idempotency_key, monitor_id, target_kind, target_name, event, payload, state,
                                    attempts, created_at, next_attempt_at)
                VALUES (?, ?, 'm', 'channel', ?, 'triggered', '{}', ?, 1, ?, ?)
                """;
        Object[][] rows = {
            {"p3", "pager", OutboxRow.State.PENDING.value(), 3},
            {"d1", "pager", OutboxRow.State.DELIVERED.value(), 0},
            {"p1", "pager", OutboxRow.State.FAILED.value(), 1},
            {"c1", "chat", OutboxRow.State.PENDING.value(), 2},
            {"p2", "pager", OutboxRow.State.PENDING.value(), 2},
        };
        jdbi.useHandle(h -> {
            for (Object[] r : rows) {
                Instant at = T0.plus(Duration.ofMinutes((Integer) r[3]));
                h.execute(insert, r[0], "key-" + r[0], r[1], r[2], at, at);
            }
        });

        TestDatabases.migrated(db);
        OutboxDao outbox = jdbi.onDemand(OutboxDao.class);
        assertThat(outbox.insertIfAbsent(alert("p4", "pager", "resolved", "i1", -60))).isOne();

        assertThat(ids(outbox.due(NOW, 10))).containsExactly("c1", "p2");
        assertThat(outbox.requeue("p1", NOW)).isOne();
        assertThat(ids(outbox.due(NOW, 10))).containsExactly("c1", "p1");
        List<String> pager = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            OutboxRow first = outbox.first(OutboxRow.TargetKind.CHANNEL, "pager").orElseThrow();
            pager.add(first.id());
            outbox.delivered(first.id(), NOW, null);
        }
        assertThat(pager).as("queued before the upgrade in the order of their checks, then p4").containsExactly(
                "p1", "p2", "p3", "p4");
    }

    /** Applies every changeset before {@code changeset}, which must be in the changelog. */
    private static void applyAllBut(TestDatabase db, String changeset) throws SQLException, LiquibaseException {
        try (Connection c = db.connect()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Liquibase liquibase = new Liquibase(Migrations.CHANGELOG, new ClassLoaderResourceAccessor(), database);
            int before = -1;
            var sets = liquibase.getDatabaseChangeLog().getChangeSets();
            for (int i = 0; i < sets.size(); i++) {
                if (sets.get(i).getId().equals(changeset)) {
                    before = i;
                }
            }
            assertThat(before).as("changeset " + changeset).isPositive();
            liquibase.update(before, new Contexts(), new LabelExpression());
        }
    }
}
