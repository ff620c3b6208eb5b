package io.driftwatch.api.auth;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * One token the service accepts, as the authenticator holds it: its name, its role and the SHA-256
 * of the token's UTF-8 bytes. The token itself is never known to the service.
 *
 * <p>Thread-safe: immutable.
 */
final class ConfiguredToken {
    private final String name;
    private final Role role;
    private final byte[] sha256;

    ConfiguredToken(String name, Role role, String sha256Hex) {
        this.name = name;
        this.role = role;
        this.sha256 = HexFormat.of().parseHex(sha256Hex);
    }

    String name() {
        return name;
    }

    Role role() {
        return role;
    }

    /** Whether {@code digest} is this token's SHA-256, compared in time independent of the bytes. */
    boolean matches(byte[] digest) {
        return MessageDigest.isEqual(sha256, digest);
    }
}
