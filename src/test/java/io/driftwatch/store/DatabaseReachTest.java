package io.driftwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.db.DataSourceFactory;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/** How a database that cannot be opened or reached is told apart from a failing statement, and named. */
class DatabaseReachTest {

    @Test
    void masksThePasswordInTheUrlItShows() {
        assertThat(DatabaseReach.redact("jdbc:postgresql://db:5432/dw?user=dw&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/dw?user=dw&password=***&ssl=true");
        assertThat(DatabaseReach.redact("jdbc:h2:file:./data/dw;USER=sa;PASSWORD=s3cret;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:./data/dw;USER=sa;PASSWORD=***;MODE=PostgreSQL");
    }

    @Test
    void namesThePostgresqlHostsAndPorts() {
        assertThat(DatabaseReach.describe("jdbc:postgresql://db.example.com/dw"))
                .isEqualTo("jdbc:postgresql://db.example.com/dw (PostgreSQL at db.example.com:5432)");
        assertThat(DatabaseReach.describe("jdbc:postgresql://a:5433,b/dw?targetServerType=primary"))
                .endsWith(" (PostgreSQL at a:5433, b:5432)");
        assertThat(DatabaseReach.describe("jdbc:postgresql://[::1]/dw")).endsWith(" (PostgreSQL at [::1]:5432)");
        assertThat(DatabaseReach.describe("jdbc:postgresql://[::1]:6432/dw")).endsWith(" (PostgreSQL at [::1]:6432)");
        assertThat(DatabaseReach.describe("jdbc:postgresql:dw")).endsWith(" (PostgreSQL at localhost:5432)");
        assertThat(DatabaseReach.describe("jdbc:h2:file:./data/dw")).isEqualTo("jdbc:h2:file:./data/dw");
    }

    @Test
    void aLostOrRefusedConnectionIsAnOutageAndAFailingStatementIsNot() {
        assertThat(DatabaseReach.outage(new ConnectionException(new SQLException("Connection to db:5432 refused.",
                "08001", new ConnectException("Connection refused"))))).hasValue("connection refused");
        assertThat(DatabaseReach.outage(new SQLException("FATAL: terminating connection due to administrator command",
                "57P01"))).hasValue("FATAL: terminating connection due to administrator command");
        assertThat(DatabaseReach.outage(new RuntimeException("wrapped", new SQLTransientConnectionException(
                "pool empty")))).hasValue("pool empty");
        assertThat(DatabaseReach.outage(new UnableToExecuteStatementException(new SQLException(
                "ERROR: relation \"nosuch\" does not exist", "42P01"), null))).isEmpty();
        assertThat(DatabaseReach.outage(new IllegalStateException("a bug"))).isEmpty();
    }

    @Test
    void refusesADriverClassTheJarDoesNotHave() {
        DataSourceFactory database = new DataSourceFactory();
        database.setDriverClass("com.example.NoSuchDriver");
        database.setUrl("jdbc:example:db");

        assertThatThrownBy(() -> DatabaseReach.require(database, "server"))
                .isInstanceOf(UnreachableDatabaseException.class)
                .hasMessage("database.driverClass com.example.NoSuchDriver is not a JDBC driver this jar has: use"
                        + " org.postgresql.Driver (PostgreSQL) or org.h2.Driver (the embedded default)");
    }

    @Test
    void saysWhenPostgresqlRefusesTheCredentials() {
        SQLException refused = new SQLException("FATAL: password authentication failed for user \"dw\"", "28P01");

        assertThat(DatabaseReach.cannotOpen("jdbc:postgresql://db/dw", refused, "server")).isEqualTo(
                "cannot connect to the database jdbc:postgresql://db/dw (PostgreSQL at db:5432): FATAL: password"
                        + " authentication failed for user \"dw\". Check database.user and database.password in the"
                        + " configuration file");
    }
}
