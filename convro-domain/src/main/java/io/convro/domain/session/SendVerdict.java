package io.convro.domain.session;

import io.convro.domain.DomainException;

/**
 * What a session says to one send ({@link DmSession#decideSend}): allowed, or refused with the rejection the client
 * is told. A send that repeats a message already stored (the same sender device, clientMessageId and recipient
 * device) is answered with that original instead of being judged again, except on membership: a device never learns
 * anything of a session it is not in.
 */
public sealed interface SendVerdict {
    /** The one {@link Allowed}. */
    Allowed ALLOWED = new Allowed();

    /**
     * The send may be stored, provided the session is still ACTIVE when it is: a session's state only moves on
     * (PENDING, ACTIVE, CLOSED), and a copy read a moment ago may be one step behind, so whoever stores it checks
     * the state in the same step as it writes.
     */
    record Allowed() implements SendVerdict {
    }

    /** The sender is not a device of the session: {@code SESSION_NOT_FOUND}, for a repeat as for a new send. */
    record NotAMember(DomainException rejection) implements SendVerdict {
    }

    /**
     * Refused ({@code INVALID_RECIPIENT}, {@code SESSION_NOT_ACTIVE}), unless the send repeats a stored message: its
     * original is then the answer (a retry after the session closed still learns that its message was stored).
     */
    record Refused(DomainException rejection) implements SendVerdict {
    }

    /** Nothing when allowed, else the rejection, thrown: for a caller that looked for a repeat first. */
    default void orThrow() {
        if (this instanceof NotAMember notAMember) {
            throw notAMember.rejection();
        }
        if (this instanceof Refused refused) {
            throw refused.rejection();
        }
    }
}
