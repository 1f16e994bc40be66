package io.convro.application.messages;

import io.convro.application.shared.Caller;
import io.convro.domain.device.DeviceId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;
import io.convro.domain.session.SessionId;

/** Send ciphertext to the other device of a session. {@code clientMessageId} and {@code clientTimestamp} may be null. */
public record SendMessageCommand(Caller caller, SessionId sessionId, DeviceId recipientDeviceId,
                                 ClientMessageId clientMessageId, ClientTimestamp clientTimestamp, Ciphertext ciphertext,
                                 AuthTag authTag) {
}
