package io.convro.adapter.http.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How a request finds its route: the first match of path and method, 405 for another method, 404 for no path. */
class RouteTableTest {
    private static final Route.Handler NOTHING = (request, caller) -> CompletableFuture.completedFuture(null);
    private final Route send = Route.nonBlocking("POST", "/v1/dm/messages/send", Access.BEARER, NOTHING);
    private final Route history = Route.blocking("GET", "/v1/groups/{groupId}/messages", Access.BEARER, (r, c) -> null);
    private final Route post = Route.blocking("POST", "/v1/groups/{groupId}/messages", Access.BEARER, (r, c) -> null);
    private final Route health = Route.blocking("GET", "/health", Access.PUBLIC, (r, c) -> null);
    private final RouteTable table = new RouteTable(List.of(send, history, post, health, health.asHead()));

    @Test
    void aRequestReachesTheRouteOfItsPathAndMethodWithItsPathParametersDecoded() {
        assertThat(table.match("POST", "/v1/groups/ab%2Fcd/messages"))
                .isEqualTo(new RouteTable.Match.Found(post, Map.of("groupId", "ab/cd")));
        assertThat(table.match("GET", "/v1/groups/00aa/messages"))
                .isEqualTo(new RouteTable.Match.Found(history, Map.of("groupId", "00aa")));
        assertThat(table.match("HEAD", "/health")).isInstanceOf(RouteTable.Match.Found.class);
        assertThat(table.match("GET", "/health/")).isEqualTo(new RouteTable.Match.Found(health, Map.of()));
    }

    @Test
    void aPathThatSomeRouteTakesWithAnotherMethodIs405AndAnUnknownPath404() {
        assertThat(table.match("DELETE", "/v1/groups/00aa/messages")).isInstanceOf(RouteTable.Match.MethodNotAllowed.class);
        assertThat(table.match("GET", "/v1/dm/messages/send")).isInstanceOf(RouteTable.Match.MethodNotAllowed.class);
        assertThat(table.match("GET", "/v1/groups//messages")).isInstanceOf(RouteTable.Match.NotFound.class);
        assertThat(table.match("GET", "/v1/groups/00aa/messages/x")).isInstanceOf(RouteTable.Match.NotFound.class);
        assertThat(table.match("GET", "/nope")).isInstanceOf(RouteTable.Match.NotFound.class);
    }

    @Test
    void onlyANonBlockingRouteOfALiteralPathIsAnsweredDirectly() {
        assertThat(table.direct("POST", "/v1/dm/messages/send")).isSameAs(send);
        assertThat(table.direct("GET", "/v1/dm/messages/send")).isNull();
        assertThat(table.direct("GET", "/health")).isNull();
        assertThat(table.direct("POST", "/v1/dm/messages/send/")).isNull();
    }

    @Test
    void aLimitPerAddressIsOnlyForARouteThatMayWaitForItsLimiter() {
        assertThat(health.limitedPerAddress(PerAddressLimit.AUTH, "probe").limit()).isEqualTo(PerAddressLimit.AUTH);
        assertThatThrownBy(() -> send.limitedPerAddress(PerAddressLimit.AUTH, "send"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
