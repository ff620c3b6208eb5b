package io.driftwatch.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Datasets and the reference profiles built from them. Both are content-addressed, so inserting
 * the same content twice is not an error: the insert does nothing and the caller reads the row back.
 *
 * <p>Thread-safe when obtained with {@code Jdbi.onDemand}.
 */
@RegisterArgumentFactory(UtcInstants.Binder.class)
@RegisterColumnMapper(UtcInstants.Reader.class)
@RegisterConstructorMapper(DatasetRow.class)
@RegisterConstructorMapper(ProfileRow.class)
public interface DatasetDao {

    /** Inserts the dataset unless one with the same id or sha256 exists; returns the rows inserted (0 or 1). */
    @SqlUpdate("""
            INSERT INTO datasets (id, sha256, format, row_count, byte_count, columns, created_at)
            VALUES (:id, :sha256, :format, :rowCount, :byteCount, :columns, :createdAt)
            ON CONFLICT DO NOTHING
            """)
    int insertIfAbsent(@BindMethods DatasetRow row);

    @SqlQuery("SELECT * FROM datasets WHERE id = :id")
    Optional<DatasetRow> find(String id);

    @SqlQuery("SELECT * FROM datasets WHERE sha256 = :sha256")
    Optional<DatasetRow> findBySha256(String sha256);

    /**
     * Records where dataset {@code datasetId}'s bytes came from (JSON written and read by the monitor
     * layer) unless it has a lineage already; returns the rows inserted (0 or 1).
     */
    @SqlUpdate("""
            INSERT INTO dataset_lineage (dataset_id, lineage, recorded_at)
            VALUES (:datasetId, :lineage, :recordedAt)
            ON CONFLICT DO NOTHING
            """)
    int insertLineageIfAbsent(String datasetId, String lineage, Instant recordedAt);

    /** The lineage recorded for dataset {@code datasetId}, if any. */
    @SqlQuery("SELECT lineage FROM dataset_lineage WHERE dataset_id = :datasetId")
    Optional<String> lineage(String datasetId);

    /** Inserts the profile unless one with the same sha256 exists; returns the rows inserted (0 or 1). */
    @SqlUpdate("""
            INSERT INTO reference_profiles (sha256, dataset_id, row_count, byte_count, created_at)
            VALUES (:sha256, :datasetId, :rowCount, :byteCount, :createdAt)
            ON CONFLICT DO NOTHING
            """)
    int insertProfileIfAbsent(@BindMethods ProfileRow row);

    @SqlQuery("SELECT * FROM reference_profiles WHERE sha256 = :sha256")
    Optional<ProfileRow> findProfile(String sha256);

    /**
     * Records {@code sketchSha256} (a stored profile) as the sketch profile made from the reference whose exact
     * profile is {@code profileSha256}, unless one is recorded already; returns the rows inserted (0 or 1).
     */
    @SqlUpdate("""
            INSERT INTO reference_sketches (profile_sha256, sketch_sha256, created_at)
            VALUES (:profileSha256, :sketchSha256, :createdAt)
            ON CONFLICT DO NOTHING
            """)
    int insertSketchIfAbsent(String profileSha256, String sketchSha256, Instant createdAt);

    /** The sketch profile made from the reference whose exact profile is {@code profileSha256}, if any. */
    @SqlQuery("SELECT sketch_sha256 FROM reference_sketches WHERE profile_sha256 = :profileSha256")
    Optional<String> findSketch(String profileSha256);
}
