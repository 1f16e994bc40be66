package io.convro.adapter.http.messages;

import static io.convro.adapter.http.validation.WireValue.CLIENT_MESSAGE_ID;
import static io.convro.adapter.http.validation.WireValue.CLIENT_TIMESTAMP;

import io.convro.adapter.http.validation.DomainValue;
import io.convro.application.messages.FanoutEntry;
import io.convro.application.messages.SendFanoutCommand;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.fanout.FanoutRecipients;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;
import io.convro.domain.session.SessionId;
import io.convro.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Body of {@code POST /v1/dm/messages/fanout}. Checked in §9's order: the top-level fields' types and values, every
 * entry's fields (naming the lowest failing one as {@code messages[i].name}), the number and distinctness of the
 * recipients, and only then {@code recipientUserId} (an absent or non-positive one names no user: {@code USER_NOT_FOUND}).
 */
record FanoutRequest(Long recipientUserId, @DomainValue(CLIENT_MESSAGE_ID) String clientMessageId,
                     @DomainValue(CLIENT_TIMESTAMP) String clientTimestamp, Boolean includeOwnDevices, List<Entry> messages) {

    /** One entry of {@code messages}: a ciphertext for one recipient device, as {@code /send} takes it. */
    record Entry(String sessionId, String recipientDeviceId, String ciphertext, String authTag) {
        @Override
        public String toString() {
            return "Entry[sessionId=" + sessionId + ", recipientDeviceId=" + recipientDeviceId + "]";
        }
    }

    SendFanoutCommand toCommand(Caller caller) {
        List<Entry> given = messages == null ? List.of() : messages;
        List<FanoutEntry> entries = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            entries.add(entry(given.get(i), "messages[" + i + "]."));
        }
        FanoutRecipients.of(entries.stream().map(FanoutEntry::recipientDeviceId).toList());
        if (recipientUserId == null || recipientUserId <= 0) {
            throw new DomainException(ErrorCode.USER_NOT_FOUND, "recipientUserId must name a user", "recipientUserId");
        }
        return new SendFanoutCommand(caller, UserId.of(recipientUserId),
                clientMessageId == null ? null : ClientMessageId.parse(clientMessageId),
                clientTimestamp == null ? null : ClientTimestamp.parse(clientTimestamp),
                Boolean.TRUE.equals(includeOwnDevices), entries);
    }

    private static FanoutEntry entry(Entry entry, String prefix) {
        if (entry == null) {
            throw new DomainException(ErrorCode.INVALID_JSON, "an entry must be an object", prefix.substring(0, prefix.length() - 1));
        }
        SessionId sessionId = field(prefix + "sessionId", entry.sessionId(), SessionId::parse);
        DeviceId recipient = field(prefix + "recipientDeviceId", entry.recipientDeviceId(), text -> {
            try {
                return DeviceId.parse(text);
            } catch (DomainException malformed) {
                throw new DomainException(ErrorCode.INVALID_RECIPIENT, "recipientDeviceId must be exactly 16 hex characters");
            }
        });
        Ciphertext ciphertext = field(prefix + "ciphertext", entry.ciphertext(), Ciphertext::parseBase64);
        AuthTag authTag = field(prefix + "authTag", entry.authTag(), AuthTag::parseBase64);
        return new FanoutEntry(sessionId, recipient, ciphertext, authTag);
    }

    private static <T> T field(String name, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (DomainException rejected) {
            throw rejected.forField(name);
        }
    }

    @Override
    public String toString() {
        return "FanoutRequest[recipientUserId=" + recipientUserId + ", entries=" + (messages == null ? 0 : messages.size()) + "]";
    }
}
