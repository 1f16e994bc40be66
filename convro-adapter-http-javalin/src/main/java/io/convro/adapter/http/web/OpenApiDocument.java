package io.convro.adapter.http.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The API's OpenAPI 3.1 document, kept as a resource next to this class ({@code openapi.json}). Tests
 * hold it to the registered routes and validate real responses against its schemas.
 */
public final class OpenApiDocument {
    private static final String RESOURCE = "openapi.json";
    private final String json;
    private final JsonNode tree;

    private OpenApiDocument(String json, JsonNode tree) {
        this.json = json;
        this.tree = tree;
    }

    public static OpenApiDocument load(ObjectMapper mapper) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new OpenApiDocument(json, mapper.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String json() {
        return json;
    }

    public JsonNode tree() {
        return tree;
    }
}
