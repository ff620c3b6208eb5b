package io.driftwatch.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * How the DAOs bind and read {@link Instant}s: as {@code TIMESTAMP WITH TIME ZONE} values at offset
 * UTC ({@link OffsetDateTime}, JDBC 4.2), never through {@code java.sql.Timestamp}. Jdbi's own
 * binding goes through {@code Timestamp}, which the H2 driver turns into the JVM zone's local time
 * first: in a zone with daylight saving time the hour when clocks go back is ambiguous, and an
 * instant in its second half was stored an hour early (checks then came out of order). Both H2 and
 * PostgreSQL take and give {@code OffsetDateTime} exactly, to the microsecond.
 *
 * <p>Public only because Jdbi instantiates the two nested classes named in the DAOs' annotations.
 * Thread-safe: stateless.
 */
public final class UtcInstants {
    private UtcInstants() {
    }

    /** Binds an {@link Instant} as an {@link OffsetDateTime} at UTC. */
    public static final class Binder extends AbstractArgumentFactory<Instant> {
        public Binder() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (int position, PreparedStatement statement, StatementContext ctx) ->
                    statement.setObject(position, value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    /** Reads a {@code TIMESTAMP WITH TIME ZONE} column as an {@link Instant}. */
    public static final class Reader implements ColumnMapper<Instant> {
        @Override
        public Instant map(ResultSet r, int columnNumber, StatementContext ctx) throws SQLException {
            OffsetDateTime value = r.getObject(columnNumber, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }
}
