package io.convro.adapter.http.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.devices.DeviceJson;
import io.convro.application.devices.TooManyDevicesException;
import io.convro.application.shared.RateLimitedException;
import io.convro.application.shared.ServiceUnavailableException;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.fanout.DeviceListMismatchException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a rejection becomes an HTTP answer, for every route and binding: status from {@link HttpStatuses}, body
 * {@link ErrorBody}. Unexpected exceptions are logged here and answered {@code 500 INTERNAL_ERROR}
 * without any detail. Every {@code 429} and every {@code 503} carries {@code Retry-After}: the delay the
 * rejection names, else a default.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    public static final String RETRY_AFTER = "Retry-After";
    /** The contract asks for a Retry-After; a plain DomainException carries no delay, so a client waits this long. */
    private static final String DEFAULT_RETRY_AFTER_SECONDS = "1";
    /**
     * A {@code 503} without a delay of its own (the database is unreachable, the node is stopping): a little longer,
     * since an outage rarely ends within the second and each early retry is more load on a struggling node.
     */
    public static final String DEFAULT_UNAVAILABLE_RETRY_AFTER_SECONDS = "2";

    private final ObjectMapper mapper;

    public ErrorMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The {@code Retry-After} of a rejection: the delay it carries, else the default of its code; {@code null} for a
     * code that is neither {@code RATE_LIMITED} nor {@code SERVICE_UNAVAILABLE}.
     */
    static String retryAfter(Throwable rejection) {
        if (rejection instanceof RateLimitedException limited) {
            return Long.toString(retryAfterSeconds(limited.retryAfter()));
        }
        if (rejection instanceof ServiceUnavailableException unavailable) {
            return Long.toString(retryAfterSeconds(unavailable.retryAfter()));
        }
        if (rejection instanceof DomainException domain) {
            return switch (domain.code()) {
                case RATE_LIMITED -> DEFAULT_RETRY_AFTER_SECONDS;
                case SERVICE_UNAVAILABLE -> DEFAULT_UNAVAILABLE_RETRY_AFTER_SECONDS;
                default -> null;
            };
        }
        return null;
    }

    /** {@code Retry-After} counts whole seconds: round up (retrying early would fail again), at least 1. */
    static long retryAfterSeconds(Duration wait) {
        long millis = Math.max(0, wait.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }

    /**
     * The answers of routing itself, by the status a router gave (no route, wrong method, …), in the API's error
     * shape.
     */
    public ApiAnswer forRouting(int status, String method, String path) {
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.INVALID_JSON;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> ErrorCode.INTERNAL_ERROR;
        };
        String message = switch (code) {
            case NOT_FOUND -> "no route " + method + " " + path;
            case METHOD_NOT_ALLOWED -> "method " + method + " is not allowed on " + path;
            case PAYLOAD_TOO_LARGE -> "request body too large";
            default -> "request failed";
        };
        return ApiAnswer.json(HttpStatuses.of(code), body(code, message, null, null),
                code == ErrorCode.SERVICE_UNAVAILABLE ? DEFAULT_UNAVAILABLE_RETRY_AFTER_SECONDS : null);
    }

    /**
     * An answer Jetty gives itself, by its status: {@code 400 BAD_REQUEST} for a request that is not valid HTTP (a
     * documented addition: the contract has no code for it), {@code 408 REQUEST_TIMEOUT} for a body too slow (also an
     * addition), the contract's code where it has one, and {@code 413 PAYLOAD_TOO_LARGE} for a URI or headers too long.
     */
    public ApiAnswer forStatus(int status) {
        return switch (status) {
            case 404 -> errorAnswer(404, ErrorCode.NOT_FOUND.name(), "no such route", null);
            case 405 -> errorAnswer(405, ErrorCode.METHOD_NOT_ALLOWED.name(), "method not allowed", null);
            case 408 -> errorAnswer(408, REQUEST_TIMEOUT, "the request body did not arrive in time", null);
            case 413, 414, 431 -> errorAnswer(413, ErrorCode.PAYLOAD_TOO_LARGE.name(), "request too large", null);
            case 429 -> errorAnswer(429, ErrorCode.RATE_LIMITED.name(), "too many requests", DEFAULT_RETRY_AFTER_SECONDS);
            case 503 -> errorAnswer(503, ErrorCode.SERVICE_UNAVAILABLE.name(), "the service is temporarily unavailable",
                    DEFAULT_UNAVAILABLE_RETRY_AFTER_SECONDS);
            // 505: Jetty's answer to an HTTP version it does not speak (HTTP/9.9), the client's error as for the port
            default -> status >= 400 && status < 500 || status == 505
                    ? errorAnswer(400, BAD_REQUEST, "malformed HTTP request", null)
                    : errorAnswer(500, ErrorCode.INTERNAL_ERROR.name(), "internal error", null);
        };
    }

    /** The code of a request that is not valid HTTP (the public port answers it too, through the chain's refusal). */
    public static final String BAD_REQUEST = "BAD_REQUEST";
    /** The code of a request whose body did not arrive in time. */
    public static final String REQUEST_TIMEOUT = "REQUEST_TIMEOUT";

    private ApiAnswer errorAnswer(int status, String code, String message, String retryAfter) {
        return ApiAnswer.json(status, body(new ErrorBody(code, message, null, null)), retryAfter);
    }

    /**
     * {@code failure} as the answer to {@code method path} (both for the log): a rejection by its code, with the
     * devices of {@code TOO_MANY_DEVICES}, the device lists of {@code DEVICE_LIST_MISMATCH} and the
     * {@code Retry-After} of a {@code 429} or {@code 503}; anything else logged and answered {@code 500} without
     * detail.
     */
    public ApiAnswer answer(String method, String path, Throwable failure) {
        if (failure instanceof DomainException rejection) {
            if (rejection.code() == ErrorCode.INTERNAL_ERROR || rejection.code() == ErrorCode.FAILED_TO_ALLOCATE_CONVRO_NUMBER) {
                LOG.error("{} {} answered {}: {}", method, path, rejection.code(), rejection.getMessage());
            }
            ErrorBody body;
            if (rejection instanceof DeviceListMismatchException mismatch) {
                body = new ErrorBody(rejection.code().name(), rejection.getMessage(), rejection.field(), null,
                        mismatch.missingDevices().stream().map(DeviceId::value).toList(),
                        mismatch.extraDevices().stream().map(DeviceId::value).toList());
            } else {
                List<DeviceJson> devices = rejection instanceof TooManyDevicesException tooMany
                        ? tooMany.devices().stream().map(DeviceJson::of).toList() : null;
                body = new ErrorBody(rejection.code().name(), rejection.getMessage(), rejection.field(), devices);
            }
            return ApiAnswer.json(HttpStatuses.of(rejection.code()), body(body), retryAfter(rejection));
        }
        LOG.error("{} {} failed", method, path, failure);
        return ApiAnswer.json(HttpStatuses.of(ErrorCode.INTERNAL_ERROR), body(ErrorCode.INTERNAL_ERROR, "internal error", null, null));
    }

    private byte[] body(ErrorCode code, String message, String field, List<DeviceJson> devices) {
        return body(new ErrorBody(code.name(), message, field, devices));
    }

    private byte[] body(ErrorBody error) {
        try {
            return mapper.writeValueAsBytes(error);
        } catch (JsonProcessingException impossible) {
            return "{\"error\":\"INTERNAL_ERROR\",\"message\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
