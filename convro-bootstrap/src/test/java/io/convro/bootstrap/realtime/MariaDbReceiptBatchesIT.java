package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.bootstrap.testsupport.ScratchDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receipt batches over the same messages, listed in different orders by their clients, at the same time, on
 * MariaDB: each batch took the messages' row locks in its client's order, and two such batches deadlocked (the
 * soak benchmark saw 87 answered 503 in one run). Every batch must be answered 200.
 */
class MariaDbReceiptBatchesIT {
    @TempDir
    Path dataDir;

    @Test
    void concurrentBatchesOverTheSameMessagesInOppositeOrdersNeverDeadlock() throws Exception {
        try (ScratchDatabase scratch = ScratchDatabase.create("receipts");
             RunningServer server = RunningServer.start(dataDir, Map.of("CONVRO_DB_URL", scratch.url(),
                     "CONVRO_SEND_RATE_LIMIT", "0"))) {
            Conversations conversations = new Conversations(new RestClient(server.base()));
            Conversations.Session session = conversations.activeSession();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            Map<String, Integer> finalStates = new ConcurrentHashMap<>();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 15; round++) {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        ids.add(conversations.send(session.initiator(), session.responder(), session.sessionId(),
                                "r" + round + "-" + i).body().get("messageId").asLong());
                    }
                    List<Long> reversed = new ArrayList<>(ids);
                    Collections.reverse(reversed);
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<?>> batches = new ArrayList<>();
                    for (int client = 0; client < 4; client++) {
                        List<Long> order = client % 2 == 0 ? ids : reversed;
                        String status = client < 2 ? "DELIVERED" : "READ";
                        batches.add(clients.submit(() -> {
                            start.await();
                            int answer = conversations.rest().post("/v1/dm/messages/receipts", session.responder().accessToken(),
                                    Map.of("messageIds", order, "status", status)).status();
                            statuses.merge(answer, 1, Integer::sum);
                            return null;
                        }));
                    }
                    start.countDown();
                    for (Future<?> batch : batches) {
                        batch.get();
                    }
                    // states only move forward: whatever order the batches committed in, READ wins
                    conversations.rest().get("/v1/dm/messages/history?sessionId=" + session.sessionId() + "&limit=40",
                            session.initiator().accessToken()).expect(200).get("messages")
                            .forEach(message -> finalStates.merge(message.get("deliveryState").asText(), 1, Integer::sum));
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(statuses).as("answers to 60 concurrent batches").containsOnlyKeys(200);
            assertThat(finalStates).as("the messages' states after each round").containsOnlyKeys("READ");
        }
    }
}
