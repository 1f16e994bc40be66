package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.convro.edge.RawHttpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 20: malformed client input must neither flood the log nor put a token into it. The server's own logging
 * (ConsoleLogging, as the jar runs it) is captured byte for byte while a valid access token is fed through every path
 * that logged one (a URI with {@code ?token=} and a bad escape, frame payloads, headers), and 200 malformed frames.
 */
class ClientInputLogsTest {
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    @TempDir
    static Path dataDir;
    private static RunningServer server;
    private static String token;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> appender;

    @BeforeAll
    static void start() {
        server = RunningServer.onePort(dataDir);
        token = new Conversations(new RestClient(server.base())).register().accessToken();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void capture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d %-5level [%thread] %logger{20} - %msg%n%ex");
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(captured);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @AfterEach
    void release() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }

    @Test
    void twoHundredMalformedFramesGrowTheLogByUnder200KilobytesAndEachClosesItsSocket() throws IOException {
        String firstSid = null;
        for (int i = 0; i < 200; i++) {
            String sid = handshake("");
            firstSid = firstSid == null ? sid : firstSid;
            exchange(RawHttpConnection.requestWithBody("POST", polling(sid), "42[", "Content-Type: text/plain;charset=UTF-8"));
        }
        RawHttpConnection.Response afterwards = exchange(RawHttpConnection.request("GET", polling(firstSid)));

        System.out.printf("200 malformed frames: %d log bytes%n", captured.size());
        assertThat(captured.size()).as("log bytes for 200 malformed frames:%n%s", captured).isLessThan(200 * 1024);
        assertThat(afterwards.status() >= 400 || afterwards.text().startsWith("1") || afterwards.text().startsWith("41"))
                .as("a poll of a socket that sent a malformed frame: %s %s", afterwards.status(), afterwards.text()).isTrue();
    }

    @Test
    void noTokenReachesTheLogWhicheverPathCarriesIt() throws IOException {
        String sid = handshake("&token=" + token);
        List<String> requests = List.of(
                RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling&token=" + token + "&x=%ZZ"),
                RawHttpConnection.request("GET", "/socket.io/?EIO=4&token=" + token),
                RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=" + token),
                RawHttpConnection.request("GET", "/v1/auth/me?token=" + token + "&x=%ZZ", "Authorization: Bearer " + token),
                RawHttpConnection.request("GET", "/%ZZ?token=" + token, "Authorization: Bearer " + token),
                RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling", "Cookie: io=" + token,
                        "X-Forwarded-For: " + token, "Authorization: Bearer " + token),
                "GET /?token=" + token + " HTTP/1.1 trailing\r\nHost: x\r\n\r\n",
                "GET /v1/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\nBad Header\r\n\r\n",
                frame(sid, "40{\"token\":\"" + token + "\""),
                frame(handshake(""), "42[" + token),
                frame(handshake(""), "42[\"ping\",\"" + token),
                frame(handshake(""), "4" + token),
                frame(handshake(""), "40" + token),
                frame(handshake("&token=" + token), "41" + token));
        for (String request : requests) {
            try {
                exchange(request);
            } catch (IOException closedWithoutAnswer) {
                // what the server answers is other tests' business; here only the log counts
            }
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(log).doesNotContain(token).doesNotContain(signature);
    }

    @Test
    void noTokenReachesTheLogInTwoPortModeEither(@TempDir Path twoPortData) throws IOException {
        try (RunningServer twoPorts = RunningServer.start(twoPortData, java.util.Map.of("CONVRO_SOCKETIO_PORT", "0"))) {
            String twoPortToken = new Conversations(new RestClient(twoPorts.base())).register().accessToken();
            InetSocketAddress socketIo = new InetSocketAddress("127.0.0.1", twoPorts.socketIoBase().getPort());
            InetSocketAddress rest = new InetSocketAddress("127.0.0.1", twoPorts.port());
            List<String> toSocketIo = List.of(
                    RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling&token=" + twoPortToken + "&x=%ZZ"),
                    RawHttpConnection.request("GET", "/socket.io/?EIO=4&token=" + twoPortToken),
                    RawHttpConnection.request("GET", "/elsewhere?token=" + twoPortToken),
                    "GET /socket.io/?token=" + twoPortToken + " HTTP/1.1 trailing\r\nHost: x\r\n\r\n");
            for (String request : toSocketIo) {
                exchangeQuietly(socketIo, request);
            }
            exchangeQuietly(rest, RawHttpConnection.request("GET", "/v1/auth/me?token=" + twoPortToken + "&x=%ZZ",
                    "Authorization: Bearer " + twoPortToken));

            String log = captured.toString(StandardCharsets.UTF_8);
            assertThat(log).doesNotContain(twoPortToken)
                    .doesNotContain(twoPortToken.substring(twoPortToken.lastIndexOf('.') + 1));
        }
    }

    private static void exchangeQuietly(InetSocketAddress address, String request) {
        try (RawHttpConnection connection = new RawHttpConnection(address).readTimeout(java.time.Duration.ofSeconds(3))) {
            connection.write(request);
            connection.read();
        } catch (IOException closedOrSilent) {
            // only the log counts here
        }
    }

    private static String frame(String sid, String payload) {
        return RawHttpConnection.requestWithBody("POST", polling(sid), payload, "Content-Type: text/plain;charset=UTF-8");
    }

    private static String polling(String sid) {
        return "/socket.io/?EIO=4&transport=polling&sid=" + sid;
    }

    private static String handshake(String query) throws IOException {
        RawHttpConnection.Response open = exchange(RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling" + query));
        Matcher matcher = SID.matcher(open.text());
        assertThat(matcher.find()).as("sid in %s %s", open.status(), open.text()).isTrue();
        return matcher.group(1);
    }

    private static RawHttpConnection.Response exchange(String request) throws IOException {
        try (RawHttpConnection connection = new RawHttpConnection(new InetSocketAddress("127.0.0.1", server.port()))) {
            connection.write(request);
            return connection.read();
        }
    }
}
