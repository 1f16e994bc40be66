package io.convro.adapter.http;

/**
 * Asks whether the database answers. May block; the HTTP adapter waits at most one second for it
 * and reports the database down otherwise.
 */
@FunctionalInterface
public interface HealthProbe {
    boolean databaseUp();
}
