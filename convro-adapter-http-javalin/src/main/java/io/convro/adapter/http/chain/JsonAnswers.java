package io.convro.adapter.http.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** Answers whose body is an object written as JSON with the adapter's one mapper. */
public final class JsonAnswers {
    private final ObjectMapper mapper;

    public JsonAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code 200} with {@code body} as JSON. */
    public ApiAnswer ok(Object body) {
        return json(200, body);
    }

    public ApiAnswer json(int status, Object body) {
        return ApiAnswer.json(status, bytes(body));
    }

    public byte[] bytes(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
