package io.driftwatch.trigger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.driftwatch.delivery.Redaction;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * An Airflow DAG-run trigger.
 *
 * <pre>
 * - type: airflow
 *   name: retrain-bikes
 *   baseUrl: https://airflow.example.com
 *   apiVersion: 3                  # 2: /api/v1 + basic auth; 3: /api/v2 + token from /auth/token
 *   dagId: retrain_bike_model
 *   username: driftwatch
 *   password: ${AIRFLOW_PASSWORD}
 *   # token: ${AIRFLOW_TOKEN}      # instead of username/password: a fixed bearer token
 * </pre>
 *
 * Either a token or a username and password. {@code password} and {@code token} are never printed
 * or serialised.
 *
 * <p>Not thread-safe: configuration, read-only after start-up.
 */
@JsonTypeName("airflow")
public class AirflowTriggerFactory extends TriggerFactory {
    @NotNull
    private URI baseUrl;

    @Min(value = 2, message = "must be 2 (Airflow 2, /api/v1) or 3 (Airflow 3, /api/v2)")
    @Max(value = 3, message = "must be 2 (Airflow 2, /api/v1) or 3 (Airflow 3, /api/v2)")
    private int apiVersion = 2;

    @NotEmpty
    private String dagId;

    private String username;
    private String password;
    private String token;

    @Override
    public Trigger build(Clock clock) {
        int version = apiVersion;
        AirflowTrigger.Credentials credentials;
        List<String> secrets = new ArrayList<>();
        if (token != null) {
            credentials = new AirflowTrigger.Credentials.Token(token);
            secrets.add(token);
        } else if (version == 2) {
            credentials = new AirflowTrigger.Credentials.Basic(username, password);
            secrets.add(password);
            secrets.add(AirflowTrigger.basic(username, password).substring("Basic ".length()));
        } else {
            credentials = new AirflowTrigger.Credentials.Login(username, password);
            secrets.add(password);
        }
        return new AirflowTrigger(getName(), baseUrl, version, dagId, credentials, transport(secrets, clock));
    }

    @JsonIgnore
    @ValidationMethod(message = "baseUrl must be an absolute http(s) address with no user info, query or fragment")
    public boolean isBaseUrlAnAddress() {
        return isHttpAddress(baseUrl);
    }

    @JsonIgnore
    @ValidationMethod(message = "needs either token, or username and password (and not both)")
    public boolean isCredentialsComplete() {
        boolean login = username != null && !username.isEmpty() && password != null;
        boolean partialLogin = username != null || password != null;
        return token != null ? !partialLogin && !token.isEmpty() : login;
    }

    @JsonProperty
    public URI getBaseUrl() {
        return baseUrl;
    }

    @JsonProperty
    public void setBaseUrl(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    @JsonProperty
    public int getApiVersion() {
        return apiVersion;
    }

    @JsonProperty
    public void setApiVersion(int apiVersion) {
        this.apiVersion = apiVersion;
    }

    @JsonProperty
    public String getDagId() {
        return dagId;
    }

    @JsonProperty
    public void setDagId(String dagId) {
        this.dagId = dagId;
    }

    @JsonProperty
    public String getUsername() {
        return username;
    }

    @JsonProperty
    public void setUsername(String username) {
        this.username = username;
    }

    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public String getPassword() {
        return password;
    }

    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public void setPassword(String password) {
        this.password = password;
    }

    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public String getToken() {
        return token;
    }

    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public void setToken(String token) {
        this.token = token;
    }

    @Override
    public String toString() {
        return "AirflowTriggerFactory{" + describe() + ", baseUrl=" + baseUrl + ", apiVersion=" + apiVersion
                + ", dagId=" + dagId + ", username=" + username + ", password=" + Redaction.mask(password)
                + ", token=" + Redaction.mask(token) + "}";
    }
}
