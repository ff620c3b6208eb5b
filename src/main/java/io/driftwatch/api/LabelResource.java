package io.driftwatch.api;

import io.driftwatch.monitor.checks.Labels;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * {@code POST /api/v1/monitors/{id}/labels}: labels that arrive after the predictions, a CSV or Arrow
 * batch (gzip ok) of the monitor's id column ({@code model.id}) and target ({@code model.target}),
 * joined to the predictions its checks logged; answers what they did and the windows they evaluated.
 *
 * <p>Thread-safe.
 */
@Path("/api/v1/monitors/{id}/labels")
@Produces(MediaType.APPLICATION_JSON)
public final class LabelResource {
    private final Labels labels;
    private final BodyLimit limit;

    public LabelResource(Labels labels, BodyLimit limit) {
        this.labels = labels;
        this.limit = limit;
    }

    @POST
    @RolesAllowed(Roles.WRITE)
    @Consumes({ApiMediaTypes.CSV, ApiMediaTypes.ARROW_FILE, ApiMediaTypes.ARROW_STREAM, ApiMediaTypes.PARQUET,
            ApiMediaTypes.GZIP,
            ApiMediaTypes.OCTET_STREAM})
    public LabelsAnswer post(@PathParam("id") String id, @HeaderParam("Content-Length") Long contentLength,
            InputStream body) {
        limit.check(contentLength);
        return LabelsAnswer.of(labels.post(id, new RequestBody(body)));
    }
}
