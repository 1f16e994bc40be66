package io.convro.adapter.http.devices;

import io.convro.adapter.http.chain.Access;
import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.chain.ApiRequest;
import io.convro.adapter.http.chain.JsonAnswers;
import io.convro.adapter.http.chain.Route;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.ConvroUseCases;
import io.convro.application.devices.RegisteredDevice;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.device.DeviceId;
import java.util.List;

/** {@code /v1/auth/devices…} (API.md §2): add/update, list and remove the caller's devices. */
public final class DeviceRoutes {
    private final ConvroUseCases useCases;
    private final RequestBodies bodies;
    private final JsonAnswers json;

    public DeviceRoutes(ConvroUseCases useCases, RequestBodies bodies, JsonAnswers json) {
        this.useCases = useCases;
        this.bodies = bodies;
        this.json = json;
    }

    public List<Route> routes() {
        return List.of(
                Route.blocking("POST", "/v1/auth/devices/register", Access.BEARER, this::registerDevice),
                Route.blocking("GET", "/v1/auth/devices", Access.BEARER, this::listDevices),
                Route.blocking("DELETE", "/v1/auth/devices/{deviceId}", Access.BEARER, this::removeDevice));
    }

    private ApiAnswer registerDevice(ApiRequest request, Caller caller) {
        RegisterDeviceRequest body = bodies.read(request, RegisterDeviceRequest.class);
        RegisteredDevice result = useCases.registerDevice().registerDevice(body.toCommand(caller));
        return json.json(result.created() ? 201 : 200, DevicesJson.Registered.of(result.device()));
    }

    private ApiAnswer listDevices(ApiRequest request, Caller caller) {
        return json.ok(new DevicesJson.DeviceList(useCases.listDevices().listDevices(caller).stream()
                .map(DeviceJson::of).toList()));
    }

    private ApiAnswer removeDevice(ApiRequest request, Caller caller) {
        // a malformed id is 400 INVALID_DEVICE_ID (the domain's answer), not 404: it cannot name any device
        DeviceId deviceId;
        try {
            deviceId = DeviceId.parse(request.pathParam("deviceId"));
        } catch (DomainException malformed) {
            throw malformed.forField("deviceId");
        }
        useCases.removeDevice().removeDevice(caller, deviceId);
        return json.ok(new DevicesJson.Removed(true));
    }
}
