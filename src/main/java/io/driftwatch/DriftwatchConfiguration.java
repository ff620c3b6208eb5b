package io.driftwatch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * The service configuration ({@code config.yml}). The defaults run everything embedded: reports
 * and data files under the working directory, no external server.
 *
 * <p>Not thread-safe: built once by Dropwizard at start-up, read-only afterwards.
 */
public class DriftwatchConfiguration extends Configuration {

    @NotNull
    private Path reportsDirectory = Path.of("reports");

    @NotNull
    private Path dataDirectory = Path.of("data");

    @JsonProperty
    public Path getReportsDirectory() {
        return reportsDirectory;
    }

    @JsonProperty
    public void setReportsDirectory(Path reportsDirectory) {
        this.reportsDirectory = reportsDirectory;
    }

    @JsonProperty
    public Path getDataDirectory() {
        return dataDirectory;
    }

    @JsonProperty
    public void setDataDirectory(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }
}
