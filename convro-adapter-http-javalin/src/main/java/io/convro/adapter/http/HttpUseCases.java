package io.convro.adapter.http;

import io.convro.application.ConvroUseCases;
import java.util.Objects;

/**
 * What the REST API calls: the application's use cases as they are ({@link ConvroUseCases}: a new one needs no
 * wiring here), and those of groups and channels, which the application does not hold yet.
 */
public record HttpUseCases(ConvroUseCases application, HttpGroupUseCases groups) {
    public HttpUseCases {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(groups, "groups");
    }
}
