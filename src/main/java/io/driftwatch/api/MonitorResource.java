package io.driftwatch.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.io.DatasetLimitException;
import io.driftwatch.io.UnreadableDatasetException;
import io.driftwatch.monitor.checks.Check;
import io.driftwatch.monitor.checks.CheckHistory;
import io.driftwatch.monitor.checks.CheckQueue;
import io.driftwatch.monitor.checks.Checks;
import io.driftwatch.monitor.checks.Batch;
import io.driftwatch.monitor.checks.RecordedCheck;
import io.driftwatch.monitor.InvalidRequestException;
import io.driftwatch.monitor.definitions.Monitor;
import io.driftwatch.monitor.checks.MonitorCatalog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/monitors}: create, read, replace and delete monitors, run checks against them
 * (on an uploaded dataset, or on a batch streamed in the request) and page through their history.
 *
 * <p>Thread-safe.
 */
@Path("/api/v1/monitors")
@Produces(MediaType.APPLICATION_JSON)
public final class MonitorResource {
    private final MonitorCatalog monitors;
    private final Checks checks;
    private final CheckHistory history;
    private final CheckQueue queue;
    private final BodyLimit limit;
    private final DefinitionLimit definitionLimit;

    public MonitorResource(MonitorCatalog monitors, Checks checks, CheckHistory history, CheckQueue queue, BodyLimit limit, DefinitionLimit definitionLimit) {
        this.monitors = monitors;
        this.checks = checks;
        this.history = history;
        this.queue = queue;
        this.limit = limit;
        this.definitionLimit = definitionLimit;
    }

    /** The request of a check on an uploaded dataset. */
    public record CheckRequest(String datasetId) {
    }

    @POST
    @RolesAllowed(Roles.WRITE)
    @Consumes({MediaType.APPLICATION_JSON, ApiMediaTypes.YAML, ApiMediaTypes.YAML_LEGACY, ApiMediaTypes.YAML_TEXT})
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, InputStream body) {
        String definition = definitionLimit.read(contentLength, type, body);
        Monitor m = monitors.create(definition, mediaType(definition));
        return Response.created(URI.create("/api/v1/monitors/" + m.id())).entity(JsonDocuments.monitor(m)).build();
    }

    @GET
    @RolesAllowed(Roles.READ)
    public Map<String, List<ObjectNode>> list() {
        List<ObjectNode> items = new ArrayList<>();
        for (Monitor m : monitors.list()) {
            items.add(JsonDocuments.monitor(m));
        }
        return Map.of("items", items);
    }

    @GET
    @RolesAllowed(Roles.READ)
    @Path("{id}")
    public ObjectNode find(@PathParam("id") String id) {
        return JsonDocuments.monitor(monitors.find(id));
    }

    @PUT
    @RolesAllowed(Roles.WRITE)
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, ApiMediaTypes.YAML, ApiMediaTypes.YAML_LEGACY, ApiMediaTypes.YAML_TEXT})
    public ObjectNode replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, InputStream body) {
        String definition = definitionLimit.read(contentLength, type, body);
        return JsonDocuments.monitor(monitors.update(id, definition, mediaType(definition)));
    }

    @DELETE
    @RolesAllowed(Roles.WRITE)
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        monitors.delete(id);
        return Response.noContent().build();
    }

    /** A check of an uploaded dataset: {@code {"datasetId": "…"}}. */
    @POST
    @RolesAllowed(Roles.WRITE)
    @Path("{id}/checks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response check(@PathParam("id") String id, CheckRequest request) throws InterruptedException {
        if (request == null || request.datasetId() == null || request.datasetId().isBlank()) {
            throw new InvalidRequestException("datasetId",
                    "is required: the id of a dataset uploaded with POST /api/v1/datasets, or send the batch itself "
                            + "as text/csv or Arrow");
        }
        monitors.find(id);
        return checked(queue.run(() -> checks.run(id, request.datasetId())));
    }

    /**
     * A check of a batch streamed in the request; the batch is stored as a dataset first. A sketch profile
     * ({@value ApiMediaTypes#SKETCH_PROFILE}, or any body that starts like one) is checked on sketches. A batch that
     * arrives whole but cannot be read is recorded as a failed check (and answered 422 with its id); one
     * refused for a limit (its size, columns, a cell's length), or cut off by the client, is not a check.
     */
    @POST
    @RolesAllowed(Roles.WRITE)
    @Path("{id}/checks")
    @Consumes({ApiMediaTypes.CSV, ApiMediaTypes.ARROW_FILE, ApiMediaTypes.ARROW_STREAM, ApiMediaTypes.PARQUET,
            ApiMediaTypes.SKETCH_PROFILE, ApiMediaTypes.GZIP,
            ApiMediaTypes.OCTET_STREAM})
    public Response checkBody(@PathParam("id") String id, @HeaderParam("Content-Length") Long contentLength,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type, InputStream body) throws InterruptedException {
        limit.check(contentLength);
        RequestBody request = new RequestBody(body);
        Batch batch;
        try {
            batch = checks.take(id, request, DatasetResource.declared(type));
        } catch (DatasetLimitException e) {
            throw e; // refused for a limit the user can raise (413), like a body too large: not a check
        } catch (UnreadableDatasetException e) {
            if (request.broken()) {
                throw e;
            }
            throw checks.recordUnreadable(id, e);
        }
        return checked(queue.run(() -> checks.run(id, batch)));
    }

    @GET
    @RolesAllowed(Roles.READ)
    @Path("{id}/checks")
    public CheckPage checks(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        CheckHistory.Page page = history.page(id, instant("from", from), instant("to", to), limit, cursor);
        List<CheckSummary> items = new ArrayList<>(page.items().size());
        for (Check c : page.items()) {
            items.add(CheckSummary.of(c, page.quality().get(c.id())));
        }
        return new CheckPage(items, page.next());
    }

    /** Answers with the result the check just stored, not read back. */
    private static Response checked(RecordedCheck recorded) {
        Check check = recorded.check();
        return Response.created(URI.create("/api/v1/checks/" + check.id()))
                .entity(JsonDocuments.check(check, recorded.result(), null, recorded.quality())).build();
    }

    /**
     * What the definition is, told as the parser tells it (JSON when it starts with a brace, YAML
     * otherwise), not by the Content-Type: YAML sent as application/json was stored labelled JSON.
     */
    private static String mediaType(String definition) {
        return definition != null && definition.stripLeading().startsWith("{") ? MediaType.APPLICATION_JSON
                : ApiMediaTypes.YAML;
    }

    /** The ISO-8601 instant of query parameter {@code field}, or null when it is absent. */
    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "'" + value + "' is not an ISO-8601 instant such as "
                    + "2026-11-22T08:00:00Z");
        }
    }
}
