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
 * exist, and the body must validate against its schema (JSON Schema 2020-12).
 */
final class OpenApiSchemas {
    static final OpenApiDocument DOCUMENT = OpenApiDocument.load(Json.strictMapper());
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private OpenApiSchemas() {
    }

    /** Assert {@code response} is what the document promises for {@code pathTemplate}. */
    static void assertDocumented(String pathTemplate, TestServer.Response response) {
        JsonNode operation = DOCUMENT.tree().path("paths").path(pathTemplate).path(response.method().toLowerCase());
        assertThat(operation.isMissingNode()).as("documented: %s %s", response.method(), pathTemplate).isFalse();
        JsonNode documented = operation.path("responses").path(Integer.toString(response.status()));
        assertThat(documented.isMissingNode())
                .as("status %d of %s %s is documented", response.status(), response.method(), pathTemplate).isFalse();
        JsonNode schemaNode = documented.path("content").path("application/json").path("schema");
        assertThat(response.isJson()).as("JSON content type, got %s", response.contentType()).isTrue();
        Set<ValidationMessage> problems = schema(schemaNode).validate(response.json());
        assertThat(problems).as("%s %s %d body %s", response.method(), pathTemplate, response.status(), response.body()).isEmpty();
        JsonNode codes = documented.path("x-error-codes");
        if (codes.isArray()) {
            assertThat(codes.toString()).as("error code documented for this status").contains("\"" + response.error() + "\"");
        }
    }

    static JsonSchema schema(JsonNode schemaNode) {
        ObjectNode root = schemaNode.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", DOCUMENT.tree().path("components"));
        return FACTORY.getSchema(root);
    }
}
