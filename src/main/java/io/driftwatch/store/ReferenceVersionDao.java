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

/**
 * The versions of monitors' references. Versions are numbered from 1 per monitor; adding one is an
 * insert of the next number that does nothing when another writer took that number (or that
 * window) first, so callers read back and retry.
 *
 * <p>Thread-safe when obtained with {@code Jdbi.onDemand}.
 */
@RegisterArgumentFactory(UtcInstants.Binder.class)
@RegisterColumnMapper(UtcInstants.Reader.class)
@RegisterConstructorMapper(ReferenceVersionRow.class)
public interface ReferenceVersionDao {

    /** Inserts a version unless its number or its window is taken; returns the rows inserted (0 or 1). */
    @SqlUpdate("""
            INSERT INTO reference_versions (monitor_id, version, dataset_id, profile_sha256, window_start,
                                            window_end, created_at)
            VALUES (:monitorId, :version, :datasetId, :profileSha256, :windowStart, :windowEnd, :createdAt)
            ON CONFLICT DO NOTHING
            """)
    int insertIfAbsent(@BindMethods ReferenceVersionRow row);

    @SqlQuery("SELECT COALESCE(MAX(version), 0) FROM reference_versions WHERE monitor_id = :monitorId")
    int latestVersion(String monitorId);

    /** The latest pinned (window-less) version built from {@code profileSha256}. */
    @SqlQuery("""
            SELECT * FROM reference_versions
             WHERE monitor_id = :monitorId AND profile_sha256 = :profileSha256 AND window_start IS NULL
             ORDER BY version DESC
             LIMIT 1
            """)
    Optional<ReferenceVersionRow> pinned(String monitorId, String profileSha256);

    /** The rolled version read over exactly {@code [windowStart, windowEnd)}. */
    @SqlQuery("""
            SELECT * FROM reference_versions
             WHERE monitor_id = :monitorId AND window_start = :windowStart AND window_end = :windowEnd
            """)
    Optional<ReferenceVersionRow> rolled(String monitorId, Instant windowStart, Instant windowEnd);

    @SqlQuery("SELECT * FROM reference_versions WHERE monitor_id = :monitorId AND version = :version")
    Optional<ReferenceVersionRow> find(String monitorId, int version);

    /** Every version of a monitor, newest first. */
    @SqlQuery("SELECT * FROM reference_versions WHERE monitor_id = :monitorId ORDER BY version DESC")
    List<ReferenceVersionRow> list(String monitorId);
}
