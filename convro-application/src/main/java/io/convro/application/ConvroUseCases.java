package io.convro.application;

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

/**
 * The in-ports of Convro, as one facade: an inbound adapter takes this and drives the use cases it needs, so a new
 * use case is wired once ({@link ConvroApplication}) and not copied through every adapter's own list. Tests of an
 * adapter implement it with stand-ins.
 */
public interface ConvroUseCases {
    RegisterUserUseCase registerUser();

    LogInUseCase logIn();

    RefreshTokenUseCase refreshToken();

    LogOutUseCase logOut();

    GetCurrentUserUseCase currentUser();

    AuthenticateTokenUseCase authenticateToken();

    ForgetRevokedDeviceUseCase forgetRevokedDevice();

    RegisterDeviceUseCase registerDevice();

    ListDevicesUseCase listDevices();

    RemoveDeviceUseCase removeDevice();

    ResolveUserUseCase resolveUser();

    UploadPrekeysUseCase uploadPrekeys();

    FetchPrekeyBundleUseCase fetchPrekeyBundle();

    FetchPrekeyBundlesUseCase fetchPrekeyBundles();

    GetPrekeyStatusUseCase prekeyStatus();

    OpenSessionUseCase openSession();

    ListIncomingSessionsUseCase incomingSessions();

    AcceptSessionUseCase acceptSession();

    SendMessageUseCase sendMessage();

    SendFanoutUseCase sendFanout();

    GetHistoryUseCase history();

    ListConversationsUseCase conversations();

    SetReceiptsUseCase receipts();

    CreateGroupUseCase createGroup();

    ListGroupsUseCase listGroups();

    /** The rooms of a user's groups, which the realtime adapter joins a socket to when it connects. */
    ListGroupRoomsUseCase groupRooms();

    GetGroupUseCase group();

    ChangeMembersUseCase changeMembers();

    PostGroupMessageUseCase postGroupMessage();

    GetGroupHistoryUseCase groupHistory();

    MarkGroupReadUseCase markGroupRead();
}
