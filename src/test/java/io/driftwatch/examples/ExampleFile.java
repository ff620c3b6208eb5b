package io.driftwatch.examples;

import java.util.Arrays;

/**
 * One file of an example, by its path under {@code examples/} ({@code adult/reference.csv}) and its exact
 * bytes. Immutable (the bytes are copied in and out); thread-safe.
 */
record ExampleFile(String path, byte[] content) {
    ExampleFile {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExampleFile f && f.path.equals(path) && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return path + " (" + content.length + " bytes)";
    }
}
