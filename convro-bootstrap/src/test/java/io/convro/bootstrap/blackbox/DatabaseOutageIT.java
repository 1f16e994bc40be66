package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.bootstrap.ConvroConfig;
import io.convro.bootstrap.ConvroServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code 503 SERVICE_UNAVAILABLE} when the database goes away. The shared MariaDB must never be stopped, so this
 * test initialises and starts a private {@code mariadbd} (own data folder, own port, no other clients), points a
 * server at it, and kills it. Skipped where {@code mariadbd} is not installed, unless {@code CI=true}.
 */
class DatabaseOutageIT {
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    @TempDir
    Path work;
    private Process mariadb;
    private ConvroServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (mariadb != null && mariadb.isAlive()) {
            mariadb.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDeadDatabaseAnswers503AndADegradedHealth() throws Exception {
        boolean installed = Files.isExecutable(MARIADBD) && Files.isExecutable(INSTALL_DB);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI needs mariadbd and mariadb-install-db for the outage test");
        }
        Assumptions.assumeTrue(installed, "mariadbd is not installed: outage test skipped");
        Path data = work.resolve("mariadb");
        Process install = new ProcessBuilder(INSTALL_DB.toString(), "--no-defaults", "--datadir=" + data, "--user=root",
                "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(work.resolve("install.log").toFile()).start();
        assertThat(install.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(install.exitValue()).as("see install.log").isZero();
        int port = freePort();
        mariadb = new ProcessBuilder(MARIADBD.toString(), "--no-defaults", "--datadir=" + data, "--user=root",
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + work.resolve("mysqld.sock"),
                "--pid-file=" + work.resolve("mysqld.pid"), "--skip-log-bin", "--innodb-buffer-pool-size=16M")
                .redirectErrorStream(true).redirectOutput(work.resolve("mariadbd.log").toFile()).start();
        String serverUrl = "jdbc:mysql://127.0.0.1:" + port + "/?user=root&password=";
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (Connection connection = DriverManager.getConnection(serverUrl); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE IF NOT EXISTS convro CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                return true;
            }
        });
        server = new ConvroServer(ConvroConfig.from(Map.of("CONVRO_HTTP_PORT", "0", "CONVRO_HTTP_HOST", "127.0.0.1",
                "CONVRO_DB_URL", "jdbc:mysql://127.0.0.1:" + port + "/convro?user=root&password=",
                "CONVRO_JWT_SECRET", ClientKeys.hex(64)))).start();
        BlackBoxHttp http = new BlackBoxHttp(server.port(), code -> { });
        String token = http.post(null, "/v1/auth/register", "{\"password\":\"correct horse battery\"}").expect(201)
                .path("accessToken").asText();
        assertThat(http.get(token, "/v1/auth/me").status()).isEqualTo(200);

        mariadb.destroyForcibly();
        assertThat(mariadb.waitFor(30, TimeUnit.SECONDS)).isTrue();

        BlackBoxHttp.Response health = http.get(null, "/health");
        JsonNode degraded = health.expect(503);
        assertThat(degraded.path("status").asText()).isEqualTo("degraded");
        assertThat(degraded.path("db").asText()).isEqualTo("down");
        // what needs the store answers 503 (GET /me may still be answered for a second from the node's memory)
        http.get(token, "/v1/auth/devices").expectError(503, "SERVICE_UNAVAILABLE");
        http.post(null, "/v1/auth/login", "{\"password\":\"correct horse battery\",\"username\":\"nobody\"}")
                .expectError(503, "SERVICE_UNAVAILABLE");
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
