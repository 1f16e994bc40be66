package io.convro.adapter.http.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convro.adapter.http.chain.ApiRequest;
import io.convro.adapter.http.validation.RequestValidator;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Reads request bodies (whole, within {@link BodyLimit}: {@link ApiRequest#body()}), parsed with the strict mapper,
 * validated field by field against the domain. Jackson's own messages are never passed on (they can quote
 * the request, which may hold a token).
 */
public final class RequestBodies {
    private final ObjectMapper mapper;
    private final RequestValidator validator;

    public RequestBodies(ObjectMapper mapper, RequestValidator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** Parse and validate a required JSON object body into {@code type}. */
    public <T extends Record> T read(ApiRequest request, Class<T> type) {
        return read(request.body(), type);
    }

    /**
     * Like {@link #read}, and also the exact text the client sent for the top-level object field {@code field}
     * ({@code null} when absent or not an object): the handshake offer is stored and relayed byte for byte.
     */
    public <T extends Record> Verbatim<T> readKeeping(ApiRequest request, Class<T> type, String field) {
        byte[] body = request.body();
        T read = read(body, type);
        return new Verbatim<>(read, rawObjectField(utf8(body), field));
    }

    /** A validated request and the verbatim text of one of its fields. */
    public record Verbatim<T>(T request, String rawField) {
    }

    /** {@link #read(ApiRequest, Class)} for a body read already (whole, and within its limit). */
    public <T extends Record> T read(byte[] body, Class<T> type) {
        if (isBlank(body)) {
            throw new DomainException(ErrorCode.INVALID_JSON, "a JSON request body is required");
        }
        T request = parse(utf8(body), type);
        if (request == null) {
            throw new DomainException(ErrorCode.INVALID_JSON, "the request body must be a JSON object");
        }
        return validator.validate(request);
    }

    /** The body as a JSON tree, or empty when there is no body at all (or only whitespace). */
    public Optional<JsonNode> readOptionalTree(ApiRequest request) {
        byte[] body = request.body();
        if (isBlank(body)) {
            return Optional.empty();
        }
        return Optional.of(parse(utf8(body), JsonNode.class));
    }

    /** Validate a request record built from a tree (see {@link #readOptionalTree}). */
    public <T extends Record> T convert(JsonNode tree, Class<T> type) {
        try {
            return validator.validate(mapper.treeToValue(tree, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalidJson(e);
        }
    }

    /**
     * A JSON object kept verbatim (the handshake offer): its fields as plain Java values and its compact
     * serialization. Absent or JSON null gives {@code null}; any other non-object is the wrong JSON type.
     */
    public VerbatimObject verbatim(JsonNode node, String field, String rawText) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isObject()) {
            throw new DomainException(ErrorCode.INVALID_JSON, field + " has the wrong JSON type", field);
        }
        try {
            Map<String, Object> fields = mapper.convertValue(node, new TypeReference<Map<String, Object>>() { });
            return new VerbatimObject(fields, rawText != null ? rawText : mapper.writeValueAsString(node));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalidJson(e);
        }
    }

    /** The source text of the top-level field {@code field} if it holds a JSON object (the body parsed already). */
    private String rawObjectField(String body, String field) {
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name) && value == JsonToken.START_OBJECT) {
                    int start = (int) parser.currentTokenLocation().getCharOffset();
                    parser.skipChildren();
                    int end = (int) parser.currentLocation().getCharOffset();
                    return body.substring(start, end);
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw invalidJson(e);
        }
    }

    /** See {@link #verbatim}. */
    public record VerbatimObject(Map<String, Object> fields, String json) {
    }

    /**
     * The body as UTF-8 text, strictly: the contract's only encoding. Jackson, given bytes, would detect UTF-16 or
     * UTF-32 by their zero bytes and read them; decoded as UTF-8 they hold NUL characters, which JSON refuses.
     */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new DomainException(ErrorCode.INVALID_JSON, "the request body is not UTF-8");
        }
    }

    private <T> T parse(String body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw invalidJson(e);
        }
    }

    private static DomainException invalidJson(Exception e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldOf(mapping);
            return new DomainException(ErrorCode.INVALID_JSON, field + " has the wrong JSON type", field);
        }
        return new DomainException(ErrorCode.INVALID_JSON, "the request body is not valid JSON");
    }

    private static String fieldOf(JsonMappingException mapping) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
