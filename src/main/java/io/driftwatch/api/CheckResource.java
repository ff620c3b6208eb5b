package io.driftwatch.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.monitor.checks.Check;
import io.driftwatch.monitor.checks.CheckHistory;
import io.driftwatch.monitor.schedule.RunHistory;
import io.driftwatch.report.HtmlReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;

/**
 * {@code /api/v1/checks/{id}}: one recorded check, its JSON result and its HTML report.
 *
 * <p>Thread-safe.
 */
@Path("/api/v1/checks/{id}")
public final class CheckResource {
    private final CheckHistory history;
    private final RunHistory runs;

    public CheckResource(CheckHistory history, RunHistory runs) {
        this.history = history;
        this.runs = runs;
    }

    /** The check: its JSON result with id and links. */
    @GET
    @RolesAllowed(Roles.READ)
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode find(@PathParam("id") String id) {
        Check check = history.find(id);
        return JsonDocuments.check(check, check.failed() ? null : history.result(id), runs.read(id).orElse(null),
                history.quality(id).orElse(null));
    }

    /** The JSON result document exactly as {@code driftwatch check --json} writes it. */
    @GET
    @RolesAllowed(Roles.READ)
    @Path("result")
    @Produces(MediaType.APPLICATION_JSON)
    public Response result(@PathParam("id") String id) {
        return Response.ok(history.result(id), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * The self-contained HTML report, with the headers of every page the service serves: its own
     * Content-Security-Policy (only its inline script runs; nothing loads), no form posts or base
     * changes, no framing by other sites, no MIME sniffing.
     */
    @GET
    @RolesAllowed(Roles.READ)
    @Path("report")
    @Produces(MediaType.TEXT_HTML)
    public Response report(@PathParam("id") String id) {
        java.nio.file.Path file = history.report(id);
        if (!Files.isRegularFile(file)) {
            throw new jakarta.ws.rs.NotFoundException("the report file of check " + id + " is missing from the "
                    + "reports directory");
        }
        return PageHeaders.of(Response.ok(file.toFile(), "text/html; charset=utf-8"),
                HtmlReport.contentSecurityPolicy(file) + "; base-uri 'none'; form-action 'none'").build();
    }
}
