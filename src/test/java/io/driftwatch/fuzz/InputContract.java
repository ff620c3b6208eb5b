package io.driftwatch.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.DriftwatchException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every fuzz test here asserts about one input:
 * <ul>
 *   <li>the reader returns, or throws one of the exceptions it documents; any other exception, and
 *       any {@link Error} ({@code OutOfMemoryError}, {@code StackOverflowError}), fails the test;
 *   <li>a refusal's message is written for a user: not empty, naming no Java exception class or
 *       package, never ending in {@code null};
 *   <li>the read allocates on its thread (heap, garbage included) and through Arrow's allocators
 *       (off heap) at most {@link #FIXED_BUDGET} plus {@link #BUDGET_PER_INPUT_BYTE} per byte of
 *       input, so a length, offset or count read from the input is never trusted before it is
 *       checked against the bytes that are there. A legitimate amplification is far below that:
 *       a boolean Arrow cell of one bit becomes an 8-byte double.
 * </ul>
 * Inputs longer than {@link #MAX_INPUT_BYTES} are skipped, so fuzzing stays on small inputs.
 *
 * <p>Thread-safe: stateless, but {@link ArrowAllocationLimit} holds one budget for the process,
 * and fuzz tests never run concurrently.
 */
final class InputContract {
    static final int MAX_INPUT_BYTES = 64 * 1024;
    static final long FIXED_BUDGET = 64L << 20;
    static final long BUDGET_PER_INPUT_BYTE = 512;

    private static final Pattern JAVA_NAMES = Pattern.compile(
            "\\b[A-Z][A-Za-z]*(Exception|Error)\\b|\\b(java|javax|sun|org\\.apache|com\\.fasterxml|de\\.siegmar)\\.[a-z]");
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
     * Runs {@code read} on an input of {@code inputBytes} bytes and checks the contract. A read over
     * the allocation budget is run once more and judged on that second run, since the first read
     * of a kind in a JVM also allocates for class loading and, when fuzzing, instrumentation.
     *
     * @param allowed the exceptions the entry point documents
     */
    @SafeVarargs
    static void check(int inputBytes, Read read, Class<? extends DriftwatchException>... allowed) throws IOException {
        long budget = FIXED_BUDGET + BUDGET_PER_INPUT_BYTE * inputBytes;
        if (allocatedBy(read, budget, List.of(allowed)) > budget) {
            long again = allocatedBy(read, budget, List.of(allowed));
            assertThat(again)
                    .as("bytes allocated on the heap reading %d input bytes (budget %d)", inputBytes, budget)
                    .isLessThanOrEqualTo(budget);
        }
    }

    /** Bytes allocated on this thread by one {@code read}, which must end as the contract says. */
    private static long allocatedBy(Read read, long budget, List<Class<? extends DriftwatchException>> allowed)
            throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        ArrowAllocationLimit.set(budget);
        try {
            read.run();
        } catch (DriftwatchException e) {
            if (!isAllowed(e, allowed)) {
                throw e;
            }
            checkMessage(e);
        } finally {
            ArrowAllocationLimit.clear();
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private static boolean isAllowed(DriftwatchException e, List<Class<? extends DriftwatchException>> allowed) {
        for (Class<? extends DriftwatchException> type : allowed) {
            if (type.isInstance(e)) {
                return true;
            }
        }
        return false;
    }

    private static void checkMessage(DriftwatchException e) {
        String message = e.getMessage();
        assertThat(message).as("message of %s", e.getClass().getSimpleName()).isNotBlank();
        assertThat(JAVA_NAMES.matcher(message).find())
                .as("message names a Java class or package: %s", message).isFalse();
        assertThat(ENDS_IN_NULL.matcher(message).find()).as("message ends in null: %s", message).isFalse();
    }
}
