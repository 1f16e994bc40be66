/**
 * Convro's domain: the canonical rules of the wire contract as Java types, JDK only, so any JVM project can
 * validate Convro data exactly as the server does.
 *
 * <p>Every value type has one parsing factory that returns the value or throws {@link io.convro.domain.DomainException}
 * carrying the contract's stable {@link io.convro.domain.ErrorCode}:
 * <ul>
 *   <li>{@code user}: {@code ConvroNumber.parse} ({@code +99} and six digits), {@code Username.parse},
 *       {@code FullName.parse}, {@code Password.parse}, {@code UserId.parse};</li>
 *   <li>{@code device}: {@code DeviceId.parse} (16 hex, lowercased), {@code Platform.parse},
 *       {@code DeviceLabel.parse};</li>
 *   <li>{@code prekey}: {@code KeyId.parse}, {@code Ed25519PublicKey.parseBase64}, {@code X25519PublicKey.parseBase64}
 *       (32 bytes), {@code Ed25519Signature.parseBase64} (64 bytes);</li>
 *   <li>{@code session}: {@code SessionId.parse} (8 hex), {@code HandshakeOffer.parse} (version 1, at most 8 KiB);</li>
 *   <li>{@code message}: {@code Ciphertext.parseBase64} (1..65536 bytes), {@code AuthTag.parseBase64} (16 bytes),
 *       {@code ClientMessageId.parse}, {@code ClientTimestamp.parse}, {@code ReceiptStatus.parse};</li>
 *   <li>{@code group}: {@code GroupId.parse} (16 hex; malformed is {@code GROUP_NOT_FOUND}), {@code SenderKeyId.parse},
 *       {@code GroupKind.parse}, {@code GroupRole.parse}, {@code EncryptedTitle.parseBase64} (1..1024 bytes).</li>
 * </ul>
 * The aggregates decide and do not save: {@link io.convro.domain.session.DmSession} (who may accept, who may send)
 * and {@link io.convro.domain.message.DmMessage} (forward-only receipt state), {@link io.convro.domain.group.Group}
 * (who may add, remove, set roles; exactly one owner) and {@link io.convro.domain.group.GroupMembership} (who may post),
 * and the fan-out's device-set check {@link io.convro.domain.fanout.DeviceListCheck} (missing and extra devices). {@link io.convro.domain.WireTime}
 * formats instants the contract's way (three millisecond digits and {@code Z}).
 */
package io.convro.domain;
