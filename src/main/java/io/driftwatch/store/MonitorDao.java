package io.driftwatch.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Monitors. Deleting one deletes its checks and their column results (the schema cascades).
 *
 * <p>Thread-safe when obtained with {@code Jdbi.onDemand}.
 */
@RegisterArgumentFactory(UtcInstants.Binder.class)
@RegisterColumnMapper(UtcInstants.Reader.class)
@RegisterConstructorMapper(MonitorRow.class)
public interface MonitorDao {

    /** Inserts the monitor unless its id is taken; returns the rows inserted (0 or 1). */
    @SqlUpdate("""
            INSERT INTO monitors (id, definition, media_type, reference_id, profile_sha256, version,
                                  created_at, updated_at)
            VALUES (:id, :definition, :mediaType, :referenceId, :profileSha256, :version, :createdAt, :updatedAt)
            ON CONFLICT DO NOTHING
            """)
    int insertIfAbsent(@BindMethods MonitorRow row);

    /**
     * Replaces the definition of monitor {@code id} if it is still at {@code expectedVersion},
     * incrementing the version; returns the rows updated (0 when the monitor is gone or was updated
     * meanwhile).
     */
    @SqlUpdate("""
            UPDATE monitors
               SET definition = :definition, media_type = :mediaType, reference_id = :referenceId,
                   profile_sha256 = :profileSha256, version = version + 1, updated_at = :updatedAt
             WHERE id = :id AND version = :expectedVersion
            """)
    int update(String id, int expectedVersion, String definition, String mediaType, String referenceId,
            String profileSha256, Instant updatedAt);

    /**
     * Deletes the monitor with its checks (by cascade), its logged predictions and its labels (which
     * have no foreign key, for the speed of their bulk writes), in one transaction; returns the
     * monitors deleted (0 or 1). The monitor's row goes first: that waits for a check being recorded
     * to commit, so the predictions it logged are deleted too.
     */
    @Transaction
    default int delete(String id) {
        int deleted = deleteRow(id);
        deletePredictions(id);
        deleteLabels(id);
        return deleted;
    }

    @SqlUpdate("DELETE FROM monitors WHERE id = :id")
    int deleteRow(String id);

    @SqlUpdate("DELETE FROM prediction_log WHERE monitor_id = :id")
    int deletePredictions(String id);

    @SqlUpdate("DELETE FROM labels WHERE monitor_id = :id")
    int deleteLabels(String id);

    @SqlQuery("SELECT * FROM monitors WHERE id = :id")
    Optional<MonitorRow> find(String id);

    @SqlQuery("SELECT * FROM monitors ORDER BY id")
    List<MonitorRow> list();
}
