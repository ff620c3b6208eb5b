package io.driftwatch.api;

import io.driftwatch.trigger.FakeServer;
import io.driftwatch.trigger.FakeServer.Reply;
import io.driftwatch.trigger.FakeServer.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * What the end-to-end alert tests share: a scripted receiver (answers queued for the next requests,
 * then a default one; when each request arrived), a bounded wait, and the example files.
 *
 * <p>Thread-safe: the script and the arrivals are concurrent collections.
 */
final class Receiving {
    static final Path EXAMPLE = Path.of("examples/bike-sharing");

    private Receiving() {
    }

    /** A {@link FakeServer.Handler} answering queued replies first, then {@code otherwise}. */
    static final class Script implements FakeServer.Handler {
        private final ConcurrentLinkedDeque<Reply> next = new ConcurrentLinkedDeque<>();
        private final List<Instant> arrivals = new CopyOnWriteArrayList<>();
        private final Reply otherwise;

        Script(Reply otherwise) {
            this.otherwise = otherwise;
        }

        /** The next request (after those already queued) gets {@code reply}. */
        Script then(Reply reply) {
            next.add(reply);
            return this;
        }

        /** When each request arrived, in order. */
        List<Instant> arrivals() {
            return List.copyOf(arrivals);
        }

        @Override
        public Reply handle(Request request) {
            arrivals.add(Instant.now());
            Reply r = next.poll();
            return r != null ? r : otherwise;
        }
    }

    /** Polls {@code condition} until it holds; fails with {@code what} after {@code patience}. */
    static void await(String what, Duration patience, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + patience + " in vain for " + what);
            }
            Thread.sleep(50);
        }
    }

    static byte[] example(String file) {
        try {
            return Files.readAllBytes(EXAMPLE.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example monitor on reference {@code referenceId}, renamed, with {@code policy} (YAML) appended. */
    static String monitorYaml(String name, String referenceId, String policy) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(example("monitor.yml"), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("name:")) {
                lines.add("name: " + name);
            } else if (line.startsWith("reference:")) {
                lines.add("reference: " + referenceId);
            } else {
                lines.add(line);
            }
        }
        return String.join("\n", lines) + "\n" + policy;
    }
}
