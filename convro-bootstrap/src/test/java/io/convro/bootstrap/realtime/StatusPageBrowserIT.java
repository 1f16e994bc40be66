package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page ({@code GET /}) in a real browser: Debian's Chromium, headless, under the page's own strict
 * Content-Security-Policy. At 1280 and at 390 px wide the live card fills in from {@code /health}, keeps updating
 * (two checks, two timestamps), says when the last good check was, how many sockets are connected, which database
 * and whether Redis is up; and the page never scrolls sideways. A screenshot of each width goes to
 * {@code target/status-<width>.png} ({@code docs/status-<width>.png} is a copy of it).
 */
class StatusPageBrowserIT {
    @TempDir
    Path work;

    @Test
    void theLiveCardFillsInAndUpdatesAtDesktopAndPhoneWidthWithoutSidewaysScrolling() throws Exception {
        Path chromium = TestServices.executable("chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome");
        String redis = TestServices.redisUrl();
        try (RunningServer server = RunningServer.start(work.resolve("data"), Map.of("CONVRO_REDIS_URL", redis))) {
            RestClient rest = new RestClient(server.base());
            Account account = Account.from(rest.post("/v1/auth/register", null,
                    Map.of("password", "correct horse battery")).expect(201));
            try (SocketProbe socket = SocketProbe.connect(server.base(), SocketProbe.Via.WEBSOCKET, SocketProbe.TokenIn.AUTH,
                    account.accessToken());
                 HeadlessChromium browser = HeadlessChromium.start(chromium, work)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> socket.saw("connect"));
                for (int[] size : new int[][] {{1280, 900}, {390, 844}}) {
                    check(browser, server, size[0], size[1]);
                }
            }
        }
    }

    private void check(HeadlessChromium browser, RunningServer server, int width, int height) throws Exception {
        browser.call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
        browser.call("Page.navigate", Map.of("url", server.base().resolve("/").toString()));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> browser.evaluate("Number(document.getElementById('status').dataset.checks)").asInt() >= 1
                        && !browser.evaluate("document.getElementById('st-time').textContent").asText().equals("…"));
        String firstTimestamp = browser.evaluate("document.getElementById('st-time').textContent").asText();
        // the card polls /health every 5 s by itself: a second check brings a later timestamp
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> browser.evaluate("Number(document.getElementById('status').dataset.checks)").asInt() >= 2
                        && !browser.evaluate("document.getElementById('st-time').textContent").asText().equals(firstTimestamp));

        JsonNode card = browser.evaluate("""
                (() => { const text = id => document.getElementById(id).textContent;
                  return {status: text('st-status'), db: text('st-db'), database: text('st-database'),
                    redis: text('st-redis'), sockets: text('st-sockets'), lastGood: text('st-last-good'),
                    lastGoodClass: document.getElementById('st-last-good').className,
                    time: text('st-time'), scrollWidth: document.documentElement.scrollWidth,
                    viewport: window.innerWidth}; })()""");
        assertThat(card.path("status").asText()).isEqualTo("ok");
        assertThat(card.path("db").asText()).isEqualTo("up");
        assertThat(card.path("database").asText()).startsWith("H2 ").endsWith("(embedded)");
        assertThat(card.path("redis").asText()).isEqualTo("up");
        assertThat(card.path("sockets").asText()).isEqualTo("1");
        assertThat(card.path("lastGood").asText()).as("the last good check: its server time and how long ago")
                .startsWith(card.path("time").asText()).matches(".* \\((\\d+) s ago\\)");
        assertThat(card.path("lastGoodClass").asText()).isEqualTo("ok");
        assertThat(card.path("viewport").asInt()).isEqualTo(width);
        assertThat(card.path("scrollWidth").asInt()).as("the page is no wider than the window at %d px", width)
                .isLessThanOrEqualTo(width);

        byte[] png = Base64.getDecoder().decode(browser.call("Page.captureScreenshot", Map.of("format", "png"))
                .path("data").asText());
        Path shot = Path.of("target", "status-" + width + ".png");
        Files.write(shot, png);
        assertThat(png.length).as("a screenshot of the page at %d px", width).isGreaterThan(10_000);
        if (Boolean.getBoolean("convro.screenshotsToDocs")) {
            Files.copy(shot, Path.of("..", "docs", shot.getFileName().toString()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
