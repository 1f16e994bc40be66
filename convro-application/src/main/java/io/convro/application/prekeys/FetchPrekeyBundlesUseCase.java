package io.convro.application.prekeys;

import java.util.List;

/**
 * {@code GET /v1/prekeys/bundles?user_id=…}: one bundle per active device with prekeys, oldest device first (the
 * caller's own device left out), each consuming one one-time prekey; {@code USER_NOT_FOUND} for an unknown user.
 */
public interface FetchPrekeyBundlesUseCase {
    List<PrekeyBundle> fetchAll(FetchPrekeyBundlesQuery query);
}
