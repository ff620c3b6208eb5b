package io.driftwatch.cli;

import io.driftwatch.TestDatabases.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Another JVM holding an embedded (H2 file) database open, as a running service does: H2's shell,
 * started on the database and asked one query, so the file is locked once {@link #open} returns.
 */
final class H2Holder implements AutoCloseable {
    private final Process process;

    private H2Holder(Process process) {
        this.process = process;
    }

    static H2Holder open(TestDatabase db) throws IOException {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.h2.tools.Shell",
                "-url", db.url(), "-user", db.user(), "-password", "").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        holder.getOutputStream().write("SELECT 1;\n".getBytes(StandardCharsets.UTF_8));
        holder.getOutputStream().flush();
        for (String line = out.readLine(); line != null && !line.startsWith("(1 row"); line = out.readLine()) {
            // wait until the shell has the database open and answered
        }
        if (!holder.isAlive()) {
            throw new IllegalStateException("the H2 shell ended before it held " + db.url());
        }
        return new H2Holder(holder);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
