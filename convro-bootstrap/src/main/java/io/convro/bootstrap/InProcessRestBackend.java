package io.convro.bootstrap;

import io.convro.adapter.http.inprocess.InProcessConnection;
import io.convro.adapter.http.inprocess.InProcessHttp;
import io.convro.adapter.http.chain.Chain;
import io.convro.adapter.socketio.relay.DirectRoute;
import io.convro.adapter.socketio.relay.InProcessBackend;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** The one public port's relay (Socket.IO adapter) joined to the REST app served in process (HTTP adapter). */
final class InProcessRestBackend implements InProcessBackend {
    private final InProcessHttp rest;

    InProcessRestBackend(InProcessHttp rest) {
        this.rest = rest;
    }

    /**
     * A route that never waits (the send route), answered by the REST chain without HTTP bytes or a request thread
     * (see {@link Chain#answerRelayed}).
     */
    @Override
    public DirectRoute direct(String method, String path) {
        Chain chain = rest.direct(method, path);
        if (chain == null) {
            return null;
        }
        return (header, body) -> chain.answerRelayed(method, path, header, body)
                .thenApply(answer -> new DirectRoute.Answer(answer.status(), answer.contentType(), answer.body(),
                        answer.retryAfter(), answer.header("Access-Control-Allow-Origin")));
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
