package io.driftwatch.api;

import io.driftwatch.monitor.checks.CheckHistory;
import io.driftwatch.monitor.checks.CheckQueue;
import io.driftwatch.monitor.checks.Checks;
import io.driftwatch.monitor.checks.DatasetIntake;
import io.driftwatch.monitor.checks.Labels;
import io.driftwatch.monitor.outbox.Deliveries;
import io.driftwatch.monitor.checks.MonitorCatalog;
import io.driftwatch.monitor.schedule.RunHistory;
import io.dropwizard.jersey.setup.JerseyEnvironment;

/**
 * Registers the API's resources and error mappers with Jersey.
 *
 * <p>Thread-safe: stateless.
 */
public final class Api {
    private Api() {
    }

    /** Registers everything under {@code /api/v1} and the error mappers (which the dashboard pages share). */
    public static void register(JerseyEnvironment jersey, DatasetIntake intake, MonitorCatalog monitors,
            Checks checks, CheckHistory history, CheckQueue queue, BodyLimit limit,
            DefinitionLimit definitionLimit, Deliveries deliveries, RunHistory runs, Labels labels) {
        jersey.register(new DatasetResource(intake, monitors, limit));
        jersey.register(new MonitorResource(monitors, checks, history, queue, limit, definitionLimit));
        jersey.register(new LabelResource(labels, limit));
        jersey.register(new MonitorQualityResource(history));
        jersey.register(new CheckResource(history, runs));
        jersey.register(new DeliveryResource(deliveries));
        jersey.register(new MonitorDeliveryResource(deliveries));
        jersey.register(new MonitorRunResource(runs));
        jersey.register(new OpenApiResource());
        jersey.register(new DriftwatchExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new JsonProcessingExceptionMapper());
        UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();
        jersey.register(unexpected.outages());
        jersey.register(unexpected);
    }
}
