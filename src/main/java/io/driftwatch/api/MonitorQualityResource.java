package io.driftwatch.api;

import io.driftwatch.monitor.checks.CheckHistory;
import io.driftwatch.monitor.checks.QualityWindow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/v1/monitors/{id}/quality}: the model quality of the monitor's windows (its checks with a
 * model-quality verdict), newest first, paged and filtered by time as its checks are.
 *
 * <p>Thread-safe.
 */
@Path("/api/v1/monitors/{id}/quality")
@Produces(MediaType.APPLICATION_JSON)
public final class MonitorQualityResource {
    private final CheckHistory history;

    public MonitorQualityResource(CheckHistory history) {
        this.history = history;
    }

    @GET
    @RolesAllowed(Roles.READ)
    public QualityPage quality(@PathParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("cursor") String cursor) {
        CheckHistory.QualityPage page = history.qualityPage(id, MonitorResource.instant("from", from),
                MonitorResource.instant("to", to), limit, cursor);
        List<QualityWindowSummary> items = new ArrayList<>(page.items().size());
        for (QualityWindow w : page.items()) {
            items.add(QualityWindowSummary.of(w));
        }
        return new QualityPage(items, page.next());
    }
}
