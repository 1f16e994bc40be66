package io.convro.application;

import io.convro.application.auth.AuthenticateTokenService;
import io.convro.application.auth.AuthenticateTokenUseCase;
import io.convro.application.auth.DeviceStandings;
import io.convro.application.auth.ForgetRevokedDeviceUseCase;
import io.convro.application.auth.GetCurrentUserService;
import io.convro.application.auth.GetCurrentUserUseCase;
import io.convro.application.auth.LogInService;
import io.convro.application.auth.LogInUseCase;
import io.convro.application.auth.LogOutService;
import io.convro.application.auth.LogOutUseCase;
import io.convro.application.auth.RefreshTokenService;
import io.convro.application.auth.RefreshTokenUseCase;
import io.convro.application.auth.RegisterUserService;
import io.convro.application.auth.RegisterUserUseCase;
import io.convro.application.auth.TokenIssuer;
import io.convro.application.devices.DeviceViews;
import io.convro.application.devices.ListDevicesService;
import io.convro.application.devices.ListDevicesUseCase;
import io.convro.application.devices.RegisterDeviceService;
import io.convro.application.devices.RegisterDeviceUseCase;
import io.convro.application.devices.RemoveDeviceService;
import io.convro.application.devices.RemoveDeviceUseCase;
import io.convro.application.groups.ChangeMembersService;
import io.convro.application.groups.ChangeMembersUseCase;
import io.convro.application.groups.CreateGroupService;
import io.convro.application.groups.CreateGroupUseCase;
import io.convro.application.groups.GetGroupHistoryService;
import io.convro.application.groups.GetGroupHistoryUseCase;
import io.convro.application.groups.GetGroupService;
import io.convro.application.groups.GetGroupUseCase;
import io.convro.application.groups.GroupEvents;
import io.convro.application.groups.ListGroupRoomsUseCase;
import io.convro.application.groups.ListGroupsService;
import io.convro.application.groups.ListGroupsUseCase;
import io.convro.application.groups.MarkGroupReadService;
import io.convro.application.groups.MarkGroupReadUseCase;
import io.convro.application.groups.PostGroupMessageService;
import io.convro.application.groups.PostGroupMessageUseCase;
import io.convro.application.messages.GetHistoryService;
import io.convro.application.messages.GetHistoryUseCase;
import io.convro.application.messages.ListConversationsService;
import io.convro.application.messages.ListConversationsUseCase;
import io.convro.application.messages.SendFanoutService;
import io.convro.application.messages.SendFanoutUseCase;
import io.convro.application.messages.SendMessageService;
import io.convro.application.messages.SendMessageUseCase;
import io.convro.application.messages.SetReceiptsService;
import io.convro.application.messages.SetReceiptsUseCase;
import io.convro.application.prekeys.DevicesWithPrekeys;
import io.convro.application.prekeys.FetchPrekeyBundleService;
import io.convro.application.prekeys.FetchPrekeyBundleUseCase;
import io.convro.application.prekeys.FetchPrekeyBundlesService;
import io.convro.application.prekeys.FetchPrekeyBundlesUseCase;
import io.convro.application.prekeys.GetPrekeyStatusService;
import io.convro.application.prekeys.GetPrekeyStatusUseCase;
import io.convro.application.prekeys.UploadPrekeysService;
import io.convro.application.prekeys.UploadPrekeysUseCase;
import io.convro.application.sessions.AcceptSessionService;
import io.convro.application.sessions.AcceptSessionUseCase;
import io.convro.application.sessions.KnownSessions;
import io.convro.application.sessions.ListIncomingSessionsService;
import io.convro.application.sessions.ListIncomingSessionsUseCase;
import io.convro.application.sessions.OpenSessionService;
import io.convro.application.sessions.OpenSessionUseCase;
import io.convro.application.shared.BoundedCaches;
import io.convro.application.shared.BoundedWork;
import io.convro.application.shared.UsageLimits;
import io.convro.application.users.ResolveUserService;
import io.convro.application.users.ResolveUserUseCase;
import io.convro.domain.session.PendingSessionLimits;
import java.time.Duration;

/**
 * Every use case of Convro, wired from the out-ports with constructors (no DI container). Adapters take
 * the in-ports they drive from here. It creates no thread: the threads use cases run work on ({@link BoundedWork})
 * are handed in by whoever assembles the node, which owns them and stops them.
 */
public final class ConvroApplication implements ConvroUseCases {
    /** Default refresh-token lifetime: 30 days. */
    public static final Duration DEFAULT_REFRESH_TOKEN_TTL = Duration.ofDays(30);
    private final RegisterUserUseCase registerUser;
    private final LogInUseCase logIn;
    private final RefreshTokenUseCase refreshToken;
    private final LogOutUseCase logOut;
    private final GetCurrentUserUseCase currentUser;
    private final AuthenticateTokenUseCase authenticateToken;
    private final ForgetRevokedDeviceUseCase forgetRevokedDevice;
    private final RegisterDeviceUseCase registerDevice;
    private final ListDevicesUseCase listDevices;
    private final RemoveDeviceUseCase removeDevice;
    private final ResolveUserUseCase resolveUser;
    private final UploadPrekeysUseCase uploadPrekeys;
    private final FetchPrekeyBundleUseCase fetchPrekeyBundle;
    private final FetchPrekeyBundlesUseCase fetchPrekeyBundles;
    private final GetPrekeyStatusUseCase prekeyStatus;
    private final OpenSessionUseCase openSession;
    private final ListIncomingSessionsUseCase incomingSessions;
    private final AcceptSessionUseCase acceptSession;
    private final SendMessageUseCase sendMessage;
    private final SendFanoutUseCase sendFanout;
    private final GetHistoryUseCase history;
    private final ListConversationsUseCase conversations;
    private final SetReceiptsUseCase receipts;
    private final CreateGroupUseCase createGroup;
    private final ListGroupsService listGroups;
    private final GetGroupUseCase group;
    private final ChangeMembersUseCase changeMembers;
    private final PostGroupMessageUseCase postGroupMessage;
    private final GetGroupHistoryUseCase groupHistory;
    private final MarkGroupReadUseCase markGroupRead;

    /**
     * @param sendWork where a send runs what waits for the store when its caller must not wait (see
     *                 {@link SendMessageService}); its threads are the caller's, who closes it when the node stops
     */
    public ConvroApplication(OutPorts ports, BoundedWork sendWork) {
        this(ports, DEFAULT_REFRESH_TOKEN_TTL, UsageLimits.none(), sendWork);
    }

    /** @param limits the budgets of the use cases where abuse is cheap (bundles, look-ups, opens, sends) */
    public ConvroApplication(OutPorts p, Duration refreshTokenTtl, UsageLimits limits, BoundedWork sendWork) {
        this(p, refreshTokenTtl, limits, BoundedCaches.clearedWhenFull(), sendWork);
    }

    /**
     * Every use case, from what the caller made: the out-ports, the budgets, the bounded memories of the store and the
     * threads. Nothing here starts a thread, so there is nothing to stop.
     *
     * @param caches what backs the node's bounded memories of the store (known sessions, device standings)
     */
    public ConvroApplication(OutPorts p, Duration refreshTokenTtl, UsageLimits limits, BoundedCaches caches,
                             BoundedWork sendWork) {
        TokenIssuer issuer = new TokenIssuer(p.tokens(), p.refreshTokens(), p.clock(), refreshTokenTtl);
        DeviceViews views = new DeviceViews(p.devices(), p.prekeys());
        DeviceStandings standings = new DeviceStandings(p.clock(), caches);
        forgetRevokedDevice = standings;
        registerUser = new RegisterUserService(p.users(), p.devices(), p.numbers(), p.passwordHasher(), issuer,
                p.transactions(), p.clock());
        logIn = new LogInService(p.users(), p.devices(), views, p.passwordHasher(), issuer, p.transactions(), p.clock());
        refreshToken = new RefreshTokenService(p.tokens(), p.refreshTokens(), p.users(), p.devices(), issuer,
                p.transactions(), p.clock());
        logOut = new LogOutService(p.tokens(), p.refreshTokens(), p.devices(), p.realtime(), standings, p.transactions(),
                p.clock());
        currentUser = new GetCurrentUserService();
        authenticateToken = new AuthenticateTokenService(p.tokens(), p.devices(), standings, p.clock());
        registerDevice = new RegisterDeviceService(p.devices(), views, p.transactions(), p.clock());
        listDevices = new ListDevicesService(views);
        removeDevice = new RemoveDeviceService(p.devices(), p.refreshTokens(), p.prekeys(), p.sessions(), p.realtime(),
                standings, p.transactions(), p.clock());
        resolveUser = new ResolveUserService(p.users(), limits);
        uploadPrekeys = new UploadPrekeysService(p.prekeys(), p.signatures(), p.transactions(), p.clock());
        fetchPrekeyBundle = new FetchPrekeyBundleService(p.users(), p.devices(), p.prekeys(), p.realtime(),
                p.transactions(), p.clock(), limits);
        DevicesWithPrekeys devicesWithPrekeys = new DevicesWithPrekeys(p.devices(), p.prekeys());
        fetchPrekeyBundles = new FetchPrekeyBundlesService(p.users(), devicesWithPrekeys, p.prekeys(), p.realtime(),
                p.transactions(), p.clock(), limits);
        prekeyStatus = new GetPrekeyStatusService(p.prekeys());
        openSession = new OpenSessionService(p.devices(), p.sessions(), p.realtime(), p.transactions(), p.clock(),
                PendingSessionLimits.DEFAULT, limits);
        incomingSessions = new ListIncomingSessionsService(p.sessions(), p.users());
        acceptSession = new AcceptSessionService(p.sessions(), p.realtime(), p.transactions(), p.clock());
        sendMessage = new SendMessageService(new KnownSessions(p.sessions(), caches), p.messages(), p.messages(),
                p.realtime(), p.clock(), sendWork, limits);
        sendFanout = new SendFanoutService(p.users(), devicesWithPrekeys, p.sessions(),
                p.messages(), p.realtime(), p.transactions(), p.clock(), limits);
        history = new GetHistoryService(p.sessions(), p.messages());
        conversations = new ListConversationsService(p.sessions(), p.users(), p.messages());
        receipts = new SetReceiptsService(p.messages(), p.realtime(), p.transactions(), p.clock());
        GroupEvents groupEvents = new GroupEvents(p.devices(), p.realtime());
        createGroup = new CreateGroupService(p.groups(), p.users(), groupEvents, p.transactions(), p.clock(), p.random());
        listGroups = new ListGroupsService(p.groups(), p.groups());
        group = new GetGroupService(p.groups());
        changeMembers = new ChangeMembersService(p.groups(), p.groups(), p.users(), groupEvents, p.transactions(), p.clock());
        // a group message takes one permit of the sending device's send budget
        postGroupMessage = new PostGroupMessageService(p.groups(), p.groups(), p.realtime(), p.transactions(), p.clock(),
                limits);
        groupHistory = new GetGroupHistoryService(p.groups(), p.groups());
        markGroupRead = new MarkGroupReadService(p.groups(), p.groups(), p.groups(), p.transactions());
    }

    public RegisterUserUseCase registerUser() { return registerUser; }
    public LogInUseCase logIn() { return logIn; }
    public RefreshTokenUseCase refreshToken() { return refreshToken; }
    public LogOutUseCase logOut() { return logOut; }
    public GetCurrentUserUseCase currentUser() { return currentUser; }
    public AuthenticateTokenUseCase authenticateToken() { return authenticateToken; }
    public ForgetRevokedDeviceUseCase forgetRevokedDevice() { return forgetRevokedDevice; }
    public RegisterDeviceUseCase registerDevice() { return registerDevice; }
    public ListDevicesUseCase listDevices() { return listDevices; }
    public RemoveDeviceUseCase removeDevice() { return removeDevice; }
    public ResolveUserUseCase resolveUser() { return resolveUser; }
    public UploadPrekeysUseCase uploadPrekeys() { return uploadPrekeys; }
    public FetchPrekeyBundleUseCase fetchPrekeyBundle() { return fetchPrekeyBundle; }
    public FetchPrekeyBundlesUseCase fetchPrekeyBundles() { return fetchPrekeyBundles; }
    public GetPrekeyStatusUseCase prekeyStatus() { return prekeyStatus; }
    public OpenSessionUseCase openSession() { return openSession; }
    public ListIncomingSessionsUseCase incomingSessions() { return incomingSessions; }
    public AcceptSessionUseCase acceptSession() { return acceptSession; }
    public SendMessageUseCase sendMessage() { return sendMessage; }
    public SendFanoutUseCase sendFanout() { return sendFanout; }
    public GetHistoryUseCase history() { return history; }
    public ListConversationsUseCase conversations() { return conversations; }
    public SetReceiptsUseCase receipts() { return receipts; }
    public CreateGroupUseCase createGroup() { return createGroup; }
    public ListGroupsUseCase listGroups() { return listGroups; }
    public ListGroupRoomsUseCase groupRooms() { return listGroups; }
    public GetGroupUseCase group() { return group; }
    public ChangeMembersUseCase changeMembers() { return changeMembers; }
    public PostGroupMessageUseCase postGroupMessage() { return postGroupMessage; }
    public GetGroupHistoryUseCase groupHistory() { return groupHistory; }
    public MarkGroupReadUseCase markGroupRead() { return markGroupRead; }
}
