package io.driftwatch.notify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.List;

/**
 * {@code type: teams}: a Microsoft Teams channel through a Workflows webhook (the "When a Teams
 * webhook request is received" trigger). The workflow URL carries its signature ({@code sig=}) and
 * is the credential, so it is configured as {@code ${ENV_VAR}} and never shown.
 *
 * <pre>{@code
 * - name: ml-teams
 *   type: teams
 *   url: ${TEAMS_WORKFLOW_URL}
 * }</pre>
 *
 * <p>Not thread-safe: configuration, read-only after start-up.
 */
@JsonTypeName("teams")
public class TeamsChannelFactory extends ChannelFactory {

    @NotNull
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private String url;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    @JsonIgnore
    @ValidationMethod(message = "url must be an absolute http or https URL")
    public boolean isUrlHttp() {
        return isHttpUrl(url);
    }

    @Override
    public Channel build(Clock clock) {
        return new TeamsChannel(getName(), endpoint(httpUrl(url), clock, List.of()));
    }

    @Override
    public String toString() {
        return "TeamsChannelFactory{" + describe() + ", url=" + redacted(url) + "}";
    }
}
