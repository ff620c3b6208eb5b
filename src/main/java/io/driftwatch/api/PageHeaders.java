package io.driftwatch.api;

import jakarta.ws.rs.core.Response;

/**
 * The headers of every HTML page the service serves, the dashboard's and the check reports, in one
 * place: the page's Content-Security-Policy with framing by any site refused ({@code frame-ancestors},
 * which the policy a page repeats in its {@code meta} element cannot carry), no MIME sniffing, and no
 * referrer sent to other sites.
 *
 * <p>Thread-safe: stateless.
 */
public final class PageHeaders {
    private PageHeaders() {
    }

    /** {@code page} with the headers, under {@code pagePolicy}: what the page itself may load and run. */
    public static Response.ResponseBuilder of(Response.ResponseBuilder page, String pagePolicy) {
        return page.header("Content-Security-Policy", pagePolicy + "; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }
}
