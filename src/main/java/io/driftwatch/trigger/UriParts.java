package io.driftwatch.trigger;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds request addresses from a configured base address and values that must not change the
 * address's structure: a path segment is percent-encoded so a DAG id, workflow file name or run
 * id can never add a segment, a query or a fragment.
 *
 * <p>Thread-safe: stateless.
 */
final class UriParts {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriParts() {
    }

    /** {@code value} as one path segment: everything but RFC 3986 unreserved characters encoded. */
    static String segment(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** {@code value} as a query parameter value. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code base} (its path kept, one trailing slash dropped) followed by {@code path}. */
    static URI resolve(URI base, String path) {
        String b = base.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return URI.create(b + path);
    }
}
