package io.driftwatch.trigger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.driftwatch.delivery.Redaction;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A GitHub Actions {@code workflow_dispatch} trigger.
 *
 * <pre>
 * - type: github
 *   name: retrain-workflow
 *   owner: acme
 *   repo: bike-model
 *   workflow: retrain.yml          # file name or numeric id
 *   ref: main
 *   token: ${GITHUB_TOKEN}         # fine-grained: "Actions" repository permission, write
 *   inputs: [monitor, check_id, incident_id, report_url]   # the default; at most 10
 *   # apiUrl: https://github.example.com/api/v3          # GitHub Enterprise Server
 *   # returnRunDetails: true       # ask for the run id (200 instead of 204; github.com, 2026-02 on)
 * </pre>
 *
 * Inputs are chosen from {@code monitor, check_id, incident_id, kind, occurred_at, report_url,
 * dashboard_url, drift_share, drifted_columns}; GitHub rejects a dispatch (422) whose inputs the
 * workflow does not declare. {@code token} is never printed or serialised.
 *
 * <p>Not thread-safe: configuration, read-only after start-up.
 */
@JsonTypeName("github")
public class GitHubTriggerFactory extends TriggerFactory {
    @NotNull
    private URI apiUrl = URI.create("https://api.github.com");

    @NotEmpty
    private String owner;

    @NotEmpty
    private String repo;

    @NotEmpty
    private String workflow;

    @NotEmpty
    private String ref;

    @NotEmpty
    private String token;

    @NotNull
    private List<String> inputs = new ArrayList<>(List.of("monitor", "check_id", "incident_id", "report_url"));

    private boolean returnRunDetails;

    @Override
    public Trigger build(Clock clock) {
        List<GitHubTrigger.Input> chosen = new ArrayList<>();
        for (String i : inputs) {
            chosen.add(GitHubTrigger.Input.of(i));
        }
        return new GitHubTrigger(getName(), apiUrl, owner, repo, workflow, ref, token, chosen, returnRunDetails,
                transport(List.of(token), clock));
    }

    @JsonIgnore
    @ValidationMethod(message = "apiUrl must be an absolute http(s) address with no user info, query or fragment")
    public boolean isApiUrlAnAddress() {
        return isHttpAddress(apiUrl);
    }

    @JsonIgnore
    @ValidationMethod(message = "inputs must be at most 10 distinct names among monitor, check_id, incident_id, "
            + "kind, occurred_at, report_url, dashboard_url, drift_share, drifted_columns")
    public boolean isInputsKnown() {
        if (inputs == null) {
            return true;
        }
        if (inputs.size() > GitHubTrigger.MAX_INPUTS || new HashSet<>(inputs).size() != inputs.size()) {
            return false;
        }
        for (String i : inputs) {
            boolean known = false;
            for (GitHubTrigger.Input in : GitHubTrigger.Input.values()) {
                known |= in.key().equals(i);
            }
            if (!known) {
                return false;
            }
        }
        return true;
    }

    @JsonProperty
    public URI getApiUrl() {
        return apiUrl;
    }

    @JsonProperty
    public void setApiUrl(URI apiUrl) {
        this.apiUrl = apiUrl;
    }

    @JsonProperty
    public String getOwner() {
        return owner;
    }

    @JsonProperty
    public void setOwner(String owner) {
        this.owner = owner;
    }

    @JsonProperty
    public String getRepo() {
        return repo;
    }

    @JsonProperty
    public void setRepo(String repo) {
        this.repo = repo;
    }

    @JsonProperty
    public String getWorkflow() {
        return workflow;
    }

    @JsonProperty
    public void setWorkflow(String workflow) {
        this.workflow = workflow;
    }

    @JsonProperty
    public String getRef() {
        return ref;
    }

    @JsonProperty
    public void setRef(String ref) {
        this.ref = ref;
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
    public List<String> getInputs() {
        return inputs;
    }

    @JsonProperty
    public void setInputs(List<String> inputs) {
        this.inputs = inputs;
    }

    @JsonProperty
    public boolean isReturnRunDetails() {
        return returnRunDetails;
    }

    @JsonProperty
    public void setReturnRunDetails(boolean returnRunDetails) {
        this.returnRunDetails = returnRunDetails;
    }

    @Override
    public String toString() {
        return "GitHubTriggerFactory{" + describe() + ", apiUrl=" + apiUrl + ", owner=" + owner + ", repo="
                + repo + ", workflow=" + workflow + ", ref=" + ref + ", token=" + Redaction.mask(token) + ", inputs=" + inputs
                + ", returnRunDetails=" + returnRunDetails + "}";
    }
}
