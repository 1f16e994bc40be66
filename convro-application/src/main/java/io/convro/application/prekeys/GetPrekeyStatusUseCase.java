package io.convro.application.prekeys;

import io.convro.application.shared.Caller;

/** In-port: how many one-time prekeys the caller's device has left, so it knows when to top up. */
public interface GetPrekeyStatusUseCase {
    PrekeyStatus status(Caller caller);
}
