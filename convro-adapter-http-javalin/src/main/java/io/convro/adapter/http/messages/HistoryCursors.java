package io.convro.adapter.http.messages;

import io.convro.adapter.http.chain.ApiRequest;
import io.convro.adapter.http.web.QueryParams;
import io.convro.application.messages.HistoryCursor;
import io.convro.domain.message.MessageId;
import java.util.Optional;

/** Where a history page starts, read from the query as §6 history and §10 group history both take it. */
public final class HistoryCursors {
    private HistoryCursors() {
    }

    /**
     * {@code beforeId} positive, {@code afterId} 0 or more, at most one of them; neither: the newest page.
     * {@code afterId=0} is "from the first message" (ids start at 1); {@code beforeId=0} would be before everything:
     * refused.
     */
    public static HistoryCursor of(ApiRequest request) {
        Optional<Long> before = QueryParams.optional(request, "beforeId", QueryParams::positiveLong);
        Optional<Long> after = QueryParams.optional(request, "afterId", QueryParams::nonNegativeLong);
        if (before.isPresent() && after.isPresent()) {
            throw QueryParams.invalid("afterId", "give at most one of beforeId or afterId");
        }
        return before.<HistoryCursor>map(id -> new HistoryCursor.Before(MessageId.of(id)))
                .or(() -> after.map(id -> id == 0 ? new HistoryCursor.First() : new HistoryCursor.After(MessageId.of(id))))
                .orElseGet(HistoryCursor.Latest::new);
    }
}
