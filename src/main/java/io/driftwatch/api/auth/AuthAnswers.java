package io.driftwatch.api.auth;

import io.driftwatch.api.ApiError;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The 401 and 403 answers, in the API's error shape with {@code field: "Authorization"}. They
 * carry their body, so JAX-RS sends them as they are. No answer repeats what the request sent.
 *
 * <p>Thread-safe: stateless.
 */
final class AuthAnswers {
    static final String REALM = "driftwatch";
    static final String FIELD = HttpHeaders.AUTHORIZATION;

    private AuthAnswers() {
    }

    /** How a 401 asks for credentials: Bearer for the API, Basic where a browser should prompt. */
    enum Challenge {
        BEARER("Bearer"),
        BASIC("Basic");

        private final String scheme;

        Challenge(String scheme) {
            this.scheme = scheme;
        }
    }

    /** What was wrong with the request's credentials. */
    enum Problem {
        MISSING("this needs a token: send the header 'Authorization: Bearer <token>' (a browser may use Basic"
                + " authentication with the token as the password). 'driftwatch token' creates tokens, which the"
                + " service's configuration declares under auth.tokens"),
        MALFORMED("the Authorization header must be 'Bearer <token>', or Basic with the token as the password"),
        UNKNOWN("the token is not one of the tokens this service's configuration declares under auth.tokens");

        private final String message;

        Problem(String message) {
            this.message = message;
        }
    }

    static NotAuthorizedException unauthorized(Challenge challenge, Problem problem) {
        String header = challenge.scheme + " realm=\"" + REALM + "\"";
        if (challenge == Challenge.BEARER && problem != Problem.MISSING) {
            header += ", error=\"invalid_token\""; // RFC 6750 section 3.1
        }
        return new NotAuthorizedException(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, header)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("unauthorized", problem.message, FIELD))
                .build());
    }

    static ForbiddenException forbidden(String message) {
        return new ForbiddenException(Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("forbidden", message, FIELD))
                .build());
    }
}
