package io.convro.domain.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.Base64;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class GroupValuesTest {
    @Property
    void anySixteenHexDigitsAreAGroupIdInLowercase(
            @ForAll @StringLength(16) @CharRange(from = '0', to = '9') @CharRange(from = 'a', to = 'f') @CharRange(from = 'A', to = 'F') String text) {
        assertThat(GroupId.parse(text).value()).isEqualTo(text.toLowerCase());
        assertThat(SenderKeyId.parse(text).value()).isEqualTo(text.toLowerCase());
    }

    @Property
    void aMalformedGroupIdIsNotFoundAndAMalformedSenderKeyIdIsInvalid(@ForAll @StringLength(max = 40) @Chars({'0', 'f', 'g', 'Z'}) String text) {
        if (text.length() == 16 && text.chars().allMatch(c -> c == '0' || c == 'f')) {
            return;
        }
        assertThatThrownBy(() -> GroupId.parse(text))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.GROUP_NOT_FOUND));
        assertThatThrownBy(() -> SenderKeyId.parse(text))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SENDER_KEY_ID));
    }

    @Test
    void randomGroupIdsAreValidAndDistinct() {
        SplittableRandom random = new SplittableRandom(7);
        assertThat(GroupId.random(random)).isNotEqualTo(GroupId.random(random));
        assertThatThrownBy(() -> GroupId.parse(null)).isInstanceOf(DomainException.class);
    }

    @Test
    void kindsAndRolesParseTheirWireNamesExactly() {
        assertThat(GroupKind.parse("CHANNEL")).isEqualTo(GroupKind.CHANNEL);
        assertThat(GroupRole.parse("ADMIN")).isEqualTo(GroupRole.ADMIN);
        assertThatThrownBy(() -> GroupKind.parse("group"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_GROUP_KIND));
        assertThatThrownBy(() -> GroupKind.parse(null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_GROUP_KIND));
        assertThatThrownBy(() -> GroupRole.parse("KING"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ROLE));
    }

    @Test
    void onlyOwnerAndAdminsPostInAChannelWhileEveryonePostsInAGroup() {
        assertThat(GroupKind.CHANNEL.mayPost(GroupRole.MEMBER)).isFalse();
        assertThat(GroupKind.CHANNEL.mayPost(GroupRole.ADMIN)).isTrue();
        assertThat(GroupKind.CHANNEL.mayPost(GroupRole.OWNER)).isTrue();
        assertThat(GroupKind.GROUP.mayPost(GroupRole.MEMBER)).isTrue();
        assertThat(GroupKind.GROUP.maxMembers()).isEqualTo(1_000);
        assertThat(GroupKind.CHANNEL.maxMembers()).isEqualTo(100_000);
    }

    @Property
    void titlesUpTo1024BytesAreKeptAndLongerOnesRejected(@ForAll byte[] bytes) {
        String text = Base64.getEncoder().encodeToString(bytes);
        if (bytes.length >= 1 && bytes.length <= EncryptedTitle.MAX_BYTES) {
            assertThat(EncryptedTitle.parseBase64(text).bytes()).isEqualTo(bytes);
        } else {
            assertThatThrownBy(() -> EncryptedTitle.parseBase64(text))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ENCRYPTED_TITLE));
        }
    }

    @Test
    void titlesOf1025BytesOrNotBase64AreInvalid() {
        assertThat(EncryptedTitle.parseBase64(Base64.getEncoder().encodeToString(new byte[1024])).length()).isEqualTo(1024);
        for (String bad : new String[] {Base64.getEncoder().encodeToString(new byte[1025]), "not base64!", "", null}) {
            assertThatThrownBy(() -> EncryptedTitle.parseBase64(bad))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ENCRYPTED_TITLE));
        }
    }
}
