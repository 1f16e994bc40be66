package io.convro.application.users;

import io.convro.domain.user.ConvroNumber;

/**
 * Out-port: hands out convro numbers. Each number once, not guessable from registration order, O(1),
 * and never failing before the whole space is taken: then {@code FAILED_TO_ALLOCATE_CONVRO_NUMBER}.
 * Called inside the registration transaction, so a rolled-back registration gives its number back.
 */
public interface NumberAllocator {
    ConvroNumber allocate();
}
