package io.driftwatch.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * How {@link OutboxDao} binds and reads the outbox's enums: as their stored values ({@code channel},
 * {@code pending}, …), which the table has always held, not as Jdbi's default constant names.
 *
 * <p>Public only because Jdbi instantiates the nested classes named in the DAO's annotations.
 * Thread-safe: stateless.
 */
public final class OutboxCodes {
    private OutboxCodes() {
    }

    /** Binds a {@link OutboxRow.TargetKind} as its stored value. */
    public static final class KindBinder extends AbstractArgumentFactory<OutboxRow.TargetKind> {
        public KindBinder() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(OutboxRow.TargetKind value, ConfigRegistry config) {
            return (int position, PreparedStatement statement, StatementContext ctx) ->
                    statement.setString(position, value.value());
        }
    }

    /** Binds a {@link OutboxRow.State} as its stored value. */
    public static final class StateBinder extends AbstractArgumentFactory<OutboxRow.State> {
        public StateBinder() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(OutboxRow.State value, ConfigRegistry config) {
            return (int position, PreparedStatement statement, StatementContext ctx) ->
                    statement.setString(position, value.value());
        }
    }

    /** Reads {@code outbox.target_kind}. */
    public static final class KindReader implements ColumnMapper<OutboxRow.TargetKind> {
        @Override
        public OutboxRow.TargetKind map(ResultSet r, int columnNumber, StatementContext ctx) throws SQLException {
            String value = r.getString(columnNumber);
            return value == null ? null : OutboxRow.TargetKind.of(value);
        }
    }

    /** Reads {@code outbox.state}. */
    public static final class StateReader implements ColumnMapper<OutboxRow.State> {
        @Override
        public OutboxRow.State map(ResultSet r, int columnNumber, StatementContext ctx) throws SQLException {
            String value = r.getString(columnNumber);
            return value == null ? null : OutboxRow.State.of(value).orElseThrow(
                    () -> new IllegalStateException("an outbox row has state '" + value + "'"));
        }
    }
}
