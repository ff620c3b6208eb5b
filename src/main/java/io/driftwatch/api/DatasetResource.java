package io.driftwatch.api;

import io.driftwatch.monitor.checks.Dataset;
import io.driftwatch.monitor.checks.DatasetIntake;
import io.driftwatch.monitor.InvalidRequestException;
import io.driftwatch.monitor.checks.MonitorCatalog;
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
 * {@code /api/v1/datasets}: upload a batch (streamed to disk, never held in memory whole) or a sketch
 * profile, and look one up. The same bytes uploaded twice give the same dataset: 201 the first time, 200 after.
 *
 * <p>Thread-safe.
 */
@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
public final class DatasetResource {
    private final DatasetIntake intake;
    private final MonitorCatalog monitors;
    private final BodyLimit limit;

    public DatasetResource(DatasetIntake intake, MonitorCatalog monitors, BodyLimit limit) {
        this.intake = intake;
        this.monitors = monitors;
        this.limit = limit;
    }

    @POST
    @RolesAllowed(Roles.WRITE)
    @Consumes({ApiMediaTypes.CSV, ApiMediaTypes.ARROW_FILE, ApiMediaTypes.ARROW_STREAM, ApiMediaTypes.PARQUET,
            ApiMediaTypes.SKETCH_PROFILE, ApiMediaTypes.GZIP,
            ApiMediaTypes.OCTET_STREAM})
    public Response upload(@jakarta.ws.rs.HeaderParam("Content-Length") Long contentLength,
            @jakarta.ws.rs.HeaderParam(jakarta.ws.rs.core.HttpHeaders.CONTENT_TYPE) MediaType type, InputStream body) {
        limit.check(contentLength);
        Dataset d = intake.ingest(body, declared(type));
        // bytes stored before may have been registered through a versioned reference
        DatasetRepresentation out = DatasetRepresentation.of(d, d.created() ? null : intake.lineage(d.id()).orElse(null));
        return d.created()
                ? Response.created(URI.create("/api/v1/datasets/" + d.id())).entity(out).build()
                : Response.ok(out).build();
    }

    /**
     * Registers a versioned reference as a dataset: {@code {"reference": "dvc:/srv/repo/data/train.csv"}}
     * (or the path of a {@code .dvc} file) in one of the folders the service may read, its content
     * verified against the version's MD5; or {@code {"reference": "mlflow:models:/bike-demand@champion"}},
     * the training dataset of that model version's run. The dataset answers with its {@code lineage}.
     */
    @POST
    @RolesAllowed(Roles.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(VersionedReference request) {
        if (request == null || request.reference() == null || request.reference().isBlank()) {
            throw new InvalidRequestException("reference", "is required: a DVC-tracked file as dvc:PATH or PATH.dvc, a"
                    + " registered MLflow model as mlflow:models:/NAME@ALIAS, or send the batch itself as text/csv or Arrow");
        }
        Dataset d = intake.register(request.reference(), monitors.sources());
        DatasetRepresentation out = DatasetRepresentation.of(d, intake.lineage(d.id()).orElse(null));
        return d.created()
                ? Response.created(URI.create("/api/v1/datasets/" + d.id())).entity(out).build()
                : Response.ok(out).build();
    }

    /** A body sent as {@value ApiMediaTypes#SKETCH_PROFILE} must be one; any other is told by its bytes. */
    static DatasetIntake.Declared declared(MediaType type) {
        return type != null && type.isCompatible(MediaType.valueOf(ApiMediaTypes.SKETCH_PROFILE))
                ? DatasetIntake.Declared.SKETCH_PROFILE : DatasetIntake.Declared.BY_CONTENT;
    }

    /** A dataset named by the system that versions it. */
    public record VersionedReference(String reference) {
    }

    @GET
    @RolesAllowed(Roles.READ)
    @Path("{id}")
    public DatasetRepresentation find(@PathParam("id") String id) {
        return DatasetRepresentation.of(intake.find(id, "id"), intake.lineage(id).orElse(null));
    }
}
