package io.driftwatch.fuzz;

import com.code_intelligence.jazzer.api.HookType;
import com.code_intelligence.jazzer.api.MethodHook;
import java.lang.invoke.MethodHandle;

/**
 * A Jazzer method hook on Arrow's allocator: a buffer larger than the budget {@link InputContract}
 * sets for the current input fails the read with an {@link AssertionError} before the memory is
 * taken. Arrow allocates off the heap, where the heap budget does not see it; a message body, a
 * vector or a dictionary sized from a length the input declares shows up here. Outside a fuzz
 * test the budget is unlimited. Registered through {@code jazzer.custom_hooks} by the {@code fuzz}
 * profile of the POM, so it works while fuzzing (regression runs go without Jazzer's hooks).
 *
 * <p>Thread-safe: the budget is a volatile field; fuzz tests never run concurrently.
 */
public final class ArrowAllocationLimit {
    private static volatile long budget = Long.MAX_VALUE;

    private ArrowAllocationLimit() {
    }

    static void set(long bytes) {
        budget = bytes;
    }

    static void clear() {
        budget = Long.MAX_VALUE;
    }

    /** Before {@code BaseAllocator.buffer(long size, BufferManager manager)}. */
    @MethodHook(type = HookType.BEFORE, targetClassName = "org.apache.arrow.memory.BaseAllocator",
            targetMethod = "buffer",
            targetMethodDescriptor = "(JLorg/apache/arrow/memory/BufferManager;)Lorg/apache/arrow/memory/ArrowBuf;")
    public static void beforeBuffer(MethodHandle method, Object allocator, Object[] arguments, int hookId) {
        long size = (Long) arguments[0];
        long limit = budget;
        if (size > limit) {
            throw new AssertionError("Arrow was asked for a buffer of " + size + " bytes, more than the "
                    + limit + " bytes allowed for this input: a length read from the input was trusted before "
                    + "it was checked against the bytes there");
        }
    }
}
