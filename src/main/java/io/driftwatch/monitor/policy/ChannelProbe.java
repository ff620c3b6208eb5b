package io.driftwatch.monitor.policy;

import io.driftwatch.delivery.Outcome;
import io.driftwatch.delivery.Payload;
import io.driftwatch.monitor.InvalidRequestException;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.notify.AlertEvent;
import io.driftwatch.notify.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends a test alert ({@link AlertEvent.Kind#TEST}) to every channel a monitor's policy names,
 * directly and once, not through the outbox: what {@code driftwatch notify-test} runs to show an
 * operator, before any drift, that each channel's URL and secret work.
 *
 * <p>For a channel that keeps incidents open until told ({@link Channel#alwaysToldOfResolve()}, PagerDuty)
 * the test is a real incident: a PagerDuty {@code trigger} event pages whoever is on call for the
 * service. When it was accepted, the probe at once sends the resolve of the same incident (PagerDuty:
 * the same {@code dedup_key}), so nobody stays paged.
 *
 * <p>Thread-safe: immutable; the channels it calls are thread-safe.
 */
public final class ChannelProbe {
    private final Receivers receivers;

    public ChannelProbe(Receivers receivers) {
        this.receivers = receivers;
    }

    /**
     * What one channel made of the test.
     *
     * @param channel the name the monitor gives
     * @param type the channel's {@code type:}, or empty when the configuration has no channel of that name
     * @param test the test event's delivery
     * @param resolve for a channel that is always told of a resolve (PagerDuty), after an accepted test,
     *     the outcome of the resolve that closes the incident the test opened; empty otherwise
     */
    public record Result(String channel, Optional<String> type, Outcome test, Optional<Outcome> resolve) {
        /** Whether the test arrived (and, where it opened an incident, that incident was closed again). */
        public boolean delivered() {
            return test instanceof Outcome.Delivered
                    && (resolve.isEmpty() || resolve.get() instanceof Outcome.Delivered);
        }
    }

    /**
     * Tests every channel of {@code monitor}'s {@code alerts.channels}, one after the other, in the
     * order the monitor lists them. Each attempt blocks for at most its channel's timeouts.
     *
     * @param now when the test is asked for: the events' time, and part of their incident id
     * @throws InvalidRequestException naming {@code alerts.channels} when the monitor names no channel
     */
    public List<Result> probe(Monitor monitor, Instant now) {
        List<String> names = monitor.definition().policy().channels();
        if (names.isEmpty()) {
            throw new InvalidRequestException("alerts.channels", "monitor '" + monitor.id()
                    + "' names no channel, so there is nothing to test: add alerts.channels to its definition");
        }
        AlertEvent test = AlertEvent.test(monitor.id(), now, receivers.dashboardUrl(monitor.id()));
        List<Result> outcomes = new ArrayList<>();
        for (String name : names) {
            Optional<Channel> channel = receivers.channel(name);
            if (channel.isEmpty()) {
                outcomes.add(new Result(name, Optional.empty(), new Outcome.Failed(0, "no channel named '" + name
                        + "' in the configuration's channels"), Optional.empty()));
                continue;
            }
            Channel c = channel.get();
            Outcome sent = c.send(c.render(test), key(test, name, "test"));
            Optional<Outcome> resolved = Optional.empty();
            if (c.alwaysToldOfResolve() && sent instanceof Outcome.Delivered) {
                AlertEvent resolve = new AlertEvent(AlertEvent.Kind.RESOLVED, test.monitor(), test.incidentId(), null,
                        now, AlertEvent.Findings.NONE, null, test.dashboardUrl());
                Payload payload = c.render(resolve);
                resolved = Optional.of(c.send(payload, key(test, name, "resolved")));
            }
            outcomes.add(new Result(name, Optional.of(c.type()), sent, resolved));
        }
        return outcomes;
    }

    /** {@code <incident id>:<event>:<channel>}, in the alphabet {@link Channel#send} accepts. */
    private static String key(AlertEvent test, String channel, String event) {
        return test.incidentId() + ":" + event + ":" + channel.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
