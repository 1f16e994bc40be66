package io.convro.adapter.http;

import io.convro.application.auth.AuthenticateTokenUseCase;
import io.convro.application.auth.GetCurrentUserUseCase;
import io.convro.application.auth.LogInUseCase;
import io.convro.application.auth.LogOutUseCase;
import io.convro.application.auth.RefreshTokenUseCase;
import io.convro.application.auth.RegisterUserUseCase;
import io.convro.application.devices.ListDevicesUseCase;
import io.convro.application.devices.RegisterDeviceUseCase;
import io.convro.application.devices.RemoveDeviceUseCase;
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
import java.util.Objects;

/** Every in-port the REST API calls; the bootstrap builds one from the application's use cases. */
public record HttpUseCases(RegisterUserUseCase registerUser, LogInUseCase logIn, RefreshTokenUseCase refreshToken,
                           LogOutUseCase logOut, GetCurrentUserUseCase getCurrentUser,
                           AuthenticateTokenUseCase authenticateToken, RegisterDeviceUseCase registerDevice,
                           ListDevicesUseCase listDevices, RemoveDeviceUseCase removeDevice,
                           ResolveUserUseCase resolveUser, UploadPrekeysUseCase uploadPrekeys,
                           FetchPrekeyBundleUseCase fetchPrekeyBundle, GetPrekeyStatusUseCase getPrekeyStatus,
                           OpenSessionUseCase openSession, ListIncomingSessionsUseCase listIncomingSessions,
                           AcceptSessionUseCase acceptSession, SendMessageUseCase sendMessage,
                           GetHistoryUseCase getHistory, ListConversationsUseCase listConversations,
                           SetReceiptsUseCase setReceipts, FetchPrekeyBundlesUseCase fetchPrekeyBundles,
                           SendFanoutUseCase sendFanout, HttpGroupUseCases groups) {
    public HttpUseCases {
        Objects.requireNonNull(registerUser, "registerUser");
        Objects.requireNonNull(logIn, "logIn");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(logOut, "logOut");
        Objects.requireNonNull(getCurrentUser, "getCurrentUser");
        Objects.requireNonNull(authenticateToken, "authenticateToken");
        Objects.requireNonNull(registerDevice, "registerDevice");
        Objects.requireNonNull(listDevices, "listDevices");
        Objects.requireNonNull(removeDevice, "removeDevice");
        Objects.requireNonNull(resolveUser, "resolveUser");
        Objects.requireNonNull(uploadPrekeys, "uploadPrekeys");
        Objects.requireNonNull(fetchPrekeyBundle, "fetchPrekeyBundle");
        Objects.requireNonNull(getPrekeyStatus, "getPrekeyStatus");
        Objects.requireNonNull(openSession, "openSession");
        Objects.requireNonNull(listIncomingSessions, "listIncomingSessions");
        Objects.requireNonNull(acceptSession, "acceptSession");
        Objects.requireNonNull(sendMessage, "sendMessage");
        Objects.requireNonNull(getHistory, "getHistory");
        Objects.requireNonNull(listConversations, "listConversations");
        Objects.requireNonNull(setReceipts, "setReceipts");
        Objects.requireNonNull(fetchPrekeyBundles, "fetchPrekeyBundles");
        Objects.requireNonNull(sendFanout, "sendFanout");
        Objects.requireNonNull(groups, "groups");
    }
}
