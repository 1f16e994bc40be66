package io.convro.bootstrap.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/deploy/compose.yaml is valid YAML with the services the deployment needs, and agrees with the files it names:
 * the nginx configuration it mounts (whose upstream addresses the nodes must have), the settings table beside it and
 * the README's configuration table. (No compose tool runs here; this is what can be checked without one.)
 */
class DeploymentFilesTest {
    private static final Path DOCS = Path.of("..", "docs");
    private static final Path COMPOSE = DOCS.resolve("deploy/compose.yaml");
    private static final List<String> NODES = List.of("convro-1", "convro-2");

    private final JsonNode compose = yaml(COMPOSE);

    @Test
    void theComposeFileHasMariaDbRedisTwoNodesAndNginx() {
        assertThat(names(compose.path("services"))).containsExactlyInAnyOrder("mariadb", "redis", "convro-1", "convro-2", "nginx");
        for (String node : NODES) {
            JsonNode service = compose.path("services").path(node);
            assertThat(service.path("image").asText()).startsWith("convro-server:");
            assertThat(service.path("depends_on").path("mariadb").path("condition").asText()).isEqualTo("service_healthy");
            assertThat(service.path("environment").path("CONVRO_DB_URL").asText()).startsWith("jdbc:mysql://mariadb:3306/");
            assertThat(service.path("environment").path("CONVRO_REDIS_URL").asText()).isEqualTo("redis://redis:6379");
            assertThat(service.path("stop_grace_period").asText()).isEqualTo("10s");
        }
    }

    @Test
    void nginxRunsTheProjectsOwnConfigurationAndTheNodesHaveTheAddressesItNames() throws IOException {
        JsonNode nginx = compose.path("services").path("nginx");
        String mount = nginx.path("volumes").path(0).asText();
        Path conf = COMPOSE.getParent().resolve(mount.substring(0, mount.indexOf(':'))).normalize();
        assertThat(conf).isEqualTo(DOCS.resolve("nginx/convro-two-port.conf").normalize()).isRegularFile();

        String text = Files.readString(conf);
        List<String> upstreams = new ArrayList<>();
        Matcher server = Pattern.compile("(?m)^\\s*server\\s+([0-9.]+):([0-9]+);").matcher(text);
        while (server.find()) {
            upstreams.add(server.group(1) + ":" + server.group(2));
        }
        for (String node : NODES) {
            JsonNode service = compose.path("services").path(node);
            String address = service.path("networks").path("convro").path("ipv4_address").asText();
            assertThat(upstreams).contains(address + ":" + service.path("environment").path("CONVRO_HTTP_PORT").asText(),
                    address + ":" + service.path("environment").path("CONVRO_SOCKETIO_PORT").asText());
        }
        assertThat(upstreams).hasSize(2 * NODES.size());
    }

    @Test
    void everySettingOfTheComposeFileIsInBothSettingsTables() throws IOException {
        String deployTable = Files.readString(DOCS.resolve("deploy/README.md"));
        String readme = Files.readString(Path.of("..", "README.md"));
        JsonNode settings = compose.path("services").path("convro-1").path("environment");
        assertThat(names(settings)).isNotEmpty().allSatisfy(variable -> {
            assertThat(deployTable).contains("| `" + variable + "` |");
            assertThat(readme).contains("`" + variable + "`");
        });
        assertThat(settings).isEqualTo(compose.path("services").path("convro-2").path("environment"));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            names.add(fields.next().getKey());
        }
        return names;
    }

    /**
     * SnakeYAML resolves anchors and merge keys ({@code <<: *node}) as compose does. It is on the class path already:
     * Redisson reads its configuration with Jackson's YAML module, at run time too (so it is not declared here as a
     * test dependency, which would take it out of the server jar).
     */
    private static JsonNode yaml(Path file) {
        try {
            Object document = new Yaml().load(Files.readString(file));
            return new ObjectMapper().valueToTree(document);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + " is not valid YAML", e);
        }
    }
}
