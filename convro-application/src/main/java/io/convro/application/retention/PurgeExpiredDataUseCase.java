package io.convro.application.retention;

/** In-port: delete what the retention policy no longer keeps, as of now. */
public interface PurgeExpiredDataUseCase {
    Purged purge();
}
