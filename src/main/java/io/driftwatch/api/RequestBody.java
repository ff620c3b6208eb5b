package io.driftwatch.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that remembers whether reading it failed: the client went away or stopped sending
 * mid-body. A batch that failed that way never arrived, so it is not recorded as a failed check; a
 * batch that arrived whole and cannot be read is.
 *
 * <p>Not thread-safe: one request thread reads it.
 */
final class RequestBody extends FilterInputStream {
    private boolean broken;

    RequestBody(InputStream in) {
        super(in);
    }

    /** Whether reading the request itself failed (not what was made of its bytes). */
    boolean broken() {
        return broken;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }
}
