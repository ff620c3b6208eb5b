package io.driftwatch.api;

import io.driftwatch.monitor.outbox.Deliveries;
import io.driftwatch.monitor.outbox.OutboxEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox of alerts and retraining requests: {@code /api/v1/deliveries?state=failed}, and {@code POST /api/v1/deliveries/{id}/retry} to send a
 * failed delivery again.
 *
 * <p>Thread-safe.
 */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public final class DeliveryResource {
    private final Deliveries deliveries;

    public DeliveryResource(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    /** A delivery as the API shows it. */
    public record DeliveryRepresentation(String id, String monitorId, String checkId, String incidentId,
            String targetKind, String target, String event, String state, int attempts, String createdAt,
            String nextAttemptAt, String deliveredAt, String lastError, String externalId) {

        static DeliveryRepresentation of(OutboxEntry d) {
            return new DeliveryRepresentation(d.id(), d.monitorId(), d.checkId(), d.incidentId(),
                    d.targetKind().value(), d.target(), d.event(), d.state().value(), d.attempts(),
                    text(d.createdAt()), text(d.nextAttemptAt()), text(d.deliveredAt()), d.lastError(), d.externalId());
        }

        private static String text(java.time.Instant t) {
            return t == null ? null : t.toString();
        }
    }

    /** A list of deliveries, newest first. */
    public record DeliveryList(List<DeliveryRepresentation> items) {
        static DeliveryList of(List<OutboxEntry> deliveries) {
            List<DeliveryRepresentation> items = new ArrayList<>(deliveries.size());
            for (OutboxEntry d : deliveries) {
                items.add(DeliveryRepresentation.of(d));
            }
            return new DeliveryList(List.copyOf(items));
        }
    }

    @GET
    @RolesAllowed(Roles.READ)
    public DeliveryList inState(@QueryParam("state") @DefaultValue("failed") String state,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return DeliveryList.of(deliveries.inState(state, limit));
    }

    @POST
    @Path("{id}/retry")
    @RolesAllowed(Roles.WRITE)
    public DeliveryRepresentation retry(@PathParam("id") String id) {
        return DeliveryRepresentation.of(deliveries.retry(id));
    }
}
