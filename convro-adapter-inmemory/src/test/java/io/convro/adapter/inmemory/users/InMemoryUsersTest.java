package io.convro.adapter.inmemory.users;

import static io.convro.adapter.inmemory.StoreFixture.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.adapter.inmemory.Concurrently;
import io.convro.adapter.inmemory.InMemoryStores;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryUsersTest {
    private final InMemoryUsers users = new InMemoryStores().users();

    @Test
    void idsComeFromASequenceStartingAtOne() {
        assertThat(users.insert(newUser("anna", 10)).id()).isEqualTo(UserId.of(1));
        assertThat(users.insert(newUser("bert", 11)).id()).isEqualTo(UserId.of(2));
    }

    @Test
    void usernameUniquenessIsCaseInsensitive() {
        users.insert(newUser("Sigmabo", 1));

        assertThatThrownBy(() -> users.insert(newUser("sigmabo", 2)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USERNAME_TAKEN));
        assertThat(users.findByConvroNumber(ConvroNumber.ofIndex(2))).isEmpty();
    }

    @Test
    void findByUsernameIgnoresCaseAndReturnsTheNameAsRegistered() {
        User stored = users.insert(newUser("Sigmabo", 1));

        assertThat(users.findByUsername(Username.parse("SIGMABO"))).contains(stored);
        assertThat(stored.username().value()).isEqualTo("Sigmabo");
    }

    @Test
    void aTakenConvroNumberFailsAllocation() {
        users.insert(newUser("anna", 42));

        assertThatThrownBy(() -> users.insert(newUser("bert", 42)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_TO_ALLOCATE_CONVRO_NUMBER));
        assertThat(users.findByUsername(Username.parse("bert"))).isEmpty();
    }

    @Test
    void usersWithoutUsernameDoNotCollide() {
        users.insert(newUser(null, 1));
        users.insert(newUser(null, 2));

        assertThat(users.findByConvroNumber(ConvroNumber.ofIndex(2))).isPresent();
    }

    @Test
    void findByIdsReturnsOnlyUsersThatExist() {
        User anna = users.insert(newUser("anna", 1));
        User bert = users.insert(newUser("bert", 2));

        assertThat(users.findByIds(List.of(anna.id(), bert.id(), UserId.of(99))))
                .containsOnlyKeys(anna.id(), bert.id())
                .containsEntry(bert.id(), bert);
    }

    @Test
    void concurrentRegistrationsOfOneUsernameStoreOneUser() throws InterruptedException {
        AtomicInteger numbers = new AtomicInteger();
        List<Object> outcomes = Concurrently.run(20, () -> users.insert(newUser("racer", numbers.incrementAndGet())));

        assertThat(outcomes).filteredOn(User.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(DomainException.class::isInstance)
                .hasSize(19)
                .allSatisfy(e -> assertThat(((DomainException) e).code()).isEqualTo(ErrorCode.USERNAME_TAKEN));
    }
}
