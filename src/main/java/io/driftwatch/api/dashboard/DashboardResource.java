package io.driftwatch.api.dashboard;

import io.driftwatch.api.PageHeaders;
import io.driftwatch.api.Roles;
import io.driftwatch.monitor.checks.CheckHistory;
import io.driftwatch.monitor.checks.DatasetIntake;
import io.driftwatch.monitor.InvalidRequestException;
import io.driftwatch.monitor.checks.MonitorCatalog;
import io.driftwatch.monitor.NotFoundException;
import io.driftwatch.monitor.schedule.RunHistory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The dashboard: server-rendered HTML pages for people, next to the REST API for programs.
 * {@code /} lists the monitors with their latest verdict and recent drift share; {@code /monitors/{id}}
 * shows one monitor's definition, drift share over time, per-column heat map and checks
 * ({@code ?cursor=} pages through older ones). Pages carry no script and a Content-Security-Policy
 * that forbids loading anything. Errors are pages too (404 for an unknown monitor, 400 for a bad
 * cursor), not JSON.
 *
 * <p>Thread-safe.
 */
@Path("/")
@Produces(DashboardResource.HTML)
@RolesAllowed(Roles.READ)
public final class DashboardResource {
    static final String HTML = "text/html; charset=utf-8";

    private final Dashboard dashboard;
    private final DashboardTemplates templates = new DashboardTemplates();

    public DashboardResource(MonitorCatalog monitors, CheckHistory history, DatasetIntake datasets,
            io.driftwatch.monitor.outbox.Deliveries deliveries, RunHistory runs) {
        this.dashboard = new Dashboard(monitors, history, datasets, deliveries, runs);
    }

    @GET
    public Response home(@Context UriInfo uri) {
        return page(200, templates.home(dashboard.home(baseUrl(uri))));
    }

    @GET
    @Path("monitors/{id}")
    public Response monitor(@PathParam("id") String id, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        try {
            return page(200, templates.monitor(dashboard.monitor(id, cursor, baseUrl(uri))));
        } catch (NotFoundException e) {
            return page(404, templates.error(404, "No monitor named " + id,
                    "There is no monitor with this name; it may have been deleted."));
        } catch (InvalidRequestException e) {
            return page(400, templates.error(400, "This page link is not valid",
                    "The cursor in this link was not made by this service. Start again from the newest checks."));
        }
    }

    private static Response page(int status, String html) {
        return PageHeaders.of(Response.status(status).type(HTML).entity(html), DashboardTemplates.PAGE_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .build();
    }

    /** The address the browser used, without the trailing slash: {@code http://localhost:8080}. */
    private static String baseUrl(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
