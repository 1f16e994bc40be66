package io.convro.application.groups;

/** Every group out-port together: what one adapter (in-memory, JDBI) implements and the bootstrap plugs in. */
public interface GroupStore extends LoadGroupPort, SaveGroupPort, StoreGroupMessagePort, ReadGroupMessagesPort,
        GroupReadPointersPort, ListGroupsPort {
}
