package io.driftwatch.api;

import io.driftwatch.monitor.outbox.Deliveries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/v1/monitors/{id}/deliveries}: a monitor's alerts and retraining requests, newest
 * first. (A class of its own: JAX-RS matches the longest literal path first, so this path must not
 * share a class prefix with {@link MonitorResource}'s.)
 *
 * <p>Thread-safe.
 */
@Path("/api/v1/monitors/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public final class MonitorDeliveryResource {
    private final Deliveries deliveries;

    public MonitorDeliveryResource(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @RolesAllowed(Roles.READ)
    public DeliveryResource.DeliveryList ofMonitor(@PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return DeliveryResource.DeliveryList.of(deliveries.ofMonitor(id, limit));
    }
}
