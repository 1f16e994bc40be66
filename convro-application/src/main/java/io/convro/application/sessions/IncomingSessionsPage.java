package io.convro.application.sessions;

import java.util.List;

/** Sessions of one page, oldest first, and whether more wait after the last of them. */
public record IncomingSessionsPage(List<IncomingSession> sessions, boolean hasMore) {
}
