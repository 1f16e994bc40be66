package io.convro.adapter.http.devices;

import io.convro.adapter.http.HttpUseCases;
import io.convro.adapter.http.web.Access;
import io.convro.adapter.http.web.Callers;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.devices.RegisteredDevice;
import io.convro.domain.DomainException;
import io.convro.domain.device.DeviceId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code /v1/auth/devices…} (API.md §2): add/update, list and remove the caller's devices. */
public final class DeviceRoutes {
    private final HttpUseCases useCases;
    private final RequestBodies bodies;

    public DeviceRoutes(HttpUseCases useCases, RequestBodies bodies) {
        this.useCases = useCases;
        this.bodies = bodies;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/auth/devices/register", this::registerDevice, Access.BEARER);
        routes.get("/v1/auth/devices", this::listDevices, Access.BEARER);
        routes.delete("/v1/auth/devices/{deviceId}", this::removeDevice, Access.BEARER);
    }

    private void registerDevice(Context ctx) {
        RegisterDeviceRequest request = bodies.read(ctx, RegisterDeviceRequest.class);
        RegisteredDevice result = useCases.registerDevice().registerDevice(request.toCommand(Callers.of(ctx)));
        ctx.status(result.created() ? 201 : 200).json(DevicesJson.Registered.of(result.device()));
    }

    private void listDevices(Context ctx) {
        ctx.json(new DevicesJson.DeviceList(useCases.listDevices().listDevices(Callers.of(ctx)).stream()
                .map(DeviceJson::of).toList()));
    }

    private void removeDevice(Context ctx) {
        // a malformed id is 400 INVALID_DEVICE_ID (the domain's answer), not 404: it cannot name any device
        DeviceId deviceId;
        try {
            deviceId = DeviceId.parse(ctx.pathParam("deviceId"));
        } catch (DomainException malformed) {
            throw malformed.forField("deviceId");
        }
        useCases.removeDevice().removeDevice(Callers.of(ctx), deviceId);
        ctx.json(new DevicesJson.Removed(true));
    }
}
