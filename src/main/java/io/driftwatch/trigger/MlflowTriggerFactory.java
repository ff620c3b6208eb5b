package io.driftwatch.trigger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.driftwatch.delivery.HttpTransport;
import io.driftwatch.delivery.Redaction;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An MLflow trigger: a run per check, and model-version tags and an alias on a breach.
 *
 * <pre>
 * - type: mlflow
 *   name: mlflow
 *   trackingUri: https://mlflow.example.com
 *   experimentName: "driftwatch/{monitor}"   # the default; or experimentId: "123"
 *   token: ${MLFLOW_TRACKING_TOKEN}          # optional bearer token (or username + password: basic auth)
 *   modelName: bike-demand                   # optional: mark this registered model on a breach
 *   modelAlias: champion                     # which version: the one behind this alias,
 *   # modelVersion: "7"                      #   or a fixed version; neither: the highest version
 *   breachAlias: drifted                     # optional: point this alias at the marked version
 *   statusTag: drift_status                  # model-version tags written on a breach (defaults shown;
 *   statusValue: drifted                     #   an empty key is not written)
 *   checkTag: drift_check
 *   incidentTag: drift_incident
 *   reportTag: drift_report
 * </pre>
 *
 * {@code token} and {@code password} are never printed or serialised.
 *
 * <p>Not thread-safe: configuration, read-only after start-up.
 */
@JsonTypeName("mlflow")
public class MlflowTriggerFactory extends TriggerFactory {
    static final String DEFAULT_EXPERIMENT = "driftwatch/{monitor}";
    /** MLflow alias names: letters, digits, '_' and '-'; not {@code latest}, not {@code v<digits>}. */
    private static final Pattern ALIAS = Pattern.compile("(?!latest$)(?![vV][0-9]+$)[A-Za-z0-9_-]{1,255}");

    @NotNull
    private URI trackingUri;

    private String experimentName;
    private String experimentId;
    private String token;
    private String username;
    private String password;
    private String modelName;
    private String modelVersion;
    private String modelAlias;
    private String breachAlias;
    private String statusTag = "drift_status";
    private String statusValue = "drifted";
    private String checkTag = "drift_check";
    private String incidentTag = "drift_incident";
    private String reportTag = "drift_report";

    @Override
    public Trigger build(Clock clock) {
        String authorization = null;
        List<String> secrets = new ArrayList<>();
        if (token != null) {
            authorization = "Bearer " + token;
            secrets.add(token);
        } else if (username != null) {
            authorization = AirflowTrigger.basic(username, password);
            secrets.add(password);
            secrets.add(authorization.substring("Basic ".length()));
        }
        MlflowTrigger.Model model = modelName == null ? null : new MlflowTrigger.Model(modelName, modelVersion,
                modelAlias, breachAlias,
                new MlflowTrigger.VersionTags(key(statusTag), key(checkTag), key(incidentTag), key(reportTag)),
                statusValue);
        MlflowTrigger.Settings settings = new MlflowTrigger.Settings(experimentId,
                experimentName == null ? DEFAULT_EXPERIMENT : experimentName, model);
        HttpTransport http = transport(secrets, clock);
        return new MlflowTrigger(getName(), settings, new MlflowClient(trackingUri, authorization, http), http);
    }

    private static String key(String k) {
        return k == null || k.isEmpty() ? null : k;
    }

    @JsonIgnore
    @ValidationMethod(message = "trackingUri must be an absolute http(s) address with no user info, query or fragment")
    public boolean isTrackingUriAnAddress() {
        return isHttpAddress(trackingUri);
    }

    @JsonIgnore
    @ValidationMethod(message = "set experimentName or experimentId, not both")
    public boolean isExperimentUnambiguous() {
        return experimentName == null || experimentId == null;
    }

    @JsonIgnore
    @ValidationMethod(message = "authenticate with token, or with username and password, not both")
    public boolean isCredentialsConsistent() {
        boolean login = username != null || password != null;
        return token == null ? (username == null) == (password == null) : !login;
    }

    @JsonIgnore
    @ValidationMethod(message = "modelVersion, modelAlias and breachAlias need modelName; set modelVersion or "
            + "modelAlias, not both; modelName may not contain a single quote")
    public boolean isModelConsistent() {
        if (modelName == null) {
            return modelVersion == null && modelAlias == null && breachAlias == null;
        }
        return !modelName.isEmpty() && modelName.indexOf('\'') < 0 && (modelVersion == null || modelAlias == null);
    }

    @JsonIgnore
    @ValidationMethod(message = "modelAlias and breachAlias must be letters, digits, '_' or '-', and not 'latest' "
            + "or 'v<number>'")
    public boolean isAliasesValid() {
        return (modelAlias == null || ALIAS.matcher(modelAlias).matches())
                && (breachAlias == null || ALIAS.matcher(breachAlias).matches());
    }

    @JsonIgnore
    @ValidationMethod(message = "statusTag, checkTag, incidentTag and reportTag must be valid MLflow keys "
            + "(letters, digits, '_', '-', '.', ' ', '/'), or empty to skip the tag")
    public boolean isTagKeysValid() {
        for (String k : new String[] {statusTag, checkTag, incidentTag, reportTag}) {
            if (key(k) != null && !MlflowKeys.valid(k)) {
                return false;
            }
        }
        return statusValue != null;
    }

    @JsonProperty
    public URI getTrackingUri() {
        return trackingUri;
    }

    @JsonProperty
    public void setTrackingUri(URI trackingUri) {
        this.trackingUri = trackingUri;
    }

    @JsonProperty
    public String getExperimentName() {
        return experimentName;
    }

    @JsonProperty
    public void setExperimentName(String experimentName) {
        this.experimentName = experimentName;
    }

    @JsonProperty
    public String getExperimentId() {
        return experimentId;
    }

    @JsonProperty
    public void setExperimentId(String experimentId) {
        this.experimentId = experimentId;
    }

    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public String getToken() {
        return token;
    }

    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public void setToken(String token) {
        this.token = token;
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

    @JsonProperty
    public String getModelName() {
        return modelName;
    }

    @JsonProperty
    public void setModelName(String modelName) {
        this.modelName = modelName;
    }

    @JsonProperty
    public String getModelVersion() {
        return modelVersion;
    }

    @JsonProperty
    public void setModelVersion(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    @JsonProperty
    public String getModelAlias() {
        return modelAlias;
    }

    @JsonProperty
    public void setModelAlias(String modelAlias) {
        this.modelAlias = modelAlias;
    }

    @JsonProperty
    public String getBreachAlias() {
        return breachAlias;
    }

    @JsonProperty
    public void setBreachAlias(String breachAlias) {
        this.breachAlias = breachAlias;
    }

    @JsonProperty
    public String getStatusTag() {
        return statusTag;
    }

    @JsonProperty
    public void setStatusTag(String statusTag) {
        this.statusTag = statusTag;
    }

    @JsonProperty
    public String getStatusValue() {
        return statusValue;
    }

    @JsonProperty
    public void setStatusValue(String statusValue) {
        this.statusValue = statusValue;
    }

    @JsonProperty
    public String getCheckTag() {
        return checkTag;
    }

    @JsonProperty
    public void setCheckTag(String checkTag) {
        this.checkTag = checkTag;
    }

    @JsonProperty
    public String getIncidentTag() {
        return incidentTag;
    }

    @JsonProperty
    public void setIncidentTag(String incidentTag) {
        this.incidentTag = incidentTag;
    }

    @JsonProperty
    public String getReportTag() {
        return reportTag;
    }

    @JsonProperty
    public void setReportTag(String reportTag) {
        this.reportTag = reportTag;
    }

    @Override
    public String toString() {
        return "MlflowTriggerFactory{" + describe() + ", trackingUri=" + trackingUri + ", experimentName="
                + experimentName + ", experimentId=" + experimentId + ", token=" + Redaction.mask(token) + ", username="
                + username + ", password=" + Redaction.mask(password) + ", modelName=" + modelName + ", modelVersion="
                + modelVersion + ", modelAlias=" + modelAlias + ", breachAlias=" + breachAlias + ", statusTag="
                + statusTag + ", statusValue=" + statusValue + ", checkTag=" + checkTag + ", incidentTag="
                + incidentTag + ", reportTag=" + reportTag + "}";
    }
}
