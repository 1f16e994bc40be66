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
 * the in-ports they drive from here.
 */
public final class ConvroApplication implements ConvroUseCases {
    /** Default refresh-token lifetime: 30 days. */
    public static final Duration DEFAULT_REFRESH_TOKEN_TTL = Duration.ofDays(30);
    /**
     * Sends that take the checked way (a transaction) or read their session for the first time: four at once (each
     * holds a database connection), 256 waiting, none waiting over 5 s. Beyond that the send is answered 503: with
     * the database down each waits a connection timeout, and an unbounded queue held every waiting body for minutes.
     */
    private static final int CHECKED_SEND_THREADS = 4;
    private static final int CHECKED_SEND_QUEUE = 256;
    private static final Duration CHECKED_SEND_MAX_WAIT = Duration.ofSeconds(5);

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

    public ConvroApplication(OutPorts ports) {
        this(ports, DEFAULT_REFRESH_TOKEN_TTL);
    }

    public ConvroApplication(OutPorts p, Duration refreshTokenTtl) {
        this(p, refreshTokenTtl, UsageLimits.none());
    }

    /** @param limits the budgets of the use cases where abuse is cheap (bundles, look-ups, opens, sends) */
    public ConvroApplication(OutPorts p, Duration refreshTokenTtl, UsageLimits limits) {
        this(p, refreshTokenTtl, limits, BoundedCaches.clearedWhenFull());
    }

    /** @param caches what backs the node's bounded memories of the store (known sessions, device standings) */
    public ConvroApplication(OutPorts p, Duration refreshTokenTtl, UsageLimits limits, BoundedCaches caches) {
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
        sendMessage = new SendMessageService(p.sessions(), new KnownSessions(p.sessions(), caches), p.messages(), p.realtime(),
                p.transactions(), p.clock(),
                new BoundedWork("convro-checked-send", CHECKED_SEND_THREADS, CHECKED_SEND_QUEUE, CHECKED_SEND_MAX_WAIT), limits);
        sendFanout = new SendFanoutService(p.users(), devicesWithPrekeys, p.sessions(),
                p.messages(), p.realtime(), p.transactions(), p.clock(), limits);
        history = new GetHistoryService(p.sessions(), p.messages());
        conversations = new ListConversationsService(p.sessions(), p.users(), p.messages());
        receipts = new SetReceiptsService(p.messages(), p.realtime(), p.transactions(), p.clock());
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
}
