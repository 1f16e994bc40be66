package io.convro.application.prekeys;

/**
 * In-port: a prekey bundle, consuming one one-time prekey atomically. Rejections: {@code USER_NOT_FOUND},
 * {@code DEVICE_NOT_FOUND} (not an active device of that user), {@code PREKEYS_NOT_FOUND}. When fewer than
 * 10 are left, the device gets {@code prekeys:low}.
 */
public interface FetchPrekeyBundleUseCase {
    PrekeyBundle fetch(FetchPrekeyBundleQuery query);
}
