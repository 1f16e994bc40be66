package io.convro.adapter.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.corundumstudio.socketio.listener.DefaultExceptionListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class QuietPeerResetsTest {
    private final Logger defaultLogger = (Logger) LoggerFactory.getLogger(DefaultExceptionListener.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = channel.pipeline().firstContext();

    @BeforeEach
    void listen() {
        logged.start();
        defaultLogger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        defaultLogger.detachAppender(logged);
        channel.finishAndReleaseAll();
    }

    @Test
    void aPeerThatResetItsConnectionIsNoError() throws Exception {
        boolean handled = new QuietPeerResets().exceptionCaught(ctx, new IOException("Connection reset by peer"));

        assertThat(handled).isTrue();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void anythingElseCameFromTheClientAndClosesTheConnectionLoggedWithoutItsMessage() throws Exception {
        Logger inputLogger = (Logger) LoggerFactory.getLogger(ClientInputLog.class);
        ListAppender<ILoggingEvent> input = new ListAppender<>();
        input.start();
        inputLogger.addAppender(input);
        try {
            boolean handled = new QuietPeerResets().exceptionCaught(ctx,
                    new IOException(new IllegalStateException("Unrecognized token 'eyJsecret': was expecting")));

            assertThat(handled).isTrue();
            assertThat(channel.isOpen()).isFalse();
            assertThat(logged.list).isEmpty();
            assertThat(input.list).allSatisfy(event -> {
                assertThat(event.getFormattedMessage()).contains("IllegalStateException").doesNotContain("eyJsecret");
                assertThat(event.getThrowableProxy()).isNull();
            });
        } finally {
            inputLogger.detachAppender(input);
        }
    }
}
