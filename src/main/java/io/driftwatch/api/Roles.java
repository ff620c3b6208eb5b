package io.driftwatch.api;

/**
 * The roles of the service's tokens, for {@code @RolesAllowed} on resource methods. Every resource
 * method must say who may call it, or it is closed to everyone when auth is on:
 *
 * <ul>
 *   <li>{@code @RolesAllowed(Roles.READ)}: any token (read or write). Every {@code GET}: the API's
 *       reads, the dashboard, the reports.</li>
 *   <li>{@code @RolesAllowed(Roles.WRITE)}: write tokens only. Everything that changes state:
 *       uploads, monitors, checks ({@code POST}, {@code PUT}, {@code DELETE}).</li>
 *   <li>{@code @PermitAll}: no token at all. Only for what is public by nature (the OpenAPI
 *       document).</li>
 * </ul>
 *
 * <p>The annotation goes on the method, or on the class when all its methods share it. A method
 * with none of them answers 401 without a token and 403 with any token, and the service logs a
 * warning naming it at start-up.
 *
 * <p>Thread-safe: constants only.
 */
public final class Roles {
    /** Reads: the API's GETs, the dashboard and the reports. A write token may read too. */
    public static final String READ = "read";

    /** Changes: uploads, monitors, checks. */
    public static final String WRITE = "write";

    private Roles() {
    }
}
