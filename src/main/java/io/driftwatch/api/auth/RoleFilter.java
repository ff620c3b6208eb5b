package io.driftwatch.api.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;

/**
 * Lets a request authenticated by {@link TokenAuthFilter} through when its token's role grants one
 * of a resource method's roles, else answers 403 naming the role needed. With no roles, nothing
 * passes (a method declaring {@code @DenyAll}, or nothing).
 *
 * <p>Thread-safe: immutable.
 */
final class RoleFilter implements ContainerRequestFilter {
    private final List<String> roles;

    RoleFilter(List<String> roles) {
        this.roles = List.copyOf(roles);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        Principal who = security.getUserPrincipal();
        if (!(who instanceof TokenPrincipal token)) {
            // TokenAuthFilter runs first and lets nothing through without a principal
            throw AuthAnswers.unauthorized(AuthAnswers.Challenge.BEARER, AuthAnswers.Problem.MISSING);
        }
        for (String role : roles) {
            if (security.isUserInRole(role)) {
                return;
            }
        }
        if (roles.isEmpty()) {
            throw AuthAnswers.forbidden("this endpoint is closed to every token: it declares no role");
        }
        throw AuthAnswers.forbidden("this needs a token with the " + String.join(" or ", roles) + " role; the token '"
                + token.name() + "' has the " + token.role() + " role");
    }
}
