package io.convro.adapter.persistence.users;

import io.convro.adapter.persistence.Handles;
import io.convro.application.users.NumberSequence;

/**
 * {@link NumberSequence} on the single {@code number_sequence} row. The migration creates the row with a
 * key from the database's CSPRNG, so there is no first-use race to win; the counter moves with an
 * {@code UPDATE … + 1} inside the caller's transaction (its own one when called outside), so a rolled-back
 * registration hands its value back.
 */
public final class JdbiNumberSequence implements NumberSequence {
    private final Handles handles;

    public JdbiNumberSequence(Handles handles) {
        this.handles = handles;
    }

    @Override
    public long takeNext() {
        return handles.inTransaction(() -> handles.withDao(NumberSequenceDao.class, dao -> {
            if (dao.increment() != 1) {
                throw new IllegalStateException("number_sequence has no row: were the migrations run?");
            }
            // the UPDATE holds the row lock, so this read sees our own increment and nobody else's
            return dao.nextValue() - 1;
        }));
    }

    @Override
    public byte[] permutationKey() {
        return handles.withDao(NumberSequenceDao.class, NumberSequenceDao::permutationKey);
    }
}
