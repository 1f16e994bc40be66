package io.convro.domain.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DeviceListCheckTest {
    private static DeviceId device(int n) {
        return DeviceId.parse(String.format("%016x", n));
    }

    private static List<DeviceId> devices(Set<Integer> numbers) {
        return numbers.stream().sorted().map(DeviceListCheckTest::device).toList();
    }

    @Property
    void missingAndExtraAreExactlyTheTwoSetDifferences(@ForAll @Size(max = 12) Set<@IntRange(max = 20) Integer> expected,
                                                       @ForAll @Size(max = 12) Set<@IntRange(max = 20) Integer> given) {
        DeviceListCheck check = DeviceListCheck.compare(devices(expected), devices(given));
        Set<Integer> missing = new HashSet<>(expected);
        missing.removeAll(given);
        Set<Integer> extra = new HashSet<>(given);
        extra.removeAll(expected);
        assertThat(check.missing()).containsExactlyElementsOf(devices(missing));
        assertThat(check.extra()).containsExactlyElementsOf(devices(extra));
        assertThat(check.matches()).isEqualTo(expected.equals(given));
    }

    @Property
    void addingTheMissingAndDroppingTheExtraAlwaysMatches(@ForAll @Size(max = 12) Set<@IntRange(max = 20) Integer> expected,
                                                          @ForAll @Size(max = 12) Set<@IntRange(max = 20) Integer> given) {
        DeviceListCheck first = DeviceListCheck.compare(devices(expected), devices(given));
        List<DeviceId> retried = new ArrayList<>(devices(given));
        retried.removeAll(first.extra());
        retried.addAll(first.missing());
        assertThat(DeviceListCheck.compare(devices(expected), retried).matches()).isTrue();
    }

    @Test
    void aMismatchIsAConflictNamingBothLists() {
        DeviceListCheck check = DeviceListCheck.compare(List.of(device(1), device(2)), List.of(device(2), device(3)));
        assertThatThrownBy(check::orThrow).isInstanceOfSatisfying(DeviceListMismatchException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_LIST_MISMATCH);
            assertThat(e.missingDevices()).containsExactly(device(1));
            assertThat(e.extraDevices()).containsExactly(device(3));
        });
    }

    @Test
    void theAudienceIsThePeersDevicesPlusOnRequestTheSendersOthersButNeverTheSendingDevice() {
        List<DeviceId> peer = List.of(device(1), device(2));
        List<DeviceId> own = List.of(device(7), device(8));
        assertThat(FanoutAudience.expected(peer, device(7), own, false)).containsExactly(device(1), device(2));
        assertThat(FanoutAudience.expected(peer, device(7), own, true)).containsExactly(device(1), device(2), device(8));
        assertThat(FanoutAudience.expected(own, device(7), own, false)).containsExactly(device(8));
    }

    @Test
    void recipientsAreOneToTwentyDistinctDevices() {
        assertThatThrownBy(() -> FanoutRecipients.of(List.of()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_RECIPIENTS));
        List<DeviceId> twentyOne = IntStream.range(0, 21).mapToObj(DeviceListCheckTest::device).toList();
        assertThatThrownBy(() -> FanoutRecipients.of(twentyOne))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_RECIPIENTS));
        assertThat(FanoutRecipients.of(twentyOne.subList(0, 20)).devices()).hasSize(20);
        assertThatThrownBy(() -> FanoutRecipients.of(List.of(device(1), device(2), device(1))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_RECIPIENT);
                    assertThat(e.field()).isEqualTo("messages[2].recipientDeviceId");
                });
    }
}
