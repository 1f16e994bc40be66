package io.convro.application.messages;

import io.convro.application.shared.Caller;
import io.convro.domain.fanout.FanoutRecipients;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;
import io.convro.domain.user.UserId;
import java.util.List;

/**
 * Send one message to every device of {@code recipientUserId} (and, when asked, to the caller's other devices), one
 * entry per device. {@code clientMessageId} and {@code clientTimestamp} may be null. Built only from entries whose
 * fields are valid; then the recipients are checked in the contract's order ({@code NO_RECIPIENTS},
 * {@code TOO_MANY_RECIPIENTS}, {@code DUPLICATE_RECIPIENT}).
 */
public record SendFanoutCommand(Caller caller, UserId recipientUserId, ClientMessageId clientMessageId,
                                ClientTimestamp clientTimestamp, boolean includeOwnDevices, List<FanoutEntry> entries) {
    public SendFanoutCommand {
        entries = entries == null ? List.of() : List.copyOf(entries);
        FanoutRecipients.of(entries.stream().map(FanoutEntry::recipientDeviceId).toList());
    }

    public FanoutRecipients recipients() {
        return FanoutRecipients.of(entries.stream().map(FanoutEntry::recipientDeviceId).toList());
    }
}
