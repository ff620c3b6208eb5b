package io.driftwatch.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.DriftwatchException;
import io.driftwatch.io.SchemaMismatchException;
import io.driftwatch.io.UnreadableDatasetException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every fuzz test here asserts about one input:
 * <ul>
 *   <li>the reader returns, or throws one of the exceptions it documents; any other exception, and
 *       any {@link Error} ({@code OutOfMemoryError}, {@code StackOverflowError}), fails the test;
 *   <li>a refusal's message is written for a user: not empty, naming no Java exception class or
 *       package (unless the input itself holds that text, which a message may quote), never ending
 *       in {@code null};
 *   <li>no Arrow buffer is left behind: Arrow's allocator, closed with memory still taken, reports
 *       "Memory was leaked", and that memory is never given back;
 *   <li>the read allocates on its thread (heap, garbage included) and through Arrow's allocators
 *       (off heap) at most {@link #FIXED_BUDGET} plus {@link #BUDGET_PER_INPUT_BYTE} per byte of
 *       input, so a length, offset or count read from the input is never trusted before it is
 *       checked against the bytes that are there. A legitimate amplification is far below that:
 *       a boolean Arrow cell of one bit becomes an 8-byte double.
 * </ul>
 * Inputs longer than {@link #MAX_INPUT_BYTES} are skipped, so fuzzing stays on small inputs. A
 * reader's own oracle, if it has one, judges a table it returned ({@link ArrowValidation}).
 *
 * <p>Thread-safe: stateless, but {@link ArrowAllocationLimit} holds one budget for the process,
 * and fuzz tests never run concurrently.
 */
final class InputContract {
    static final int MAX_INPUT_BYTES = 64 * 1024;
    /** What the dataset readers document they throw. */
    static final List<Class<? extends DriftwatchException>> DATASET_REFUSALS =
            List.of(UnreadableDatasetException.class, SchemaMismatchException.class);
    static final long FIXED_BUDGET = 64L << 20;
    static final long BUDGET_PER_INPUT_BYTE = 512;

    private static final Pattern JAVA_NAMES = Pattern.compile(
            "\\b[A-Z][A-Za-z]*(Exception|Error)\\b|\\b(java|javax|sun|org\\.apache|com\\.fasterxml|de\\.siegmar)\\.[a-z]");
    private static final String ARROW_LEAK = "Memory was leaked";
    private static final Pattern ENDS_IN_NULL = Pattern.compile(":\\s*null\\s*$");

    /** A read of the input under test. */
    @FunctionalInterface
    interface Read {
        void run() throws IOException;
    }

    private InputContract() {
    }

    /** Whether the fuzzer's input is small enough to be tried. */
    static boolean tooLong(byte[] input) {
        return input.length > MAX_INPUT_BYTES;
    }

    /**
     * Runs {@code read} on the fuzzer's {@code input} (which it may transform first: compress it,
     * decode it as text) and checks the contract. A read over the allocation budget is run once
     * more and judged on that second run, since the first read of a kind in a JVM also allocates
     * for class loading and, when fuzzing, instrumentation.
     *
     * @param allowed the exceptions the entry point documents
     * @return whether the read returned, rather than refused the input
     */
    static boolean check(byte[] input, Read read, List<Class<? extends DriftwatchException>> allowed)
            throws IOException {
        long budget = FIXED_BUDGET + BUDGET_PER_INPUT_BYTE * input.length;
        Outcome outcome = run(input, read, budget, allowed);
        if (outcome.allocated() > budget) {
            outcome = run(input, read, budget, allowed);
            assertThat(outcome.allocated())
                    .as("bytes allocated on the heap reading %d input bytes (budget %d)", input.length, budget)
                    .isLessThanOrEqualTo(budget);
        }
        return outcome.returned();
    }

    /** How one read ended: whether it returned, and the bytes it allocated on its thread. */
    private record Outcome(boolean returned, long allocated) {
    }

    /** Runs {@code read} once; it must end as the contract says. */
    private static Outcome run(byte[] input, Read read, long budget, List<Class<? extends DriftwatchException>> allowed)
            throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        boolean returned = false;
        ArrowAllocationLimit.set(budget);
        try {
            read.run();
            returned = true;
        } catch (DriftwatchException e) {
            if (!isAllowed(e, allowed)) {
                throw e;
            }
            checkNoLeak(e);
            checkMessage(e, new String(input, StandardCharsets.UTF_8));
        } finally {
            ArrowAllocationLimit.clear();
        }
        return new Outcome(returned, threads.getCurrentThreadAllocatedBytes() - before);
    }

    private static boolean isAllowed(DriftwatchException e, List<Class<? extends DriftwatchException>> allowed) {
        for (Class<? extends DriftwatchException> type : allowed) {
            if (type.isInstance(e)) {
                return true;
            }
        }
        return false;
    }

    /** Arrow's allocator reports a leak as an IllegalStateException, here a cause or suppressed. */
    private static void checkNoLeak(Throwable thrown) {
        List<Throwable> pending = new ArrayList<>(List.of(thrown));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Throwable t = pending.remove(pending.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).startsWith(ARROW_LEAK)) {
                throw new AssertionError("Arrow buffers were leaked by a read that ended in: " + thrown, t);
            }
            pending.add(t.getCause());
            pending.addAll(List.of(t.getSuppressed()));
        }
    }

    private static void checkMessage(DriftwatchException e, String inputText) {
        String message = e.getMessage();
        assertThat(message).as("message of %s", e.getClass().getSimpleName()).isNotBlank();
        Matcher javaName = JAVA_NAMES.matcher(message);
        while (javaName.find()) {
            if (!inputText.contains(javaName.group())) {
                throw new AssertionError("the message names a Java class or package: " + message);
            }
        }
        if (ENDS_IN_NULL.matcher(message).find() && !inputText.contains("null")) {
            throw new AssertionError("the message ends in null: " + message);
        }
    }
}
