package io.convro.bootstrap;

import io.convro.adapter.http.inprocess.InProcessConnection;
import io.convro.adapter.http.inprocess.InProcessHttp;
import io.convro.adapter.http.messages.SendMessageEndpoint;
import io.convro.adapter.http.web.CorsPolicy;
import io.convro.adapter.socketio.relay.DirectRoute;
import io.convro.adapter.socketio.relay.InProcessBackend;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** The one public port's relay (Socket.IO adapter) joined to the REST app served in process (HTTP adapter). */
final class InProcessRestBackend implements InProcessBackend {
    private final InProcessHttp rest;
    private final CorsPolicy cors;

    InProcessRestBackend(InProcessHttp rest, CorsPolicy cors) {
        this.rest = rest;
        this.cors = cors;
    }

    /** The send route, answered without HTTP bytes or a request thread (see {@link SendMessageEndpoint}). */
    @Override
    public DirectRoute direct(String method, String path) {
        SendMessageEndpoint endpoint = rest.direct(method, path);
        if (endpoint == null) {
            return null;
        }
        return (header, body) -> {
            String allowOrigin = cors.allowedOrigin(header.apply("Origin"));
            return endpoint.answer(header.apply("Authorization"), header.apply("X-Forwarded-For"), body)
                    .thenApply(answer -> new DirectRoute.Answer(answer.status(), "application/json", answer.body(),
                            answer.retryAfter(), allowOrigin));
        };
    }

    @Override
    public Link open(InetSocketAddress local, int clientPort, Responses responses) {
        InProcessConnection connection = rest.open(local, clientPort, new InProcessConnection.ResponseSink() {
            @Override
            public boolean write(ByteBuffer responseBytes) {
                return responses.write(responseBytes);
            }

            @Override
            public void drained() {
                responses.drained();
            }

            @Override
            public void closed() {
                responses.closed();
            }
        });
        return new Link() {
            @Override
            public boolean send(ByteBuffer requestBytes) {
                return connection.feed(requestBytes);
            }

            @Override
            public void resume() {
                connection.resume();
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }
}
