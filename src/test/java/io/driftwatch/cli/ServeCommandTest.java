package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EditedConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    @Test
    void refusesToStartWithoutTokensOnAllInterfacesInOneLine(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, EditedConfig.of(root -> {
            ((ObjectNode) root.get("server").get("applicationConnectors").get(0)).remove("bindHost");
            root.put("reportsDirectory", dir.resolve("reports").toString());
            root.put("dataDirectory", dir.resolve("data").toString());
        }).text(Path.of("config.yml")), StandardCharsets.UTF_8);

        CliRunner.Run run = CliRunner.run("server", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).startsWith("driftwatch server: auth: no tokens are configured, and the API"
                + " would listen on *:8080 (all interfaces), beyond this machine. Refusing to start an open service.")
                .contains("'java -jar driftwatch.jar token --name NAME --role write'").doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void saysInOneLineThatPostgresqlCannotBeReachedAndExitsTwo(@TempDir Path dir) throws Exception {
        int port = DbMigrateCommandTest.closedPort();
        Path config = dir.resolve("config.yml");
        Files.writeString(config, EditedConfig.of(root -> {
            ((ObjectNode) root.get("server").get("applicationConnectors").get(0)).put("port", 0);
            ((ObjectNode) root.get("server").get("adminConnectors").get(0)).put("port", 0);
            root.put("reportsDirectory", dir.resolve("reports").toString());
            root.put("dataDirectory", dir.resolve("data").toString());
            ObjectNode database = root.withObjectProperty("database");
            database.put("driverClass", "org.postgresql.Driver");
            database.put("url", "jdbc:postgresql://127.0.0.1:" + port + "/driftwatch");
        }).text(Path.of("config.yml")), StandardCharsets.UTF_8);

        CliRunner.Run run = CliRunner.run("server", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("! at ")
                .doesNotContain("ERROR");
        assertThat(run.stderr()).isEqualTo("driftwatch server: cannot connect to the database"
                + " jdbc:postgresql://127.0.0.1:" + port + "/driftwatch (PostgreSQL at 127.0.0.1:" + port
                + "): connection refused. Check that PostgreSQL is running there and reachable from here, and that"
                + " database.url in the configuration file is right" + System.lineSeparator());
    }

    @Test
    void namesAnUnsetEnvironmentVariableInOneLine(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, Files.readString(Path.of("config.yml"))
                .replace("password: \"\"", "password: ${DRIFTWATCH_TEST_SURELY_UNSET_PASSWORD}"), StandardCharsets.UTF_8);

        CliRunner.Run run = CliRunner.run("server", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).startsWith("driftwatch server: " + config + ": ")
                .contains("DRIFTWATCH_TEST_SURELY_UNSET_PASSWORD").contains("Set it in the environment")
                .doesNotContain("\n").doesNotContain("Exception");
    }
}
