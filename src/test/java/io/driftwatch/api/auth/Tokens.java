package io.driftwatch.api.auth;

import io.driftwatch.TestDatabases;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** What the service tests in this package share: the shipped config's path, a folder, overrides, tokens. */
final class Services {
    static final String CONFIG = Path.of("config.yml").toAbsolutePath().toString();

    private Services() {
    }

    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("driftwatch-auth-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random ports, folders under {@code dir}, a fresh migrated database there, and {@code extra}. */
    static ConfigOverride[] overrides(Path dir, ConfigOverride... extra) {
        TestDatabases.TestDatabase db = TestDatabases.h2(dir);
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("reportsDirectory", dir.resolve("reports").toString()),
                ConfigOverride.config("dataDirectory", dir.resolve("data").toString())));
        all.addAll(Arrays.asList(db.overrides()));
        all.addAll(Arrays.asList(extra));
        return all.toArray(new ConfigOverride[0]);
    }

    /** A token as {@code driftwatch token} makes them (random, prefixed), for a test. */
    static String newToken() {
        return "dw_" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }
}
