package io.convro.adapter.http.web;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.adapter.http.chain.ApiRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Query parameters parsed by the domain's own parsers; anything malformed (including a parameter given
 * twice) is {@code 400 INVALID_QUERY} naming the parameter, whatever code the parser used.
 */
public final class QueryParams {
    private QueryParams() {
    }

    /** The single raw value of {@code name}, or empty when absent. */
    public static Optional<String> single(ApiRequest request, String name) {
        List<String> values = request.queryParams(name);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw invalid(name, name + " must be given at most once");
        }
        return Optional.of(values.get(0));
    }

    public static <T> Optional<T> optional(ApiRequest request, String name, Function<String, T> parser) {
        return single(request, name).map(text -> parse(name, text, parser));
    }

    public static <T> T required(ApiRequest request, String name, Function<String, T> parser) {
        return optional(request, name, parser).orElseThrow(() -> invalid(name, name + " is required"));
    }

    public static <T> T parse(String name, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (DomainException rejection) {
            throw invalid(name, name + ": " + rejection.getMessage());
        } catch (RuntimeException malformed) {
            throw invalid(name, name + " is malformed");
        }
    }

    /** A positive decimal 64-bit integer. */
    public static long positiveLong(String text) {
        long value = Long.parseLong(text);
        if (value <= 0) {
            throw new IllegalArgumentException("not positive");
        }
        return value;
    }

    public static long nonNegativeLong(String text) {
        long value = Long.parseLong(text);
        if (value < 0) {
            throw new IllegalArgumentException("negative");
        }
        return value;
    }

    public static DomainException invalid(String name, String message) {
        return new DomainException(ErrorCode.INVALID_QUERY, message, name);
    }
}
