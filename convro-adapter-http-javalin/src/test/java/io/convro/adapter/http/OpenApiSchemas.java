package io.convro.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.convro.adapter.http.web.OpenApiDocument;
import io.convro.adapter.http.web.Json;
import java.util.Set;

/**
 * Holds real responses to the OpenAPI document: the documented response of that route and status must
 * exist, and the body must validate against its schema (JSON Schema 2020-12). Public, and shipped in this
 * module's test-jar, because the bootstrap's black-box tests hold the assembled server to the same document.
 */
public final class OpenApiSchemas {
    public static final OpenApiDocument DOCUMENT = OpenApiDocument.load(Json.strictMapper());
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private OpenApiSchemas() {
    }

    /** Assert {@code response} is what the document promises for {@code pathTemplate}. */
    static void assertDocumented(String pathTemplate, TestServer.Response response) {
        assertDocumented(pathTemplate, response.method(), response.status(), response.contentType(), response.body(),
                response.isJson() ? response.json() : null);
    }

    /**
     * Assert a response ({@code json} is its parsed body, {@code null} when it is not JSON) is what the
     * document promises for {@code method} on {@code pathTemplate} (e.g. {@code /v1/auth/devices/{deviceId}}).
     */
    public static void assertDocumented(String pathTemplate, String method, int status, String contentType, String body,
                                        JsonNode json) {
        JsonNode operation = DOCUMENT.tree().path("paths").path(pathTemplate).path(method.toLowerCase());
        assertThat(operation.isMissingNode()).as("documented: %s %s", method, pathTemplate).isFalse();
        JsonNode documented = operation.path("responses").path(Integer.toString(status));
        assertThat(documented.isMissingNode())
                .as("status %d of %s %s is documented", status, method, pathTemplate).isFalse();
        JsonNode schemaNode = documented.path("content").path("application/json").path("schema");
        assertThat(contentType).as("JSON content type").startsWith("application/json");
        assertThat(json).as("a JSON body: %s", body).isNotNull();
        Set<ValidationMessage> problems = schema(schemaNode).validate(json);
        assertThat(problems).as("%s %s %d body %s", method, pathTemplate, status, body).isEmpty();
        JsonNode codes = documented.path("x-error-codes");
        if (codes.isArray()) {
            assertThat(codes.toString()).as("error code documented for this status")
                    .contains("\"" + json.path("error").asText() + "\"");
        }
    }

    /** Assert {@code json} validates against {@code #/components/schemas/<name>} (for answers no route documents). */
    public static void assertMatchesComponent(String name, JsonNode json) {
        JsonNode ref = Json.strictMapper().createObjectNode().put("$ref", "#/components/schemas/" + name);
        assertThat(DOCUMENT.tree().path("components").path("schemas").path(name).isMissingNode()).as("component %s", name).isFalse();
        assertThat(schema(ref).validate(json)).as("%s against %s", json, name).isEmpty();
    }

    static JsonSchema schema(JsonNode schemaNode) {
        ObjectNode root = schemaNode.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", DOCUMENT.tree().path("components"));
        return FACTORY.getSchema(root);
    }
}
