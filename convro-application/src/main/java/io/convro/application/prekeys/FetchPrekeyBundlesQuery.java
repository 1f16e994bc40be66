package io.convro.application.prekeys;

import io.convro.application.shared.Caller;
import io.convro.domain.user.UserId;

/** Fetch a bundle of every active device of {@code userId} that has uploaded prekeys. */
public record FetchPrekeyBundlesQuery(Caller caller, UserId userId) {
}
