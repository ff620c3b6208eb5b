package io.driftwatch.api.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Whether a token's role allows a role named in {@code @RolesAllowed}: a write token may do what a
 * read token may, and more.
 *
 * <p>Thread-safe: stateless.
 */
final class RoleAuthorizer implements Authorizer<TokenPrincipal> {

    @Override
    public boolean authorize(TokenPrincipal principal, String role, ContainerRequestContext request) {
        return principal.role().grants(role);
    }
}
