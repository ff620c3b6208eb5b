package io.driftwatch.api.auth;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.List;
import org.glassfish.jersey.process.Inflector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every resource method behind the token check its annotation asks for, and closes the
 * methods that ask for nothing:
 *
 * <ul>
 *   <li>{@code @RolesAllowed(...)} (on the method, else on its class): a token whose role grants
 *       one of the roles; 401 without a valid token, 403 with a token of too small a role;</li>
 *   <li>{@code @PermitAll}: open, no token needed;</li>
 *   <li>{@code @DenyAll}, or no annotation at all: 401 without a token, 403 with any token. A
 *       method without an annotation is logged as a warning at start-up, so a new endpoint is
 *       never open by mistake.</li>
 * </ul>
 *
 * <p>Unlike dropwizard-auth's {@code AuthDynamicFeature}, which leaves unannotated methods open,
 * the default here is closed. Methods producing {@code text/html} (the dashboard, the reports)
 * answer 401 with a {@code Basic} challenge so a browser prompts; the others with {@code Bearer}.
 *
 * <p>Thread-safe: configured once while Jersey starts; the filters it registers are immutable.
 */
final class AccessControlFeature implements DynamicFeature {
    private static final Logger LOG = LoggerFactory.getLogger(AccessControlFeature.class);

    private final TokenAuthFilter bearer;
    private final TokenAuthFilter basic;

    AccessControlFeature(TokenAuthenticator authenticator) {
        RoleAuthorizer authorizer = new RoleAuthorizer();
        this.bearer = new TokenAuthFilter(authenticator, authorizer, AuthAnswers.Challenge.BEARER);
        this.basic = new TokenAuthFilter(authenticator, authorizer, AuthAnswers.Challenge.BASIC);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null || type == null || Inflector.class.isAssignableFrom(type)) {
            return; // Jersey's own handlers (the automatic OPTIONS answers) stay as Jersey has them
        }
        Access access = Access.of(type, method);
        if (access.open()) {
            return;
        }
        if (access.undeclared()) {
            LOG.warn("auth: {}.{} declares no role (@RolesAllowed or @PermitAll), so it is closed to every token",
                    type.getSimpleName(), method.getName());
        }
        context.register(producesHtml(type, method) ? basic : bearer, Priorities.AUTHENTICATION);
        context.register(new RoleFilter(access.roles()), Priorities.AUTHORIZATION);
    }

    /**
     * Who may call a resource method, read from its annotations: a method's own annotation wins over
     * its class's (JSR-250).
     *
     * @param roles the roles any of which lets a token in; empty when none does
     * @param open whether no token is needed ({@code @PermitAll})
     * @param undeclared whether neither the method nor its class says anything
     */
    record Access(List<String> roles, boolean open, boolean undeclared) {

        static Access of(Class<?> type, Method method) {
            if (method.isAnnotationPresent(DenyAll.class)) {
                return new Access(List.of(), false, false);
            }
            if (method.isAnnotationPresent(RolesAllowed.class)) {
                return new Access(List.of(method.getAnnotation(RolesAllowed.class).value()), false, false);
            }
            if (method.isAnnotationPresent(PermitAll.class)) {
                return new Access(List.of(), true, false);
            }
            if (type.isAnnotationPresent(DenyAll.class)) {
                return new Access(List.of(), false, false);
            }
            if (type.isAnnotationPresent(RolesAllowed.class)) {
                return new Access(List.of(type.getAnnotation(RolesAllowed.class).value()), false, false);
            }
            if (type.isAnnotationPresent(PermitAll.class)) {
                return new Access(List.of(), true, false);
            }
            return new Access(List.of(), false, true);
        }
    }

    private static boolean producesHtml(Class<?> type, Method method) {
        Produces produces = method.isAnnotationPresent(Produces.class) ? method.getAnnotation(Produces.class)
                : type.getAnnotation(Produces.class);
        if (produces == null) {
            return false;
        }
        for (String value : produces.value()) {
            for (String part : value.split(",")) {
                MediaType produced = MediaType.valueOf(part.strip());
                if (!produced.isWildcardType() && produced.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                    return true;
                }
            }
        }
        return false;
    }
}
