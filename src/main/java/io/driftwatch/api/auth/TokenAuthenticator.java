package io.driftwatch.api.auth;

import io.dropwizard.auth.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Recognises a presented token among the configured ones by its SHA-256.
 *
 * <p>Why a plain SHA-256 and not a password hash (bcrypt, Argon2): tokens are 32 random bytes from
 * {@code SecureRandom} ({@code driftwatch token}), so there is nothing to guess and nothing a
 * precomputed table could hold; a slow, salted hash exists to protect low-entropy human passwords
 * and would cost every request milliseconds for no gain. Whoever reads the configuration learns
 * the hashes, which do not let them call the service. Digests are compared with
 * {@link MessageDigest#isEqual} against every configured token, so the time taken does not depend
 * on how much of a digest matched or on which token it was.
 *
 * <p>Thread-safe: immutable.
 */
final class TokenAuthenticator implements Authenticator<String, TokenPrincipal> {
    private final List<ConfiguredToken> tokens;

    TokenAuthenticator(List<ConfiguredToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    @Override
    public Optional<TokenPrincipal> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(token);
        ConfiguredToken match = null;
        for (ConfiguredToken t : tokens) {
            if (t.matches(digest) && match == null) {
                match = t;
            }
        }
        return match == null ? Optional.empty() : Optional.of(new TokenPrincipal(match.name(), match.role()));
    }

    /** The SHA-256 of the token's UTF-8 bytes: what {@code auth.tokens[].sha256} holds, in hex. */
    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing, which every Java platform must have", e);
        }
    }
}
