package io.convro.adapter.inmemory.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.inmemory.Concurrently;
import io.convro.adapter.inmemory.realtime.RecordingRealtimePublisher.Disconnected;
import io.convro.adapter.inmemory.realtime.RecordingRealtimePublisher.Published;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.domain.device.DeviceId;
import org.junit.jupiter.api.Test;

class RecordingRealtimePublisherTest {
    private final RecordingRealtimePublisher publisher = new RecordingRealtimePublisher();
    private final DeviceId phone = new DeviceId("00000000000000a1");
    private final DeviceId laptop = new DeviceId("00000000000000b2");

    @Test
    void recordsPublishesAndDisconnectsInOrder() {
        RealtimeEvent low = new RealtimeEvent.PrekeysLow(3);
        RealtimeEvent revoked = new RealtimeEvent.DeviceRevoked(laptop);
        publisher.publish(phone, low);
        publisher.disconnect(laptop);
        publisher.publish(laptop, revoked);

        assertThat(publisher.entries()).containsExactly(new Published(phone, low), new Disconnected(laptop),
                new Published(laptop, revoked));
        assertThat(publisher.eventsFor(phone)).containsExactly(low);
        assertThat(publisher.eventsFor(laptop, RealtimeEvent.DeviceRevoked.class)).containsExactly((RealtimeEvent.DeviceRevoked) revoked);
        assertThat(publisher.eventsFor(laptop, RealtimeEvent.PrekeysLow.class)).isEmpty();
        assertThat(publisher.eventsNamed("prekeys:low")).containsExactly(new Published(phone, low));
        assertThat(publisher.disconnected()).containsExactly(laptop);
    }

    @Test
    void clearForgetsEverything() {
        publisher.publish(phone, new RealtimeEvent.PrekeysLow(1));
        publisher.disconnect(phone);

        publisher.clear();

        assertThat(publisher.entries()).isEmpty();
        assertThat(publisher.disconnected()).isEmpty();
    }

    @Test
    void losesNothingUnderConcurrentPublishes() throws InterruptedException {
        Concurrently.run(16, () -> {
            for (int i = 0; i < 100; i++) {
                publisher.publish(phone, new RealtimeEvent.PrekeysLow(i));
            }
            return null;
        });

        assertThat(publisher.eventsFor(phone)).hasSize(1600);
    }
}
