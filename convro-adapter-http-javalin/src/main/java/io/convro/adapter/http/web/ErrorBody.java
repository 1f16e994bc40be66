package io.convro.adapter.http.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.convro.adapter.http.devices.DeviceJson;
import java.util.List;

/**
 * Every error the API answers: {@code {"error","message"[,"field"][,"devices"]}}. {@code field} names the
 * offending request field of a validation error; {@code devices} comes only with {@code TOO_MANY_DEVICES};
 * {@code missingDevices} and {@code extraDevices} (device ids) only with {@code DEVICE_LIST_MISMATCH}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, String field, List<DeviceJson> devices, List<String> missingDevices,
                        List<String> extraDevices) {
    public ErrorBody(String error, String message, String field, List<DeviceJson> devices) {
        this(error, message, field, devices, null, null);
    }
}
