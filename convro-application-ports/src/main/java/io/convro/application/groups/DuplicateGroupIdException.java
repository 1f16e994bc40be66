package io.convro.application.groups;

/** The random groupId of a new group is already taken (1 in 2^64 per existing group): the use case draws another. */
public final class DuplicateGroupIdException extends RuntimeException {
    public DuplicateGroupIdException() {
        super("duplicate groupId", null, false, false);
    }
}
