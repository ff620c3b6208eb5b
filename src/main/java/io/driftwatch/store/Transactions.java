package io.driftwatch.store;

import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Work that spans several DAOs in one database transaction: a check, the incident it opens,
 * updates or closes, the outbox rows of its alerts and its logged predictions are committed together
 * or not at all; so are posted labels and the evaluations they cause.
 *
 * <p>Thread-safe.
 */
public final class Transactions {
    private final Jdbi jdbi;

    public Transactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The DAOs of one transaction; use them on the calling thread only, inside the callback. */
    public record Tx(CheckDao checks, IncidentDao incidents, OutboxDao outbox, QualityDao quality, LabelBulk bulk) {
    }

    /** Runs {@code work} in a transaction, committed when it returns and rolled back when it throws. */
    public <T> T inTransaction(Function<Tx, T> work) {
        return jdbi.inTransaction(handle -> work.apply(new Tx(handle.attach(CheckDao.class),
                handle.attach(IncidentDao.class), handle.attach(OutboxDao.class), handle.attach(QualityDao.class),
                new LabelBulk(handle))));
    }
}
