package io.convro.application.groups;

import io.convro.domain.group.Group;

/** The group after a membership change; {@code left} when the caller left it (answered {@code {"ok":true}}). */
public record MembersChanged(Group group, boolean left) {
}
