package io.driftwatch.monitor.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** What a service refuses in a monitor's source before accepting the monitor (each becomes a 422). */
class SourcesTest {
    @TempDir
    Path dir;

    private SourceEnvironment environment() {
        Map<String, DataSource> sources = Map.of("warehouse", new PGSimpleDataSource());
        return new SourceEnvironment(sources, List.of(dir.resolve("incoming").toAbsolutePath()),
                name -> name.equals("TOKEN") ? "s3cret" : null, dir);
    }

    @Test
    void acceptsSourcesThisServiceCanRun() {
        assertThat(Sources.problems(new SourceSpec.Directory(dir.resolve("incoming/preds"), "*", Duration.ofSeconds(1)),
                environment())).isEmpty();
        assertThat(Sources.problems(new SourceSpec.Jdbc("warehouse",
                "SELECT x::text, ':y' FROM t WHERE ts >= :from AND ts < :to"), environment())).isEmpty();
        assertThat(Sources.problems(new SourceSpec.Http("https://example.org/b.csv?from={from}",
                Map.of("Authorization", "Bearer ${TOKEN}"), Duration.ofSeconds(5)), environment())).isEmpty();
    }

    @Test
    void refusesAFolderOutsideTheAllowedOnes() {
        assertThat(Sources.problems(new SourceSpec.Directory(dir.resolve("incoming/../etc"), "*", Duration.ZERO),
                environment())).extracting(Sources.Problem::field, Sources.Problem::message).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("source.path", "'" + dir.resolve("incoming/../etc")
                                + "' is not in a folder this service may read; config.yml allows ["
                                + dir.resolve("incoming").toAbsolutePath() + "] (sources.directories)"));
    }

    @Test
    void refusesAFolderInsideTheAllowedOnesThatIsALinkOutOfThem() throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("incoming"));
        java.nio.file.Files.createDirectories(dir.resolve("etc"));
        java.nio.file.Files.createSymbolicLink(dir.resolve("incoming/etc"), dir.resolve("etc"));

        assertThat(Sources.problems(new SourceSpec.Directory(dir.resolve("incoming/etc"), "*", Duration.ZERO),
                environment())).extracting(Sources.Problem::field, Sources.Problem::message).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("source.path", "'" + dir.resolve("incoming/etc")
                                + "' leads out of the folders this service may read through a symbolic link; config.yml"
                                + " allows [" + dir.resolve("incoming").toAbsolutePath() + "] (sources.directories)"));
    }

    @Test
    void refusesAnUndeclaredDataSourceAndParametersARunDoesNotBind() {
        assertThat(Sources.problems(new SourceSpec.Jdbc("lake", "SELECT * FROM t WHERE a = :a OR b = :b"),
                environment())).extracting(Sources.Problem::message).containsExactly(
                        "the query has the parameter :a; only :from and :to (the window's bounds) are bound",
                        "the query has the parameter :b; only :from and :to (the window's bounds) are bound",
                        "unknown data source 'lake'; config.yml declares warehouse (sources.dataSources)");
        assertThat(Sources.problems(new SourceSpec.Jdbc("warehouse", "SELECT * FROM t WHERE ts >= ?"), environment()))
                .extracting(Sources.Problem::field).containsExactly("source.query");
    }

    @Test
    void refusesAUrlThatIsNotHttpAndAHeaderNamingAnUnsetVariable() {
        assertThat(Sources.problems(new SourceSpec.Http("ftp://example.org/b.csv",
                Map.of("Authorization", "Bearer ${NOT_SET}"), Duration.ofSeconds(5)), environment()))
                .extracting(Sources.Problem::field, Sources.Problem::message).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("source.url", "'ftp://example.org/b.csv' is not an http or "
                                + "https URL"),
                        org.assertj.core.groups.Tuple.tuple("source.headers.Authorization", "the environment variable "
                                + "NOT_SET is not set on this service"));
        assertThat(Sources.problems(new SourceSpec.Http("http://exa mple.org/", Map.of(), Duration.ofSeconds(5)),
                environment())).extracting(Sources.Problem::field).containsExactly("source.url");
    }
}
