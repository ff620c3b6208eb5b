package io.driftwatch.store;

import static io.driftwatch.store.StoreRows.dataset;
import static io.driftwatch.store.StoreRows.profile;
import static org.assertj.core.api.Assertions.assertThat;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link DatasetDao} on the embedded default and on PostgreSQL: datasets and profiles are
 * content-addressed, so inserting the same content again does nothing and the first row stays.
 */
class DatasetDaoTest {

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void storesADatasetAndReadsEveryFieldBack(StoreBackend backend) {
        DatasetDao dao = backend.emptied().onDemand(DatasetDao.class);
        DatasetRow a = dataset("a");
        DatasetRow b = dataset("bb");

        assertThat(dao.insertIfAbsent(a)).isEqualTo(1);
        assertThat(dao.insertIfAbsent(b)).isEqualTo(1);

        assertThat(dao.find(a.id())).contains(a);
        assertThat(dao.find(b.id())).contains(b);
        assertThat(dao.findBySha256(b.sha256())).contains(b);
        assertThat(dao.findBySha256(a.sha256())).contains(a);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void insertingTheSameIdAgainDoesNothingAndKeepsTheFirstRow(StoreBackend backend) {
        DatasetDao dao = backend.emptied().onDemand(DatasetDao.class);
        DatasetRow first = dataset("a");
        dao.insertIfAbsent(first);
        DatasetRow again = new DatasetRow(first.id(), StoreRows.sha256("other bytes"), "arrow-file", 1, 2, "[]",
                first.createdAt().plusSeconds(60));

        assertThat(dao.insertIfAbsent(again)).isZero();

        assertThat(dao.find(first.id())).contains(first);
        assertThat(dao.findBySha256(again.sha256())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void insertingTheSameSha256UnderAnotherIdDoesNothing(StoreBackend backend) {
        DatasetDao dao = backend.emptied().onDemand(DatasetDao.class);
        DatasetRow first = dataset("a");
        dao.insertIfAbsent(first);
        DatasetRow sameBytes = new DatasetRow("0123456789abcdef01234567", first.sha256(), "csv", 1, 2, "[]",
                first.createdAt());

        assertThat(dao.insertIfAbsent(sameBytes)).isZero();

        assertThat(dao.find(sameBytes.id())).isEmpty();
        assertThat(dao.findBySha256(first.sha256())).contains(first);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void findsNothingForUnknownIdsAndHashes(StoreBackend backend) {
        DatasetDao dao = backend.emptied().onDemand(DatasetDao.class);
        dao.insertIfAbsent(dataset("a"));

        assertThat(dao.find(dataset("zz").id())).isEmpty();
        assertThat(dao.findBySha256(dataset("zz").sha256())).isEmpty();
        assertThat(dao.findProfile(StoreRows.sha256("nothing"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void storesAProfileOncePerContent(StoreBackend backend) {
        Jdbi jdbi = backend.emptied();
        DatasetDao dao = jdbi.onDemand(DatasetDao.class);
        DatasetRow a = dataset("a");
        DatasetRow b = dataset("bb");
        dao.insertIfAbsent(a);
        dao.insertIfAbsent(b);
        ProfileRow pa = profile(a);
        ProfileRow pb = profile(b);

        assertThat(dao.insertProfileIfAbsent(pa)).isEqualTo(1);
        assertThat(dao.insertProfileIfAbsent(pb)).isEqualTo(1);
        assertThat(dao.insertProfileIfAbsent(new ProfileRow(pa.sha256(), b.id(), 1, 2, pa.createdAt().plusSeconds(1))))
                .isZero();

        assertThat(dao.findProfile(pa.sha256())).contains(pa);
        assertThat(dao.findProfile(pb.sha256())).contains(pb);
        assertThat(StoreBackend.rowCount(jdbi, "reference_profiles")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void recordsOneSketchPerReferenceProfileAndKeepsTheFirst(StoreBackend backend) {
        Jdbi jdbi = backend.emptied();
        DatasetDao dao = jdbi.onDemand(DatasetDao.class);
        DatasetRow a = dataset("a");
        DatasetRow b = dataset("bb");
        dao.insertIfAbsent(a);
        dao.insertIfAbsent(b);
        ProfileRow exactA = profile(a);
        ProfileRow exactB = profile(b);
        ProfileRow sketch = new ProfileRow(StoreRows.sha256("a sketch"), a.id(), 3, 40, exactA.createdAt());
        ProfileRow later = new ProfileRow(StoreRows.sha256("another sketch"), a.id(), 3, 41, exactA.createdAt());
        for (ProfileRow p : new ProfileRow[] {exactA, exactB, sketch, later}) {
            dao.insertProfileIfAbsent(p);
        }

        assertThat(dao.insertSketchIfAbsent(exactA.sha256(), sketch.sha256(), exactA.createdAt())).isEqualTo(1);
        assertThat(dao.insertSketchIfAbsent(exactA.sha256(), later.sha256(), exactA.createdAt().plusSeconds(1)))
                .isZero();

        assertThat(dao.findSketch(exactA.sha256())).contains(sketch.sha256());
        assertThat(dao.findSketch(exactB.sha256())).isEmpty();
        assertThat(dao.findSketch(sketch.sha256())).isEmpty();
    }
}
