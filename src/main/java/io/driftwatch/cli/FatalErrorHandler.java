package io.driftwatch.cli;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * Ends the process when a thread dies of a {@link VirtualMachineError} (out of memory, stack
 * overflow). Without it, a worker that runs out of memory can die before it completes its future,
 * and the thread waiting for that future waits forever: a scheduled check would hang instead of
 * failing. This does what {@code -XX:+ExitOnOutOfMemoryError} does, which a jar cannot set for
 * itself: one line on stderr, then exit code {@link ExitCode#INTERNAL_ERROR}. Other uncaught
 * exceptions are printed as the JVM would and left alone.
 *
 * <p>Thread-safe: stateless apart from its immutable collaborators.
 */
public final class FatalErrorHandler implements Thread.UncaughtExceptionHandler {
    private final PrintStream err;
    private final IntConsumer halt;

    FatalErrorHandler(PrintStream err, IntConsumer halt) {
        this.err = err;
        this.halt = halt;
    }

    /** Installs the handler for every thread without one of its own. */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler(new FatalErrorHandler(System.err, Runtime.getRuntime()::halt));
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
        if (e instanceof VirtualMachineError) {
            err.println("driftwatch: " + describe(e) + " in thread " + thread.getName()
                    + "; give the JVM more memory, e.g. java -Xmx8g -jar driftwatch.jar ...");
            err.flush();
            halt.accept(ExitCode.INTERNAL_ERROR.code());
            return;
        }
        err.print("Exception in thread \"" + thread.getName() + "\" ");
        e.printStackTrace(err);
    }

    private static String describe(Throwable e) {
        return e instanceof OutOfMemoryError ? "out of memory (" + e.getMessage() + ")" : e.toString();
    }
}
