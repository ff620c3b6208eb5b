package io.driftwatch.api.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code auth:} section of the configuration: the tokens the service accepts, each declared by
 * its name, its role and the SHA-256 of the token (never the token itself):
 *
 * <pre>
 * auth:
 *   tokens:
 *     - name: ci-pipeline
 *       role: write        # uploads, monitors, checks, and everything read allows
 *       sha256: 3b8f…      # 64 hex digits, as printed by 'driftwatch token'
 *     - name: analysts
 *       role: read         # the API's reads, the dashboard, the reports
 *       sha256: 91c2…
 * </pre>
 *
 * <p>With tokens, every resource method needs one whose role its {@code @RolesAllowed} grants
 * (see {@link io.driftwatch.api.Roles}). With none, the service runs open, but only when every
 * application connector binds to a loopback address, and it says so in a warning at start-up;
 * otherwise it refuses to start. The admin connector is Dropwizard's, unchanged.
 *
 * <p>Not thread-safe: built once by Dropwizard at start-up, read-only afterwards.
 */
public class AuthFactory {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFactory.class);

    @Valid
    @NotNull
    private List<@NotNull TokenFactory> tokens = new ArrayList<>();

    /** One token the service accepts. */
    public static class TokenFactory {
        /** Who holds the token; 403 answers name it. */
        @NotNull
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}",
                message = "must be 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit")
        private String name;

        @NotNull
        private Role role;

        /** The SHA-256 of the token's UTF-8 bytes, in hex. */
        @NotNull
        @Pattern(regexp = "[0-9a-fA-F]{64}",
                message = "must be the 64 hex digits of the token's SHA-256 as 'driftwatch token' prints them,"
                        + " never the token itself")
        private String sha256;

        @JsonProperty
        public String getName() {
            return name;
        }

        @JsonProperty
        public void setName(String name) {
            this.name = name;
        }

        @JsonProperty
        public Role getRole() {
            return role;
        }

        @JsonProperty
        public void setRole(Role role) {
            this.role = role;
        }

        @JsonProperty
        public String getSha256() {
            return sha256;
        }

        @JsonProperty
        public void setSha256(String sha256) {
            this.sha256 = sha256;
        }
    }

    @JsonProperty
    public List<TokenFactory> getTokens() {
        return tokens;
    }

    @JsonProperty
    public void setTokens(List<TokenFactory> tokens) {
        this.tokens = tokens;
    }

    /** Two tokens with one name would be told apart nowhere; two with one hash are one token. */
    @JsonIgnore
    @ValidationMethod(message = "must have a different name and a different sha256 for every token")
    public boolean isEveryTokenDistinct() {
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (TokenFactory t : tokens) {
            if (t == null || t.getName() == null || t.getSha256() == null) {
                continue; // reported by the field constraints
            }
            if (!names.add(t.getName()) || !hashes.add(t.getSha256().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Puts the API and the dashboard behind the configured tokens, or, with none, checks that the
     * service only listens on loopback addresses and warns that it is open.
     *
     * @param server the server configuration, to learn where the application connectors will listen
     * @throws OpenAccessRefusedException when there are no tokens and a connector is reachable from
     *     other machines
     */
    public void register(JerseyEnvironment jersey, ServerFactory server) {
        if (tokens.isEmpty()) {
            Listeners listeners = Listeners.of(server);
            List<Listeners.Listener> exposed = listeners.exposed();
            if (!exposed.isEmpty()) {
                throw new OpenAccessRefusedException("auth: no tokens are configured, and the API would listen on "
                        + Listeners.describe(exposed) + ", beyond this machine. Refusing to start an open service."
                        + " Create a token with 'java -jar driftwatch.jar token --name NAME --role write' (and"
                        + " '--role read' for people and dashboards), add the lines it prints under auth.tokens in the"
                        + " configuration file, and start again; or bind every application connector to 127.0.0.1.");
            }
            LOG.warn("auth: no tokens configured; the API and dashboard are open to anyone who can reach {}",
                    Listeners.describe(listeners.all()));
            return;
        }
        List<ConfiguredToken> configured = new ArrayList<>(tokens.size());
        int writers = 0;
        for (TokenFactory t : tokens) {
            configured.add(new ConfiguredToken(t.getName(), t.getRole(), t.getSha256()));
            writers += t.getRole() == Role.WRITE ? 1 : 0;
        }
        jersey.register(new AccessControlFeature(new TokenAuthenticator(configured)));
        LOG.info("auth: {} tokens ({} write, {} read); the API and dashboard need one", tokens.size(), writers,
                tokens.size() - writers);
    }
}
