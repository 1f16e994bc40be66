package io.convro.application.messages;

import io.convro.application.prekeys.DevicesWithPrekeys;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.sessions.Sessions;
import io.convro.application.shared.Caller;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.shared.UsageLimits;
import io.convro.application.users.Users;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.fanout.FanoutAudience;
import io.convro.domain.message.DmMessage;
import io.convro.domain.session.DmSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores a fan-out in one transaction — every copy in one multi-row statement where the database allows — and wakes
 * each recipient device after the commit. Checks in the contract's order, first failure wins: the entries (built into
 * the command), {@code USER_NOT_FOUND}, {@code PREKEYS_NOT_FOUND}, {@code DEVICE_LIST_MISMATCH}, then each entry's
 * session ({@code SESSION_NOT_FOUND}, {@code INVALID_RECIPIENT}, {@code SESSION_NOT_ACTIVE}, naming the entry).
 * Idempotent per (sender device, clientMessageId): a repeat answers the original copies and is not checked again,
 * even if the device list changed since. A fan-out takes one permit of the sending device's send budget.
 */
public final class SendFanoutService implements SendFanoutUseCase {
    private final Users users;
    private final DevicesWithPrekeys devicesWithPrekeys;
    private final Sessions sessions;
    private final Messages messages;
    private final RealtimePublisher realtime;
    private final Transactions transactions;
    private final Clock clock;
    private final UsageLimits limits;

    public SendFanoutService(Users users, DevicesWithPrekeys devicesWithPrekeys, Sessions sessions, Messages messages,
                             RealtimePublisher realtime, Transactions transactions, Clock clock, UsageLimits limits) {
        this.users = users;
        this.devicesWithPrekeys = devicesWithPrekeys;
        this.sessions = sessions;
        this.messages = messages;
        this.realtime = realtime;
        this.transactions = transactions;
        this.clock = clock;
        this.limits = limits;
    }

    private record Outcome(List<DmMessage> copies, boolean created) {
    }

    @Override
    public FanoutSent send(SendFanoutCommand command) {
        limits.checkSend(command.caller().deviceId());
        Outcome outcome;
        try {
            outcome = transactions.inTransaction(() -> store(command));
        } catch (DuplicateClientMessageIdException raceLost) {
            outcome = transactions.inTransaction(() -> new Outcome(originals(command), false));
            if (outcome.copies().isEmpty()) {
                throw new IllegalStateException("duplicate clientMessageId without an original");
            }
        }
        if (outcome.created()) {
            for (DmMessage copy : outcome.copies()) {
                realtime.publish(copy.recipientDeviceId(), new RealtimeEvent.MessageReceived(copy));
            }
        }
        List<FanoutSent.Copy> answer = outcome.copies().stream()
                .map(copy -> new FanoutSent.Copy(copy.recipientDeviceId(), copy.id())).toList();
        return new FanoutSent(outcome.copies().get(0).serverTimestamp(), answer, outcome.created());
    }

    private Outcome store(SendFanoutCommand command) {
        List<DmMessage> originals = originals(command);
        if (!originals.isEmpty()) {
            return new Outcome(originals, false);
        }
        Caller caller = command.caller();
        users.findById(command.recipientUserId())
                .orElseThrow(() -> new DomainException(ErrorCode.USER_NOT_FOUND, "no such user", "recipientUserId"));
        List<DeviceId> recipientDevices = new ArrayList<>(devicesWithPrekeys.of(command.recipientUserId()));
        recipientDevices.remove(caller.deviceId());
        if (recipientDevices.isEmpty()) {
            throw new DomainException(ErrorCode.PREKEYS_NOT_FOUND, "the user has no device with prekeys", "recipientUserId");
        }
        List<DeviceId> ownDevices = command.includeOwnDevices() ? devicesWithPrekeys.of(caller.userId()) : List.of();
        FanoutAudience.check(FanoutAudience.expected(recipientDevices, caller.deviceId(), ownDevices,
                command.includeOwnDevices()), command.recipients()).orThrow();

        Instant now = clock.now();
        List<DmMessage> copies = new ArrayList<>();
        for (int i = 0; i < command.entries().size(); i++) {
            copies.add(compose(command, i, now));
        }
        return new Outcome(messages.insertAllIfSessionsActive(copies).orElseThrow(() ->
                new DomainException(ErrorCode.SESSION_NOT_ACTIVE, "a session stopped being active", "messages")), true);
    }

    private DmMessage compose(SendFanoutCommand command, int index, Instant now) {
        Caller caller = command.caller();
        FanoutEntry entry = command.entries().get(index);
        String prefix = "messages[" + index + "].";
        DmSession session = sessions.findBySessionId(entry.sessionId())
                .filter(found -> found.hasMember(caller.deviceId()))
                .orElseThrow(() -> new DomainException(ErrorCode.SESSION_NOT_FOUND, "no such session for this device",
                        prefix + "sessionId"));
        try {
            session.checkSend(caller.deviceId(), entry.recipientDeviceId());
        } catch (DomainException rejected) {
            throw rejected.forField(prefix + (rejected.field() == null ? "sessionId" : rejected.field()));
        }
        return DmMessage.compose(session.id(), session.sessionId(), caller.userId(), caller.deviceId(),
                entry.recipientDeviceId(), entry.ciphertext(), entry.authTag(), command.clientMessageId(),
                command.clientTimestamp(), now);
    }

    private List<DmMessage> originals(SendFanoutCommand command) {
        return command.clientMessageId() == null ? List.of()
                : messages.findAllByClientMessageId(command.caller().deviceId(), command.clientMessageId());
    }
}
