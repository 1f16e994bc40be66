package io.convro.adapter.http;

import io.convro.application.ConvroUseCases;
import io.convro.application.auth.AuthSession;
import io.convro.application.auth.AuthenticateTokenUseCase;
import io.convro.application.auth.ForgetRevokedDeviceUseCase;
import io.convro.application.auth.GetCurrentUserUseCase;
import io.convro.application.auth.LogInUseCase;
import io.convro.application.auth.LogOutUseCase;
import io.convro.application.auth.RefreshTokenUseCase;
import io.convro.application.auth.RegisterUserUseCase;
import io.convro.application.devices.ListDevicesUseCase;
import io.convro.application.devices.RegisterDeviceUseCase;
import io.convro.application.devices.RemoveDeviceUseCase;
import io.convro.application.groups.ChangeMembersUseCase;
import io.convro.application.groups.CreateGroupUseCase;
import io.convro.application.groups.GetGroupHistoryUseCase;
import io.convro.application.groups.GetGroupUseCase;
import io.convro.application.groups.ListGroupRoomsUseCase;
import io.convro.application.groups.ListGroupsUseCase;
import io.convro.application.groups.MarkGroupReadUseCase;
import io.convro.application.groups.PostGroupMessageUseCase;
import io.convro.application.messages.GetHistoryUseCase;
import io.convro.application.messages.ListConversationsUseCase;
import io.convro.application.messages.SendFanoutUseCase;
import io.convro.application.messages.SendMessageUseCase;
import io.convro.application.messages.SetReceiptsUseCase;
import io.convro.application.prekeys.FetchPrekeyBundleUseCase;
import io.convro.application.prekeys.FetchPrekeyBundlesUseCase;
import io.convro.application.prekeys.GetPrekeyStatusUseCase;
import io.convro.application.prekeys.UploadPrekeysUseCase;
import io.convro.application.sessions.AcceptSessionUseCase;
import io.convro.application.sessions.ListIncomingSessionsUseCase;
import io.convro.application.sessions.OpenSessionUseCase;
import io.convro.application.users.ResolveUserUseCase;
import io.convro.application.auth.LogInCommand;
import io.convro.application.auth.LogOutCommand;
import io.convro.application.auth.RefreshedTokens;
import io.convro.application.auth.RegisterCommand;
import io.convro.application.devices.DeviceView;
import io.convro.application.devices.RegisterDeviceCommand;
import io.convro.application.devices.RegisteredDevice;
import io.convro.application.devices.TooManyDevicesException;
import io.convro.application.messages.Conversation;
import io.convro.application.messages.ConversationCursor;
import io.convro.application.messages.ConversationsPage;
import io.convro.application.messages.ConversationsQuery;
import io.convro.application.messages.HistoryPage;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.messages.ReceiptCommand;
import io.convro.application.messages.SendMessageCommand;
import io.convro.application.messages.SentMessage;
import io.convro.application.prekeys.FetchPrekeyBundleQuery;
import io.convro.application.prekeys.PrekeyBundle;
import io.convro.application.prekeys.PrekeyStatus;
import io.convro.application.prekeys.UploadPrekeysCommand;
import io.convro.application.sessions.AcceptSessionCommand;
import io.convro.application.sessions.AcceptedSession;
import io.convro.application.sessions.IncomingSession;
import io.convro.application.sessions.IncomingSessionsPage;
import io.convro.application.sessions.OpenSessionCommand;
import io.convro.application.sessions.OpenedSession;
import io.convro.application.shared.Caller;
import io.convro.application.users.ResolveUserQuery;
import io.convro.application.users.UserProfile;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.DeliveryState;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import io.convro.domain.prekey.Ed25519PublicKey;
import io.convro.domain.prekey.Ed25519Signature;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.SignedPrekey;
import io.convro.domain.prekey.X25519PublicKey;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionRole;
import io.convro.domain.session.SessionState;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.FullName;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * In-memory stand-ins for the use cases: canned answers shaped like the real ones, plus a record of the
 * last command each received, so tests can check what the adapter built from the request.
 */
final class FakeUseCases {
    static final String TOKEN = "good-token";
    static final String EXPIRED_TOKEN = "expired-token";
    static final DeviceId MY_DEVICE = DeviceId.parse("aaaaaaaaaaaaaaaa");
    static final DeviceId PEER_DEVICE = DeviceId.parse("bbbbbbbbbbbbbbbb");
    static final Caller CALLER = new Caller(UserId.of(1), MY_DEVICE, ConvroNumber.parse("+99123456"), Username.parse("anna"));
    static final Instant T0 = Instant.parse("2026-11-25T14:10:54.120Z");
    static final Instant T1 = Instant.parse("2026-11-25T14:11:00Z");

    final AtomicReference<Object> lastCommand = new AtomicReference<>();
    /** While set, listing devices waits for it: a route that waits for a slow store. */
    final AtomicReference<java.util.concurrent.CountDownLatch> devicesWait = new AtomicReference<>();
    final List<String> openedOffers = new ArrayList<>();

    ConvroUseCases useCases() {
        return useCases(this::authenticate, this::send);
    }

    /** The fakes, with this token check and this send instead of their own. */
    ConvroUseCases useCases(AuthenticateTokenUseCase authenticate, SendMessageUseCase send) {
        return new ConvroUseCases() {
            @Override public RegisterUserUseCase registerUser() { return FakeUseCases.this::register; }
            @Override public LogInUseCase logIn() { return FakeUseCases.this::logIn; }
            @Override public RefreshTokenUseCase refreshToken() { return FakeUseCases.this::refresh; }
            @Override public LogOutUseCase logOut() { return FakeUseCases.this::logOut; }
            @Override public GetCurrentUserUseCase currentUser() { return caller -> caller; }
            @Override public AuthenticateTokenUseCase authenticateToken() { return authenticate; }
            @Override public ForgetRevokedDeviceUseCase forgetRevokedDevice() { return device -> { }; }
            @Override public RegisterDeviceUseCase registerDevice() { return FakeUseCases.this::registerDevice; }
            @Override public ListDevicesUseCase listDevices() { return caller -> awaited(devices()); }
            @Override public RemoveDeviceUseCase removeDevice() { return FakeUseCases.this::removeDevice; }
            @Override public ResolveUserUseCase resolveUser() { return FakeUseCases.this::resolve; }
            @Override public UploadPrekeysUseCase uploadPrekeys() { return FakeUseCases.this::upload; }
            @Override public FetchPrekeyBundleUseCase fetchPrekeyBundle() { return FakeUseCases.this::fetch; }
            @Override public FetchPrekeyBundlesUseCase fetchPrekeyBundles() {
                return query -> List.of(fetch(new FetchPrekeyBundleQuery(query.caller(), query.userId(), null)));
            }
            @Override public GetPrekeyStatusUseCase prekeyStatus() {
                return caller -> new PrekeyStatus(caller.deviceId(), true, null, 7);
            }
            @Override public OpenSessionUseCase openSession() { return FakeUseCases.this::open; }
            @Override public ListIncomingSessionsUseCase incomingSessions() { return query -> incoming(); }
            @Override public AcceptSessionUseCase acceptSession() { return FakeUseCases.this::accept; }
            @Override public SendMessageUseCase sendMessage() { return send; }
            @Override public SendFanoutUseCase sendFanout() { return FakeUseCases.this::fanout; }
            @Override public GetHistoryUseCase history() { return FakeUseCases.this::history; }
            @Override public ListConversationsUseCase conversations() { return FakeUseCases.this::conversations; }
            @Override public SetReceiptsUseCase receipts() { return FakeUseCases.this::receipts; }
            @Override public CreateGroupUseCase createGroup() { return FakeUseCases.this::createGroup; }
            @Override public ListGroupsUseCase listGroups() {
                return caller -> List.of(new io.convro.application.groups.GroupSummary(GROUP,
                        io.convro.domain.group.GroupKind.GROUP, io.convro.domain.group.GroupRole.OWNER, null, 1, null, 0, T0));
            }
            @Override public ListGroupRoomsUseCase groupRooms() { return user -> List.of(GROUP); }
            @Override public GetGroupUseCase group() {
                return query -> {
                    known(query.groupId());
                    return FakeUseCases.group();
                };
            }
            @Override public ChangeMembersUseCase changeMembers() { return FakeUseCases.this::changeMembers; }
            @Override public PostGroupMessageUseCase postGroupMessage() { return FakeUseCases.this::postGroupMessage; }
            @Override public GetGroupHistoryUseCase groupHistory() { return FakeUseCases.this::groupHistory; }
            @Override public MarkGroupReadUseCase markGroupRead() { return FakeUseCases.this::markGroupRead; }
        };
    }

    /** The one group the fakes know: {@link #GROUP}, with the caller as owner; any other id is GROUP_NOT_FOUND. */
    static final io.convro.domain.group.GroupId GROUP = io.convro.domain.group.GroupId.parse("00000000000000aa");

    static io.convro.domain.group.Group group() {
        return new io.convro.domain.group.Group(GROUP, io.convro.domain.group.GroupKind.GROUP, null, T0,
                List.of(new io.convro.domain.group.GroupMember(CALLER.userId(), io.convro.domain.group.GroupRole.OWNER, T0)));
    }

    private static void known(io.convro.domain.group.GroupId id) {
        if (!GROUP.equals(id)) {
            throw new DomainException(ErrorCode.GROUP_NOT_FOUND, "no such group", "groupId");
        }
    }

    private io.convro.domain.group.Group createGroup(io.convro.application.groups.CreateGroupCommand command) {
        lastCommand.set(command);
        if (command.memberUserIds().size() >= io.convro.domain.group.GroupKind.GROUP.maxMembers()) {
            throw new DomainException(ErrorCode.GROUP_FULL, "a group has at most 1000 members");
        }
        return group();
    }

    private io.convro.application.groups.MembersChanged changeMembers(io.convro.application.groups.ChangeMembersCommand command) {
        lastCommand.set(command);
        known(command.groupId());
        return new io.convro.application.groups.MembersChanged(group(), command.change().isLeaveOf(command.caller().userId()));
    }

    private io.convro.application.groups.PostedGroupMessage postGroupMessage(
            io.convro.application.groups.PostGroupMessageCommand command) {
        lastCommand.set(command);
        known(command.groupId());
        return new io.convro.application.groups.PostedGroupMessage(io.convro.domain.message.MessageId.of(88), T0,
                command.clientMessageId() == null || !"again".equals(command.clientMessageId().value()));
    }

    private io.convro.application.groups.GroupHistoryPage groupHistory(io.convro.application.groups.GroupHistoryQuery query) {
        lastCommand.set(query);
        known(query.groupId());
        return new io.convro.application.groups.GroupHistoryPage(List.of(new io.convro.domain.group.GroupMessage(
                io.convro.domain.message.MessageId.of(88), GROUP, CALLER.userId(), MY_DEVICE,
                io.convro.domain.group.SenderKeyId.parse("0123456789abcdef"),
                io.convro.domain.message.Ciphertext.parseBase64("AQID"),
                io.convro.domain.message.AuthTag.parseBase64("AAAAAAAAAAAAAAAAAAAAAA=="), null, null, T0)), false);
    }

    private void markGroupRead(io.convro.application.groups.MarkGroupReadCommand command) {
        lastCommand.set(command);
        known(command.groupId());
    }

    private <T> T awaited(T answer) {
        java.util.concurrent.CountDownLatch wait = devicesWait.get();
        if (wait != null) {
            try {
                wait.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return answer;
    }

    private Caller authenticate(String token) {
        if (TOKEN.equals(token)) {
            return CALLER;
        }
        if (EXPIRED_TOKEN.equals(token)) {
            throw new DomainException(ErrorCode.TOKEN_EXPIRED, "token expired");
        }
        throw new DomainException(ErrorCode.UNAUTHORIZED, "bad token");
    }

    private AuthSession register(RegisterCommand command) {
        lastCommand.set(command);
        if (command.username() != null && command.username().canonical().equals("taken")) {
            throw new DomainException(ErrorCode.USERNAME_TAKEN, "username taken", "username");
        }
        if (command.username() != null && command.username().canonical().equals("busy")) {
            throw new io.convro.application.shared.ServiceUnavailableException("no hash slot", java.time.Duration.ofMillis(2_500));
        }
        if (command.username() != null && command.username().canonical().equals("dbdown")) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable");
        }
        return new AuthSession(UserId.of(7), ConvroNumber.parse("+99000042"), command.username(), command.fullName(),
                command.deviceId() == null ? DeviceId.parse("0123456789abcdef") : command.deviceId(),
                command.platform(), "access.jwt", "rt_00ff_secret");
    }

    private AuthSession logIn(LogInCommand command) {
        lastCommand.set(command);
        if (command.deviceId() != null && command.deviceId().value().equals("eeeeeeeeeeeeeeee")) {
            throw new TooManyDevicesException(devices());
        }
        if (!"correct horse".equals(command.password().reveal())) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "invalid credentials");
        }
        return new AuthSession(UserId.of(1), CALLER.convroNumber(), CALLER.username(), null, MY_DEVICE,
                command.platform() == null ? Platform.IOS : command.platform(), "access.jwt", "rt_00ff_secret");
    }

    private RefreshedTokens refresh(String token) {
        if (!token.startsWith("rt_")) {
            throw new DomainException(ErrorCode.INVALID_REFRESH_TOKEN, "malformed refresh token");
        }
        return new RefreshedTokens(UserId.of(1), MY_DEVICE, CALLER.convroNumber(), null, "access2.jwt", "rt_01_secret2");
    }

    private io.convro.application.auth.LogoutScope logOut(LogOutCommand command) {
        lastCommand.set(command);
        return command.scope();
    }

    private RegisteredDevice registerDevice(RegisterDeviceCommand command) {
        lastCommand.set(command);
        boolean known = command.deviceId().equals(MY_DEVICE);
        DeviceView view = new DeviceView(command.deviceId(), command.platform() == null ? Platform.UNKNOWN : command.platform(),
                command.label(), T0, null, true, known, false);
        return new RegisteredDevice(view, !known);
    }

    static List<DeviceView> devices() {
        return List.of(
                new DeviceView(MY_DEVICE, Platform.IOS, DeviceLabel.parse("Anna's phone"), T0, T1, true, true, true),
                new DeviceView(PEER_DEVICE, Platform.WEB, null, T1, null, false, false, false));
    }

    private void removeDevice(Caller caller, DeviceId deviceId) {
        lastCommand.set(deviceId);
        if (!deviceId.equals(PEER_DEVICE)) {
            throw new DomainException(ErrorCode.DEVICE_NOT_FOUND, "not your device", "deviceId");
        }
    }

    private UserProfile resolve(Caller caller, ResolveUserQuery query) {
        lastCommand.set(query);
        if (query instanceof ResolveUserQuery.ByUsername byName && byName.username().value().equals("boom")) {
            throw new IllegalStateException("secret internal detail");
        }
        if (query instanceof ResolveUserQuery.ByUsername byName && byName.username().value().equals("outage")) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable");
        }
        boolean found = query instanceof ResolveUserQuery.ByConvroNumber number
                ? number.convroNumber().value().equals("+99123456")
                : ((ResolveUserQuery.ByUsername) query).username().canonical().equals("anna");
        if (!found) {
            throw new DomainException(ErrorCode.USER_NOT_FOUND, "no such user");
        }
        return new UserProfile(UserId.of(1), ConvroNumber.parse("+99123456"), Username.parse("Anna"), FullName.parse("Anna K"));
    }

    private int upload(UploadPrekeysCommand command) {
        lastCommand.set(command);
        return command.oneTimePrekeys().size();
    }

    private io.convro.application.messages.FanoutSent fanout(io.convro.application.messages.SendFanoutCommand command) {
        lastCommand.set(command);
        if (command.recipientUserId().value() == 409) {
            throw new io.convro.domain.fanout.DeviceListMismatchException(List.of(PEER_DEVICE), List.of(MY_DEVICE));
        }
        return new io.convro.application.messages.FanoutSent(T0, command.entries().stream()
                .map(entry -> new io.convro.application.messages.FanoutSent.Copy(entry.recipientDeviceId(),
                        io.convro.domain.message.MessageId.of(77))).toList(), true);
    }

    private PrekeyBundle fetch(FetchPrekeyBundleQuery query) {
        lastCommand.set(query);
        if (query.userId().value() == 404) {
            throw new DomainException(ErrorCode.USER_NOT_FOUND, "no such user");
        }
        IdentityKey identity = new IdentityKey(Ed25519PublicKey.of(new byte[32]), null);
        SignedPrekey signed = new SignedPrekey(KeyId.parse("1111111111111111"), X25519PublicKey.of(new byte[32]),
                Ed25519Signature.of(new byte[64]));
        OneTimePrekey otp = query.deviceId() == null
                ? new OneTimePrekey(KeyId.parse("2222222222222222"), X25519PublicKey.of(new byte[32])) : null;
        return new PrekeyBundle(PEER_DEVICE, identity, signed, otp);
    }

    private OpenedSession open(OpenSessionCommand command) {
        lastCommand.set(command);
        openedOffers.add(command.offer().json());
        return new OpenedSession(new SessionDbId(1), command.offer().sessionId(), command.peerUserId(),
                command.offer().responderDeviceId(), SessionState.PENDING);
    }

    private IncomingSessionsPage incoming() {
        String offer = openedOffers.isEmpty() ? "{\"version\":1,\"extra\":[1,2.50,{\"a\":null}]}" : openedOffers.get(openedOffers.size() - 1);
        return new IncomingSessionsPage(List.of(new IncomingSession(new SessionDbId(3), SessionId.parse("0badcafe"), UserId.of(2),
                PEER_DEVICE, ConvroNumber.parse("+99000002"), null, offer, T0)), false);
    }

    private AcceptedSession accept(AcceptSessionCommand command) {
        lastCommand.set(command);
        if (command.sessionDbId().value() == 404) {
            throw new DomainException(ErrorCode.SESSION_NOT_FOUND, "no such session", "sessionDbId");
        }
        return new AcceptedSession(command.sessionDbId(), SessionId.parse("0badcafe"), SessionState.ACTIVE);
    }

    private CompletionStage<SentMessage> send(SendMessageCommand command) {
        lastCommand.set(command);
        if (command.sessionId().value().equals("deadbeef")) {
            return CompletableFuture.failedFuture(new DomainException(ErrorCode.SESSION_NOT_ACTIVE, "the session is CLOSED"));
        }
        boolean repeated = command.clientMessageId() != null && command.clientMessageId().value().equals("dup");
        return CompletableFuture.completedFuture(new SentMessage(MessageId.of(123), T0, DeliveryState.PENDING, !repeated));
    }

    private HistoryPage history(HistoryQuery query) {
        lastCommand.set(query);
        return new HistoryPage(List.of(message(10, null), message(11, ClientMessageId.parse("c-1"))), true);
    }

    static DmMessage message(long id, ClientMessageId clientMessageId) {
        DmMessage message = new DmMessage(MessageId.of(id), new SessionDbId(3), SessionId.parse("0badcafe"), UserId.of(2),
                PEER_DEVICE, MY_DEVICE, Ciphertext.of(new byte[] {1, 2, 3}), AuthTag.of(new byte[16]), clientMessageId,
                null, T0, clientMessageId == null ? DeliveryState.PENDING : DeliveryState.READ,
                clientMessageId == null ? null : T1, clientMessageId == null ? null : T1);
        return message;
    }

    /** Both conversations on one page, or the first and a cursor when the page holds one. */
    private ConversationsPage conversations(ConversationsQuery query) {
        lastCommand.set(query);
        List<Conversation> all = conversationList();
        return query.limit() == 1
                ? new ConversationsPage(all.subList(0, 1), true, new ConversationCursor(T0, all.get(0).sessionDbId()))
                : new ConversationsPage(all, false, null);
    }

    private List<Conversation> conversationList() {
        return List.of(
                new Conversation(new SessionDbId(3), SessionId.parse("0badcafe"), SessionState.ACTIVE, SessionRole.RESPONDER,
                        UserId.of(2), PEER_DEVICE, ConvroNumber.parse("+99000002"), Username.parse("bob"), T0,
                        message(11, null), 1),
                new Conversation(new SessionDbId(4), SessionId.parse("0000beef"), SessionState.PENDING, SessionRole.INITIATOR,
                        UserId.of(5), DeviceId.parse("cccccccccccccccc"), ConvroNumber.parse("+99000005"), null, T0, null, 0));
    }

    private void receipts(ReceiptCommand command) {
        lastCommand.set(command);
        if (command.messageIds().contains(MessageId.of(666))) {
            throw new DomainException(ErrorCode.NOT_MESSAGE_RECIPIENT, "only the recipient device may set a receipt", "messageId");
        }
    }
}
