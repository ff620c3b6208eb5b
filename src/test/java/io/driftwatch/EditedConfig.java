package io.driftwatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The shipped {@code config.yml} with parts added or replaced that {@code ConfigOverride} cannot
 * express: list entries (tokens, log appenders) and removed keys. Give it to
 * {@code DropwizardAppExtension} as the configuration source; overrides still apply on top.
 *
 * <p>Thread-safe: immutable.
 */
public final class EditedConfig implements ConfigurationSourceProvider {
    private static final YAMLMapper YAML = new YAMLMapper();
    private final Consumer<ObjectNode> edit;

    private EditedConfig(Consumer<ObjectNode> edit) {
        this.edit = edit;
    }

    /** {@code edit} changes the parsed document's root in place. */
    public static EditedConfig of(Consumer<ObjectNode> edit) {
        return new EditedConfig(edit);
    }

    /** The configuration file at {@code path} after the edit, as YAML text. */
    public String text(Path path) throws IOException {
        ObjectNode root = (ObjectNode) YAML.readTree(Files.readString(path));
        edit.accept(root);
        return YAML.writeValueAsString(root);
    }

    @Override
    public InputStream open(String path) throws IOException {
        return new ByteArrayInputStream(text(Path.of(path)).getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a token to {@code auth.tokens}: its name, role and the hex SHA-256 of {@code token}. */
    public static void addToken(ObjectNode root, String name, String role, String token) {
        ObjectNode t = root.withObjectProperty("auth").withArray("tokens").addObject();
        t.put("name", name);
        t.put("role", role);
        t.put("sha256", sha256Hex(token));
    }

    /** The hex SHA-256 of a token's UTF-8 bytes, computed here independently of the code under test. */
    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the service's log and its request log to files (instead of the console). */
    public static void logToFiles(ObjectNode root, Path log, Path requestLog) {
        ObjectNode logging = root.withObjectProperty("logging");
        ObjectNode app = logging.putArray("appenders").addObject();
        app.put("type", "file");
        app.put("currentLogFilename", log.toString());
        app.put("archive", false);
        ObjectNode requests = root.withObjectProperty("server").withObjectProperty("requestLog").putArray("appenders")
                .addObject();
        requests.put("type", "file");
        requests.put("currentLogFilename", requestLog.toString());
        requests.put("archive", false);
    }
}
