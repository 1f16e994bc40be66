package io.convro.application.messages;

import io.convro.domain.message.DmMessage;
import java.util.List;

/** Messages of one page, and whether more lie beyond it in the same direction. */
public record HistoryPage(List<DmMessage> messages, boolean hasMore) {
}
