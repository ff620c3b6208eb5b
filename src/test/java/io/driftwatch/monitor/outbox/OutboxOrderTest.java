package io.driftwatch.monitor.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.TestDatabases;
import io.driftwatch.TestDatabases.TestDatabase;
import io.driftwatch.monitor.policy.Receivers;
import io.driftwatch.notify.AlertEvent;
import io.driftwatch.notify.Channel;
import io.driftwatch.notify.PagerDutyChannelFactory;
import io.driftwatch.notify.WebhookChannelFactory;
import io.driftwatch.store.OutboxDao;
import io.driftwatch.store.OutboxRow;
import io.driftwatch.trigger.FakeServer;
import io.driftwatch.trigger.FakeServer.Reply;
import io.driftwatch.trigger.FakeServer.Request;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbox worker keeps each receiver's deliveries strictly in the order they were queued, on both
 * backends, against local fakes of PagerDuty (Events API v2) and signed webhooks: while a receiver's
 * first row waits for the retry its {@code Retry-After} asked for, its later rows wait too and other
 * receivers' rows go on; a row given up on lets the next go; a worker that dies with a row in flight
 * (its lease left in the table, its outcome never written) is followed by one that sends that row
 * again before the rows behind it; two workers on one database never send to one receiver at once.
 *
 * <p>Waits poll with a bound; no assertion depends on a sleep.
 */
class OutboxOrderTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ROUTING_KEY = "R0123456789abcdef0123456789abcdE";
    private static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final URI DASHBOARD = URI.create("https://driftwatch.example/monitors/bikes");

    @TempDir
    Path dir;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestDatabase db;
    private int queued;

    @AfterEach
    void stopEverything() throws Exception { // AutoCloseable.close() declares Exception
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    /** A receiver: a local server answering from a script, recording what arrived, when, and how many at once. */
    private final class Receiver implements FakeServer.Handler {
        final FakeServer server;
        final List<String> arrived = new CopyOnWriteArrayList<>();
        final List<Instant> arrivals = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
        private final Function<Request, String> label;
        private final Function<Request, Reply> otherwise;

        Receiver(Function<Request, String> label, Function<Request, Reply> otherwise) {
            this.label = label;
            this.otherwise = otherwise;
            this.server = new FakeServer(this);
            closing.add(server);
        }

        Receiver then(Reply reply) {
            script.add(reply);
            return this;
        }

        @Override
        public Reply handle(Request request) {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                arrived.add(label.apply(request));
                arrivals.add(Instant.now());
                Reply r = script.poll();
                return r != null ? r : otherwise.apply(request);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** A fake PagerDuty: every event is accepted; it records "trigger i1", "resolve i1"… */
    private Receiver pagerDuty() {
        return new Receiver(r -> r.json().path("event_action").asText() + " "
                + r.json().path("dedup_key").asText().replace("driftwatch/bikes/", ""),
                r -> Reply.json(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":"
                        + r.json().path("dedup_key") + "}"));
    }

    /** A fake webhook endpoint answering 204; it records each delivery's {@code webhook-id}. */
    private Receiver webhook() {
        return new Receiver(r -> r.header("webhook-id"), r -> Reply.empty(204));
    }

    private static Channel pagerDutyChannel(Receiver fake) {
        PagerDutyChannelFactory f = new PagerDutyChannelFactory();
        f.setName("ml-oncall");
        f.setRoutingKey(ROUTING_KEY);
        f.setUrl(fake.server.uri() + "/v2/enqueue");
        return f.build();
    }

    private static Channel webhookChannel(String name, Receiver fake) {
        WebhookChannelFactory f = new WebhookChannelFactory();
        f.setName(name);
        f.setUrl(fake.server.uri() + "/hook");
        f.setSecret(WEBHOOK_SECRET);
        return f.build();
    }

    private Jdbi jdbi(String backend) throws SQLException {
        db = backend.equals("h2") ? TestDatabases.h2(dir) : TestDatabases.postgres();
        if (backend.equals("h2")) {
            // held open as the service's pool holds it: H2 closes a file database with its last connection,
            // and workers that open and close connections all the time would race its closing and reopening
            closing.add(db.connect());
        }
        return Jdbi.create(db.url(), db.user(), "").installPlugin(new SqlObjectPlugin());
    }

    private static OutboxWorker.Settings settings(Duration lease, Duration giveUpAfter) {
        return new OutboxWorker.Settings(Duration.ofMillis(50), lease, Duration.ofMillis(100), Duration.ofMillis(400),
                giveUpAfter, 4);
    }

    private OutboxWorker started(Jdbi jdbi, List<Channel> channels, OutboxWorker.Settings settings) {
        OutboxWorker worker = new OutboxWorker(jdbi.onDemand(OutboxDao.class),
                new Receivers(channels, List.of(), URI.create("https://driftwatch.example/")), settings,
                Clock.systemUTC());
        worker.start();
        closing.add(worker::stop);
        return worker;
    }

    /** Queues {@code kind} of incident {@code incident} for {@code channel} as a check would; returns the row's key. */
    private String queue(OutboxDao outbox, Channel channel, AlertEvent.Kind kind, String incident) {
        Instant at = T0.plusMillis(++queued);
        AlertEvent event = new AlertEvent(kind, "bikes", incident, "chk-" + queued, at,
                kind == AlertEvent.Kind.TRIGGERED ? AlertEvent.Findings.failed("dataset d1: line 3: expected 17 fields,"
                        + " found 2") : AlertEvent.Findings.NONE, null, DASHBOARD);
        String key = incident + ":" + kind.name().toLowerCase() + ":" + channel.name();
        OutboxRow row = new OutboxRow("row-" + queued, key, "bikes", "chk-" + queued, incident,
                OutboxRow.TargetKind.CHANNEL, channel.name(), kind.name().toLowerCase(), channel.render(event).json(),
                OutboxRow.State.PENDING, 0, at, at, null, null, null, null);
        assertThat(outbox.insertIfAbsent(row)).isOne();
        return key;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s in vain for %s", PATIENCE, what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static boolean allDone(OutboxDao outbox, int rows) {
        return outbox.byState(OutboxRow.State.PENDING, 1000).isEmpty()
                && outbox.byState(OutboxRow.State.DELIVERED, 1000).size() + outbox.byState(OutboxRow.State.FAILED, 1000).size()
                == rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void holdsAResolveBackUntilItsTriggerIsThroughWhileOtherReceiversGoOn(String backend) throws Exception {
        Jdbi jdbi = jdbi(backend);
        OutboxDao outbox = jdbi.onDemand(OutboxDao.class);
        Receiver pagerDuty = pagerDuty().then(Reply.json(503, "{\"status\":\"unavailable\"}").with("Retry-After", "3"));
        Receiver hook = webhook();
        Channel pager = pagerDutyChannel(pagerDuty);
        Channel platform = webhookChannel("data-platform", hook);
        List<String> hookKeys = new ArrayList<>();
        queue(outbox, pager, AlertEvent.Kind.TRIGGERED, "i1");
        hookKeys.add(queue(outbox, platform, AlertEvent.Kind.TRIGGERED, "i1"));
        queue(outbox, pager, AlertEvent.Kind.RESOLVED, "i1");
        hookKeys.add(queue(outbox, platform, AlertEvent.Kind.RESOLVED, "i1"));
        hookKeys.add(queue(outbox, platform, AlertEvent.Kind.TRIGGERED, "i2"));

        started(jdbi, List.of(pager, platform), settings(Duration.ofSeconds(30), Duration.ofHours(1)));
        await("every delivery delivered", () -> outbox.byState(OutboxRow.State.DELIVERED, 100).size() == 5);

        assertThat(pagerDuty.arrived).as("the refused trigger, the trigger again after Retry-After, then the resolve")
                .containsExactly("trigger i1", "trigger i1", "resolve i1");
        List<Instant> pages = pagerDuty.arrivals;
        assertThat(Duration.between(pages.get(0), pages.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(2950));
        assertThat(hook.arrived).as("the webhook's deliveries, in order").containsExactlyElementsOf(hookKeys);
        assertThat(hook.arrivals.get(2)).as("the webhook did not wait for PagerDuty's Retry-After")
                .isBefore(pages.get(1));
        assertThat(pagerDuty.mostAtOnce.get()).isOne();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void sendsTheRowsBehindATriggerThatWasGivenUpOn(String backend) throws Exception {
        Jdbi jdbi = jdbi(backend);
        OutboxDao outbox = jdbi.onDemand(OutboxDao.class);
        Receiver pagerDuty = pagerDuty().then(Reply.json(503, "{\"status\":\"unavailable\"}"));
        Channel pager = pagerDutyChannel(pagerDuty);
        String trigger = queue(outbox, pager, AlertEvent.Kind.TRIGGERED, "i1");
        queue(outbox, pager, AlertEvent.Kind.RESOLVED, "i1");
        queue(outbox, pager, AlertEvent.Kind.TRIGGERED, "i2");

        // a give-up horizon of zero: the first failed attempt is the last
        started(jdbi, List.of(pager), settings(Duration.ofSeconds(30), Duration.ZERO));
        await("every delivery done with", () -> allDone(outbox, 3));

        assertThat(pagerDuty.arrived).containsExactly("trigger i1", "resolve i1", "trigger i2");
        List<OutboxRow> failed = outbox.byState(OutboxRow.State.FAILED, 10);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).idempotencyKey()).isEqualTo(trigger);
        assertThat(failed.get(0).lastError()).startsWith("gave up after PT0S: ").contains("503");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aWorkerStartedAfterACrashSendsTheRowInFlightAgainBeforeTheRowsBehindIt(String backend) throws Exception {
        Jdbi jdbi = jdbi(backend);
        OutboxDao outbox = jdbi.onDemand(OutboxDao.class);
        CountDownLatch crashed = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        Receiver pagerDuty = new Receiver(r -> r.json().path("event_action").asText() + " "
                + r.json().path("dedup_key").asText().replace("driftwatch/bikes/", ""), r -> {
                    if (first.getAndSet(false)) {
                        // PagerDuty takes the first trigger and answers only once the worker's process is gone
                        await(crashed);
                    }
                    return Reply.json(202, "{\"status\":\"success\",\"dedup_key\":" + r.json().path("dedup_key") + "}");
                });
        Receiver hook = webhook();
        Channel pager = pagerDutyChannel(pagerDuty);
        Channel platform = webhookChannel("data-platform", hook);
        List<String> hookKeys = new ArrayList<>();
        String inFlight = queue(outbox, pager, AlertEvent.Kind.TRIGGERED, "i1");
        hookKeys.add(queue(outbox, platform, AlertEvent.Kind.TRIGGERED, "i1"));
        queue(outbox, pager, AlertEvent.Kind.RESOLVED, "i1");
        hookKeys.add(queue(outbox, platform, AlertEvent.Kind.RESOLVED, "i1"));
        queue(outbox, pager, AlertEvent.Kind.TRIGGERED, "i2");
        queue(outbox, pager, AlertEvent.Kind.RESOLVED, "i2");

        // The first worker reaches the database through a connection factory that the crash cuts off:
        // whatever it still does after that never reaches the table, as if its process had died.
        AtomicBoolean gone = new AtomicBoolean();
        Jdbi dying = Jdbi.create(() -> {
            if (gone.get()) {
                throw new SQLException("the first worker's process is gone");
            }
            return DriverManager.getConnection(db.url(), db.user(), "");
        }).installPlugin(new SqlObjectPlugin());
        Duration lease = Duration.ofSeconds(2);
        OutboxWorker firstWorker = started(dying, List.of(pager, platform), settings(lease, Duration.ofHours(1)));
        await("the first trigger in flight", () -> pagerDuty.arrived.size() == 1);
        gone.set(true);
        crashed.countDown();
        firstWorker.stop();
        OutboxRow left = null;
        for (OutboxRow r : outbox.byState(OutboxRow.State.PENDING, 100)) {
            if (r.idempotencyKey().equals(inFlight)) {
                left = r;
            }
        }
        assertThat(left).as("the trigger the crash cut off is still pending").isNotNull();
        assertThat(left.attempts()).as("no outcome recorded").isZero();
        assertThat(left.claimedUntil()).as("its lease is left in the table").isNotNull();

        Instant restart = Instant.now();
        started(jdbi, List.of(pagerDutyChannel(pagerDuty), webhookChannel("data-platform", hook)),
                settings(lease, Duration.ofHours(1)));
        await("every delivery delivered", () -> outbox.byState(OutboxRow.State.DELIVERED, 100).size() == 6);

        assertThat(pagerDuty.arrived).as("trigger i1 again (its lease ran out), then the rows behind it")
                .containsExactly("trigger i1", "trigger i1", "resolve i1", "trigger i2", "resolve i2");
        assertThat(withoutRepeats(hook.arrived)).as("the webhook's deliveries (one may be sent again after the crash)")
                .containsExactlyElementsOf(hookKeys);
        assertThat(pagerDuty.arrivals.get(1)).as("not before the crashed worker's lease ran out")
                .isAfter(left.claimedUntil());
        assertThat(pagerDuty.arrivals.get(1)).isAfter(restart);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void twoWorkersOnOneDatabaseSendEachReceiversRowsOneAtATimeInOrder(String backend) throws Exception {
        Jdbi jdbi = jdbi(backend);
        OutboxDao outbox = jdbi.onDemand(OutboxDao.class);
        Random random = new Random(12);
        List<Receiver> fakes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // a slow receiver that refuses one request in five, so both workers are busy and retries happen
            fakes.add(new Receiver(r -> r.header("webhook-id"), r -> {
                sleepQuietly(random.nextInt(15));
                return random.nextInt(5) == 0 ? Reply.json(503, "{\"error\":\"busy\"}") : Reply.empty(204);
            }));
        }
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < fakes.size(); i++) {
            channels.add(webhookChannel("hook-" + i, fakes.get(i)));
        }
        Map<Integer, List<String>> keys = Map.of(0, new ArrayList<>(), 1, new ArrayList<>(), 2, new ArrayList<>());
        for (int n = 0; n < 10; n++) {
            for (int i = 0; i < channels.size(); i++) {
                keys.get(i).add(queue(outbox, channels.get(i), n % 2 == 0 ? AlertEvent.Kind.TRIGGERED
                        : AlertEvent.Kind.RESOLVED, "i" + (n / 2)));
            }
        }

        Duration lease = Duration.ofSeconds(30);
        List<Channel> second = new ArrayList<>();
        for (int i = 0; i < fakes.size(); i++) {
            second.add(webhookChannel("hook-" + i, fakes.get(i)));
        }
        started(jdbi, channels, settings(lease, Duration.ofHours(1)));
        started(Jdbi.create(db.url(), db.user(), "").installPlugin(new SqlObjectPlugin()), second,
                settings(lease, Duration.ofHours(1)));
        for (int n = 10; n < 20; n++) { // more rows while both run
            for (int i = 0; i < channels.size(); i++) {
                keys.get(i).add(queue(outbox, channels.get(i), n % 2 == 0 ? AlertEvent.Kind.TRIGGERED
                        : AlertEvent.Kind.RESOLVED, "i" + (n / 2)));
            }
        }
        await("every delivery delivered", () -> outbox.byState(OutboxRow.State.DELIVERED, 100).size() == 60);

        for (int i = 0; i < fakes.size(); i++) {
            Receiver fake = fakes.get(i);
            assertThat(fake.mostAtOnce.get()).as("requests to hook-%d at once", i).isOne();
            assertThat(withoutRepeats(fake.arrived)).as("hook-%d's deliveries (a retry repeats one)", i)
                    .containsExactlyElementsOf(keys.get(i));
        }
    }

    /** {@code labels} with each run of equal neighbours cut to one. */
    private static List<String> withoutRepeats(List<String> labels) {
        List<String> out = new ArrayList<>();
        for (String l : labels) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(l)) {
                out.add(l);
            }
        }
        return out;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
