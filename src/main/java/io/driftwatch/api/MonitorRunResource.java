package io.driftwatch.api;

import io.driftwatch.monitor.schedule.RunHistory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/monitors/{id}/runs}: a scheduled monitor's schedule, source, next run, what the
 * source read last, and its runs, latest slot first. A monitor without a schedule answers with a
 * null schedule and no runs. (A class of its own for the same reason as
 * {@link MonitorDeliveryResource}.)
 *
 * <p>Thread-safe.
 */
@Path("/api/v1/monitors/{id}/runs")
@Produces(MediaType.APPLICATION_JSON)
public final class MonitorRunResource {
    private final RunHistory history;

    public MonitorRunResource(RunHistory history) {
        this.history = history;
    }

    /** One claimed slot as the API shows it; {@code finishedAt} is null while it runs. */
    public record RunRepresentation(String slot, String windowStart, String windowEnd, String kind, String instance,
            String state, String startedAt, String finishedAt, int checks, int failed, long rows, String summary) {

        static RunRepresentation of(RunHistory.Run r) {
            return new RunRepresentation(text(r.slot()), text(r.windowStart()), text(r.windowEnd()), r.kind(),
                    r.instance(), r.state(), text(r.startedAt()), text(r.finishedAt()), r.checks(), r.failed(), r.rows(),
                    r.summary());
        }
    }

    /** What a scheduled or backfilled check read, as the API shows it. */
    public record ReadRepresentation(String checkId, String runKind, String sourceType, String location,
            String fileName, String windowStart, String windowEnd, String chunk, Long rows, Long bytes) {

        static ReadRepresentation of(RunHistory.SourceRead r) {
            return new ReadRepresentation(r.checkId(), r.runKind(), r.sourceType(), r.location(), r.fileName(),
                    text(r.windowStart()), text(r.windowEnd()), r.chunk(), r.rows(), r.bytes());
        }
    }

    /** The schedule, the last read and the runs, latest slot first; all null or empty without a schedule. */
    public record RunList(String schedule, String source, String nextRun, ReadRepresentation lastRead,
            List<RunRepresentation> items) {
    }

    @GET
    @RolesAllowed(Roles.READ)
    public RunList ofMonitor(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") int limit) {
        // runs first: the last read, asked for after them, is never older than the runs listed
        List<RunHistory.Run> runs = history.runs(id, limit);
        Optional<RunHistory.Status> status = history.status(id);
        if (status.isEmpty()) {
            return new RunList(null, null, null, null, List.of());
        }
        RunHistory.Status s = status.get();
        List<RunRepresentation> items = new ArrayList<>(runs.size());
        for (RunHistory.Run r : runs) {
            items.add(RunRepresentation.of(r));
        }
        return new RunList(s.schedule(), s.source(), text(s.nextRun()),
                s.lastRead().map(ReadRepresentation::of).orElse(null), List.copyOf(items));
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
