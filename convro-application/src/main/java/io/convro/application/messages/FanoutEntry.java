package io.convro.application.messages;

import io.convro.domain.device.DeviceId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.session.SessionId;

/** One copy of a fan-out: the ciphertext for one recipient device, in the pairwise session with it. */
public record FanoutEntry(SessionId sessionId, DeviceId recipientDeviceId, Ciphertext ciphertext, AuthTag authTag) {
}
