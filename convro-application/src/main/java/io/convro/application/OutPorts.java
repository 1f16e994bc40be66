package io.convro.application;

import io.convro.application.auth.PasswordHasher;
import io.convro.application.auth.RefreshTokens;
import io.convro.application.auth.SignatureVerifier;
import io.convro.application.auth.TokenService;
import io.convro.application.devices.Devices;
import io.convro.application.groups.GroupStore;
import io.convro.application.messages.Messages;
import io.convro.application.prekeys.Prekeys;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.sessions.Sessions;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.users.NumberAllocator;
import io.convro.application.users.Users;
import java.util.random.RandomGenerator;

/**
 * Every out-port the use cases need: what a deployment (or a test) plugs in.
 *
 * @param groups the stores of groups and channels (API.md §10)
 * @param random draws the ids the server makes (groupIds): a {@link java.security.SecureRandom} in production
 */
public record OutPorts(Users users, Devices devices, RefreshTokens refreshTokens, Prekeys prekeys, Sessions sessions,
                       Messages messages, GroupStore groups, NumberAllocator numbers, Transactions transactions,
                       PasswordHasher passwordHasher, TokenService tokens, SignatureVerifier signatures,
                       RealtimePublisher realtime, Clock clock, RandomGenerator random) {
}
