package io.convro.domain.group;

import io.convro.domain.message.MessageId;

/**
 * How far a user has read a group: the highest message id it marked read, or none. It only moves forward; a member's
 * own messages are never unread whatever the pointer says.
 *
 * @param upTo {@code null} when nothing was marked read yet
 */
public record ReadPointer(MessageId upTo) {
    public static final ReadPointer NONE = new ReadPointer(null);

    /** The pointer after marking {@code messageId} read: this one unchanged if it is already further. */
    public ReadPointer advancedTo(MessageId messageId) {
        return upTo != null && upTo.value() >= messageId.value() ? this : new ReadPointer(messageId);
    }
}
