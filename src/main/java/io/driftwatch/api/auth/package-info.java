/**
 * Who may call the service: bearer tokens declared in the configuration by their SHA-256, each with a
 * role ({@link io.driftwatch.api.Roles}), checked on every resource method by its
 * {@code @RolesAllowed} annotation; and the start-up rule that a service without tokens only runs
 * on a loopback address. Built on dropwizard-auth's {@code AuthFilter}, {@code Authenticator} and
 * {@code Authorizer}. No resources here, and nothing about what the endpoints do.
 */
package io.driftwatch.api.auth;
