package io.driftwatch.api.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Authenticates a request by the token in its {@code Authorization} header: {@code Bearer <token>}
 * for scripts and pipelines, or HTTP Basic with the token as the password (any user name) so that
 * a browser opening the dashboard or a report can prompt for it. On success the request's security
 * context holds a {@link TokenPrincipal}; otherwise the answer is 401 with a
 * {@code WWW-Authenticate} challenge.
 *
 * <p>Unlike dropwizard-auth's {@code OAuthCredentialAuthFilter}, a token in the query string
 * ({@code ?access_token=}) is not accepted: URLs end up in request logs, browser histories and
 * {@code Referer} headers (RFC 6750 section 2.3 advises against it).
 *
 * <p>Thread-safe: immutable after construction.
 */
final class TokenAuthFilter extends AuthFilter<String, TokenPrincipal> {
    private static final String BEARER = "Bearer";
    private static final String BASIC = "Basic";

    private final AuthAnswers.Challenge challenge;

    TokenAuthFilter(TokenAuthenticator authenticator, RoleAuthorizer authorizer, AuthAnswers.Challenge challenge) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.challenge = challenge;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw AuthAnswers.unauthorized(challenge, AuthAnswers.Problem.MISSING);
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credentials = space < 0 ? "" : value.substring(space + 1).strip();
        String token;
        if (BEARER.equalsIgnoreCase(scheme)) {
            token = credentials;
        } else if (BASIC.equalsIgnoreCase(scheme)) {
            token = basicPassword(credentials);
        } else {
            token = null;
        }
        if (token == null || token.isEmpty()) {
            throw AuthAnswers.unauthorized(challenge, AuthAnswers.Problem.MALFORMED);
        }
        if (!authenticate(request, token, BEARER.equalsIgnoreCase(scheme) ? BEARER : SecurityContext.BASIC_AUTH)) {
            throw AuthAnswers.unauthorized(challenge, AuthAnswers.Problem.UNKNOWN);
        }
    }

    /** The password of Basic credentials ({@code base64(user:password)}), or null when malformed. */
    private static String basicPassword(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : decoded.substring(colon + 1);
    }
}
