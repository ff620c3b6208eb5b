package io.driftwatch.trigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a string, as lower-case hex: how triggers shorten an identifier that is too long, or
 * has characters a receiver does not accept, into one that is still unique.
 *
 * <p>Thread-safe: stateless.
 */
final class Sha256 {
    private Sha256() {
    }

    static String hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
