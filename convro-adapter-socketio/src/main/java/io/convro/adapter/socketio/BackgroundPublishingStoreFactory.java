package io.convro.adapter.socketio;

import com.corundumstudio.socketio.store.RedissonStoreFactory;
import com.corundumstudio.socketio.store.pubsub.PubSubListener;
import com.corundumstudio.socketio.store.pubsub.PubSubMessage;
import com.corundumstudio.socketio.store.pubsub.PubSubStore;
import com.corundumstudio.socketio.store.pubsub.PubSubType;
import org.redisson.api.RedissonClient;

/**
 * netty-socketio's Redisson store, except that what it publishes (room broadcasts, joins, leaves) goes out through
 * a {@link BackgroundPublisher}: its own publish is synchronous, so with Redis down every event would hold the
 * thread that stored the message for Redisson's timeouts and then fail it. Local sockets are served first by
 * netty-socketio either way; subscriptions are untouched.
 */
final class BackgroundPublishingStoreFactory extends RedissonStoreFactory {
    private final PubSubStore pubSub;
    private final boolean ownsClient;

    /** @param ownsClient whether stopping the server shuts the client down (not the node's shared client) */
    BackgroundPublishingStoreFactory(RedissonClient redisson, BackgroundPublisher publisher, boolean ownsClient) {
        super(redisson);
        this.ownsClient = ownsClient;
        PubSubStore redis = super.pubSubStore();
        this.pubSub = new PubSubStore() {
            @Override
            public void publish(PubSubType type, PubSubMessage message) {
                publisher.submit("socket.io " + type, () -> redis.publish(type, message));
            }

            @Override
            public <T extends PubSubMessage> void subscribe(PubSubType type, PubSubListener<T> listener, Class<T> clazz) {
                redis.subscribe(type, listener, clazz);
            }

            @Override
            public void unsubscribe(PubSubType type) {
                redis.unsubscribe(type);
            }

            @Override
            public void shutdown() {
                redis.shutdown();
            }
        };
    }

    @Override
    public PubSubStore pubSubStore() {
        return pubSub;
    }

    @Override
    public void shutdown() {
        pubSub.shutdown();
        if (ownsClient) {
            super.shutdown();
        }
    }
}
