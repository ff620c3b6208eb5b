package io.driftwatch.api;

import io.driftwatch.monitor.checks.Dataset;
import io.driftwatch.monitor.checks.DatasetIntake;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;

/**
 * {@code /api/v1/datasets}: upload a batch (streamed to disk, never held in memory whole) and look
 * one up. The same bytes uploaded twice give the same dataset: 201 the first time, 200 after.
 *
 * <p>Thread-safe.
 */
@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
public final class DatasetResource {
    private final DatasetIntake intake;
    private final BodyLimit limit;

    public DatasetResource(DatasetIntake intake, BodyLimit limit) {
        this.intake = intake;
        this.limit = limit;
    }

    @POST
    @RolesAllowed(Roles.WRITE)
    @Consumes({ApiMediaTypes.CSV, ApiMediaTypes.ARROW_FILE, ApiMediaTypes.ARROW_STREAM, ApiMediaTypes.PARQUET,
            ApiMediaTypes.GZIP,
            ApiMediaTypes.OCTET_STREAM})
    public Response upload(@jakarta.ws.rs.HeaderParam("Content-Length") Long contentLength, InputStream body) {
        limit.check(contentLength);
        Dataset d = intake.ingest(body);
        DatasetRepresentation out = DatasetRepresentation.of(d);
        return d.created()
                ? Response.created(URI.create("/api/v1/datasets/" + d.id())).entity(out).build()
                : Response.ok(out).build();
    }

    @GET
    @RolesAllowed(Roles.READ)
    @Path("{id}")
    public DatasetRepresentation find(@PathParam("id") String id) {
        return DatasetRepresentation.of(intake.find(id, "id"));
    }
}
