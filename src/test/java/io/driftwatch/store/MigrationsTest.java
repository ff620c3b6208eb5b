package io.driftwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.driftwatch.TestDatabases;
import io.driftwatch.TestDatabases.TestDatabase;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The changelog on both backends: it builds the schema from an empty database and is a no-op the
 * second time; {@link Migrations#requireApplied} refuses a database without the schema or with
 * changesets pending (naming them and the {@code db migrate} command), leaves an empty database
 * untouched, and passes on a migrated one.
 */
class MigrationsTest {
    private static final String[] TABLES = {"datasets", "reference_profiles", "monitors", "checks", "check_columns",
        "check_model_quality", "prediction_log", "labels", "quality_evaluations", "check_label_free",
        "dataset_lineage", "reference_sketches"};

    @TempDir
    Path dir;

    private static ManagedDataSource dataSource(TestDatabase db) {
        DataSourceFactory f = new DataSourceFactory();
        f.setDriverClass(db.driverClass());
        f.setUrl(db.url());
        f.setUser(db.user());
        f.setPassword("");
        f.setInitialSize(1);
        f.setMinSize(1);
        f.setMaxSize(2);
        return f.build(new MetricRegistry(), "migrations-test");
    }

    private static void requireApplied(TestDatabase db) throws Exception {
        ManagedDataSource ds = dataSource(db);
        try {
            Migrations.requireApplied(ds, db.url());
        } finally {
            ds.stop();
        }
    }

    private static boolean hasTable(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
                try (ResultSet tables = meta.getTables(null, null, name, null)) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static void applyFirst(TestDatabase db, int changesets) throws SQLException, LiquibaseException {
        try (Connection c = db.connect()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase(Migrations.CHANGELOG, new ClassLoaderResourceAccessor(), database)
                    .update(changesets, new Contexts(), new LabelExpression());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void changelogBuildsTheSchemaFromAnEmptyDatabaseAndIsANoOpTheSecondTime(StoreBackend backend) throws Exception {
        TestDatabase db = backend.unmigrated(dir);
        for (String table : TABLES) {
            assertThat(hasTable(db, table)).as(table).isFalse();
        }

        TestDatabases.migrated(db);
        Jdbi jdbi = StoreBackend.jdbi(db);
        long applied = StoreBackend.rowCount(jdbi, "databasechangelog");
        TestDatabases.migrated(db);

        assertThat(applied).isEqualTo(21);
        assertThat(StoreBackend.rowCount(jdbi, "databasechangelog")).isEqualTo(applied);
        for (String table : TABLES) {
            assertThat(StoreBackend.rowCount(jdbi, table)).as(table).isZero();
        }
        assertThatCode(() -> requireApplied(db)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void refusesADatabaseWithoutTheSchemaAndSaysHowToCreateIt(StoreBackend backend) throws Exception {
        TestDatabase db = backend.unmigrated(dir);

        assertThatThrownBy(() -> requireApplied(db))
                .isInstanceOf(UnmigratedDatabaseException.class)
                .hasMessageContaining("has no Driftwatch schema yet")
                .hasMessageContaining("db migrate config.yml")
                .hasMessageContaining(db.url());

        assertThat(hasTable(db, "databasechangelog")).as("looking must not create Liquibase's tables").isFalse();
        assertThat(hasTable(db, "databasechangeloglock")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void refusesADatabaseWithPendingChangesetsAndNamesThem(StoreBackend backend) throws Exception {
        TestDatabase db = backend.unmigrated(dir);
        applyFirst(db, 2);

        assertThatThrownBy(() -> requireApplied(db))
                .isInstanceOf(UnmigratedDatabaseException.class)
                .hasMessageContaining("19 of its migrations have not been applied")
                .hasMessageContaining("1-monitors, 1-checks, 1-check-columns, 2-failed-checks, 2-incidents, 2-outbox, "
                        + "3-reference-versions, 3-check-sources, 3-source-files, 3-scheduled-runs, 4-outbox-order, "
                        + "5-column-strength, 6-check-data-quality, 7-check-model-quality, 7-prediction-log, 7-labels, "
                        + "8-label-free, 8-dataset-lineage, 9-reference-sketches")
                .hasMessageContaining("db migrate config.yml");
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void passesOnAMigratedDatabase(StoreBackend backend) {
        TestDatabase db = backend.fresh(dir);

        assertThatCode(() -> requireApplied(db)).doesNotThrowAnyException();
    }
}
