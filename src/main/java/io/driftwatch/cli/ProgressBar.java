package io.driftwatch.cli;

import io.driftwatch.monitor.checks.CheckProgress;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A one-line progress bar on stderr, drawn only on a terminal and only once the check has run for
 * a second; erased when the check ends. Thread-safe: drawing is synchronised.
 */
final class ProgressBar implements CheckProgress, AutoCloseable {
    private static final long DELAY_MILLIS = 1000;
    private static final int WIDTH = 24;

    private final PrintStream err;
    private final ScheduledExecutorService timer;
    private final long start = System.nanoTime();
    private String description = "";
    private int done;
    private int total = 1;
    private int drawnLength;

    ProgressBar(PrintStream err, boolean enabled) {
        this.err = err;
        if (enabled) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "driftwatch-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::draw, DELAY_MILLIS, 200, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** A bar on {@code err} when the process runs on a terminal; otherwise one that stays silent. */
    static ProgressBar onTerminal(PrintStream err) {
        return new ProgressBar(err, isTerminal());
    }

    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From Java 22 System.console() is not null when redirected; isTerminal() tells the truth.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }

    @Override
    public synchronized void stage(String stageDescription, int stagesDone, int stages) {
        this.description = stageDescription;
        this.done = stagesDone;
        this.total = Math.max(1, stages);
    }

    private synchronized void draw() {
        int filled = WIDTH * done / total;
        double seconds = (System.nanoTime() - start) / 1e9;
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d %s  %.1f s", "#".repeat(filled),
                "-".repeat(WIDTH - filled), done, total, description, seconds);
        err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        err.flush();
        drawnLength = line.length();
    }

    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (drawnLength > 0) {
                err.print("\r" + " ".repeat(drawnLength) + "\r");
                err.flush();
            }
        }
    }
}
