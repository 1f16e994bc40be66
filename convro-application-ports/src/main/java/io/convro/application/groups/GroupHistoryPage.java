package io.convro.application.groups;

import io.convro.domain.group.GroupMessage;
import java.util.List;

/** Group messages of one page, and whether more lie beyond it in the same direction. */
public record GroupHistoryPage(List<GroupMessage> messages, boolean hasMore) {
    public GroupHistoryPage {
        messages = List.copyOf(messages);
    }
}
