package io.convro.application.sessions;

import io.convro.application.devices.Devices;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.shared.Caller;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.shared.UsageLimits;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.HandshakeOffer;
import io.convro.domain.session.PendingSessionLimits;

/**
 * Opens a PENDING session from a handshake offer and wakes the responder device. Opens count against the calling
 * device's budget: each stores an offer of up to 8 KiB and wakes another device.
 */
public final class OpenSessionService implements OpenSessionUseCase {
    private final Devices devices;
    private final Sessions sessions;
    private final RealtimePublisher realtime;
    private final Transactions transactions;
    private final Clock clock;
    private final PendingSessionLimits pendingLimits;
    private final UsageLimits limits;

    public OpenSessionService(Devices devices, Sessions sessions, RealtimePublisher realtime, Transactions transactions,
                              Clock clock, PendingSessionLimits pendingLimits, UsageLimits limits) {
        this.pendingLimits = pendingLimits;
        this.devices = devices;
        this.sessions = sessions;
        this.realtime = realtime;
        this.transactions = transactions;
        this.clock = clock;
        this.limits = limits;
    }

    @Override
    public OpenedSession open(OpenSessionCommand command) {
        Caller caller = command.caller();
        HandshakeOffer offer = command.offer();
        offer.checkOpenedBy(caller.deviceId());
        limits.checkSessionOpen(caller.deviceId());
        DmSession session = transactions.inTransaction(() -> {
            devices.findById(caller.deviceId()).filter(Device::active)
                    .orElseThrow(() -> new DomainException(ErrorCode.INITIATOR_DEVICE_NOT_FOUND, "the calling device is gone"));
            devices.findById(offer.responderDeviceId())
                    .filter(Device::active)
                    .filter(device -> device.belongsTo(command.peerUserId()))
                    .orElseThrow(() -> new DomainException(ErrorCode.RESPONDER_DEVICE_NOT_FOUND,
                            "responderDeviceId is not an active device of peerUserId", "handshakeOffer.responderDeviceId"));
            if (sessions.findBySessionId(offer.sessionId()).isPresent()) {
                throw new DomainException(ErrorCode.SESSION_ID_EXISTS, "that sessionId is taken", "handshakeOffer.sessionId");
            }
            pendingLimits.checkRoomFor(sessions.countPendingFor(offer.responderDeviceId()),
                    sessions.countPendingBetween(caller.deviceId(), offer.responderDeviceId()));
            return sessions.insert(DmSession.open(offer, caller.userId(), command.peerUserId(), clock.now()));
        });
        realtime.publish(session.responderDeviceId(), new RealtimeEvent.SessionIncoming(new IncomingSession(
                session.id(), session.sessionId(), caller.userId(), caller.deviceId(), caller.convroNumber(),
                caller.username(), session.handshakeOfferJson(), session.createdAt())));
        return new OpenedSession(session.id(), session.sessionId(), session.responderUserId(),
                session.responderDeviceId(), session.state());
    }
}
