package io.convro.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.user.Password;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2idPasswordHasherTest {
    private static final Pattern PHC = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=([0-9]+),t=([0-9]+),p=([0-9]+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    /** One hasher for the class: construction itself computes a hash (the dummy). */
    private static final Argon2idPasswordHasher HASHER = Argon2idPasswordHasher.owaspMinimum();

    private final Password password = Password.parse("correct horse battery staple");

    @Test
    void aNewHasherAllocatesOneHashsMemoryCostAndNoMoreThanTheHeapItIsBudgetedFor() {
        // construction computes the dummy hash: the pool is empty, so its memory is allocated once, here
        long allocated = allocatedBy(Argon2idPasswordHasher::owaspMinimum);
        System.out.printf("a new hasher's first hash (m=%d KiB) allocated %,d bytes; budgeted %,d%n",
                HASHER.parameters().memoryKiB(), allocated, HASHER.heapBytesPerHash());
        assertThat(allocated).isGreaterThanOrEqualTo(HASHER.parameters().memoryKiB() * 1024L)
                .isLessThanOrEqualTo(HASHER.heapBytesPerHash());
    }

    @Test
    void laterHashesReuseThePooledMemoryInsteadOfAllocatingIt() {
        HASHER.hash(password);
        long allocated = allocatedBy(() -> HASHER.hash(password));
        assertThat(allocated).as("bytes allocated by a hash after the first").isLessThan(HASHER.parameters().memoryKiB() * 1024L / 20);
        assertThat(HASHER.verify(Password.offered("correct horse battery staple"), HASHER.hash(password)))
                .as("pooled blocks are cleared: hashes still verify").isTrue();
    }

    private static long allocatedBy(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void hashOfAPasswordVerifiesAgainstThatPassword() {
        String hash = HASHER.hash(password);
        assertThat(HASHER.verify(Password.offered("correct horse battery staple"), hash)).isTrue();
    }

    @Test
    void wrongPasswordDoesNotVerify() {
        String hash = HASHER.hash(password);
        assertThat(HASHER.verify(Password.offered("correct horse battery stapler"), hash)).isFalse();
        assertThat(HASHER.verify(Password.offered(""), hash)).isFalse();
    }

    @Test
    void nonAsciiPasswordRoundTrips() {
        Password zolw = Password.parse("zażółć gęślą jaźń 🔑");
        String hash = HASHER.hash(zolw);
        assertThat(HASHER.verify(Password.offered("zażółć gęślą jaźń 🔑"), hash)).isTrue();
        assertThat(HASHER.verify(Password.offered("zazolc gesla jazn 🔑"), hash)).isFalse();
    }

    @Test
    void twoHashesOfOnePasswordDifferBecauseOfTheSalt() {
        String first = HASHER.hash(password);
        String second = HASHER.hash(password);
        assertThat(first).isNotEqualTo(second);
        assertThat(salt(first)).isNotEqualTo(salt(second));
        assertThat(HASHER.verify(password, first)).isTrue();
        assertThat(HASHER.verify(password, second)).isTrue();
    }

    @Test
    void hashIsAPhcStringWithAtLeastOwaspParametersA16ByteSaltAndA32ByteHash() {
        Matcher phc = phc(HASHER.hash(password));
        assertThat(Integer.parseInt(phc.group(1))).isGreaterThanOrEqualTo(19_456);
        assertThat(Integer.parseInt(phc.group(2))).isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(phc.group(3))).isGreaterThanOrEqualTo(1);
        assertThat(Base64.getDecoder().decode(phc.group(4))).hasSize(16);
        assertThat(Base64.getDecoder().decode(phc.group(5))).hasSize(32);
    }

    @Test
    void defaultHashUsesExactlyTheOwaspMinimum() {
        assertThat(HASHER.hash(password)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void verifiesHashesMadeByTheArgon2ReferenceImplementation() {
        // Made with libargon2 (phc-winner-argon2) argon2id_hash_encoded: t=2, m=19456, p=1, 32-byte output,
        // salt "convro-salt-16by", password as UTF-8. Proves our PHC reading and UTF-8 handling are standard.
        String owasp = "$argon2id$v=19$m=19456,t=2,p=1$Y29udnJvLXNhbHQtMTZieQ$Te8PatnddX8trmiI3/WXwrI1ZxjVBZyeCd2JPfrApxc";
        assertThat(HASHER.verify(Password.offered("zażółć 🔑 password"), owasp)).isTrue();
        assertThat(HASHER.verify(Password.offered("zazolc 🔑 password"), owasp)).isFalse();
        // The argon2id vector of the reference implementation's own test suite (src/test.c).
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(HASHER.verify(Password.offered("password"), reference)).isTrue();
    }

    @Test
    void storedHashWithItsOwnStrongerParametersStillVerifies() {
        Argon2idPasswordHasher stronger = new Argon2idPasswordHasher(new Argon2idParameters(19_456, 3, 2));
        String hash = stronger.hash(password);
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=3,p=2$");
        assertThat(HASHER.verify(password, hash)).isTrue();
    }

    @Test
    void tamperedHashDoesNotVerify() {
        String hash = HASHER.hash(password);
        Matcher phc = phc(hash);
        byte[] digest = Base64.getDecoder().decode(phc.group(5));
        digest[0] ^= 1;
        String tampered = hash.substring(0, phc.start(5)) + Base64.getEncoder().withoutPadding().encodeToString(digest);
        assertThat(HASHER.verify(password, tampered)).isFalse();
        // same hash, parameters changed: a different computation, so no match either
        assertThat(HASHER.verify(password, hash.replace("t=2", "t=3"))).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "",
            "not a hash",
            "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2d$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=0$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=4,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=2147483647,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2147483647,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,p=1,t=2$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1$c29t$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAA-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=19456,t=2,p=1$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            " $argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    })
    void malformedStoredHashVerifiesFalseWithoutThrowing(String stored) {
        assertThatCode(() -> assertThat(HASHER.verify(password, stored)).isFalse()).doesNotThrowAnyException();
    }

    @Test
    void dummyVerificationRunsWithoutError() {
        assertThatCode(() -> HASHER.verifyDummy(password)).doesNotThrowAnyException();
        assertThatCode(() -> HASHER.verifyDummy(Password.offered(""))).doesNotThrowAnyException();
    }

    @Test
    void parametersBelowTheOwaspMinimumAreRefused() {
        assertThatThrownBy(() -> new Argon2idParameters(19_455, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idParameters(19_456, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idParameters(19_456, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        // OWASP lists m=9216,t=4 as equivalent, but each value below the minimum is refused on its own
        assertThatThrownBy(() -> new Argon2idParameters(9_216, 4, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void absurdlyLargeParametersAreRefused() {
        assertThatThrownBy(() -> new Argon2idParameters(Integer.MAX_VALUE, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idParameters(19_456, 1_000, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idParameters(19_456, 2, 1_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void testFactoryUsesTheOwaspMinimumToo() {
        assertThat(Argon2idPasswordHasher.owaspMinimum().parameters()).isEqualTo(Argon2idParameters.OWASP_MINIMUM);
        assertThat(Argon2idParameters.OWASP_MINIMUM).isEqualTo(new Argon2idParameters(19_456, 2, 1));
    }

    private static String salt(String hash) {
        return phc(hash).group(4);
    }

    private static Matcher phc(String hash) {
        Matcher m = PHC.matcher(hash);
        assertThat(m.matches()).as("PHC string: %s", hash).isTrue();
        return m;
    }
}
