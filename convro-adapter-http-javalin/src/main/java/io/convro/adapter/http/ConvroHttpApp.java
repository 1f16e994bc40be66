package io.convro.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convro.adapter.http.auth.AuthRoutes;
import io.convro.adapter.http.chain.Chain;
import io.convro.adapter.http.chain.JsonAnswers;
import io.convro.adapter.http.chain.PerAddressLimit;
import io.convro.adapter.http.chain.Route;
import io.convro.adapter.http.chain.RouteTable;
import io.convro.adapter.http.devices.DeviceRoutes;
import io.convro.adapter.http.groups.GroupRoutes;
import io.convro.adapter.http.messages.MessageRoutes;
import io.convro.adapter.http.prekeys.PrekeyRoutes;
import io.convro.adapter.http.sessions.SessionRoutes;
import io.convro.adapter.http.status.MetricsRoute;
import io.convro.adapter.http.status.StatusRoutes;
import io.convro.adapter.http.status.TimeBoxedHealth;
import io.convro.adapter.http.users.UserRoutes;
import io.convro.adapter.http.validation.RequestValidator;
import io.convro.adapter.http.web.BoundedRequests;
import io.convro.adapter.http.web.ConnectionsPerAddress;
import io.convro.adapter.http.web.ClientAddress;
import io.convro.adapter.http.web.ErrorMapper;
import io.convro.adapter.http.web.JavalinBinding;
import io.convro.adapter.http.web.Json;
import io.convro.adapter.http.web.JsonErrorHandler;
import io.convro.adapter.http.web.BodyLimit;
import io.convro.adapter.http.web.OpenApiDocument;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.adapter.http.web.ServedRequests;
import io.convro.adapter.http.web.WholeBodies;
import io.convro.application.ConvroUseCases;
import io.convro.application.shared.BoundedWork;
import io.convro.application.shared.RateLimit;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the REST API of the wire contract (API.md §0–§6) on Javalin. The result is configured but not
 * started: call {@code app.start(host, port)} (port 0 picks a free one, then {@code app.port()}), and
 * {@link #stopGracefully(Javalin, Duration)} on shutdown. The one public port serves the same {@link #chain} without
 * Javalin.
 */
public final class ConvroHttpApp {
    /**
     * The contract: a database that does not answer within 1 s is down, and /health itself answers within 1 s. The
     * probe gets 600 ms, so that the answer (queued behind other requests on a busy node) still arrives inside the
     * second: with a deadline of exactly 1 s the soak benchmark saw answers of 1.1-1.4 s while the database was
     * stopped, with 800 ms 1,005-1,022 ms. The deadline counts from the probe's start, so only the first check of a
     * hanging probe waits it; the checks after it answer down at once.
     */
    public static final Duration HEALTH_DEADLINE = Duration.ofMillis(600);

    private static final long DRAIN_POLL_MILLIS = 20;
    private static final Duration IDLE_THREAD_TIMEOUT = Duration.ofMinutes(1);
    private static final int RESPONSE_COPY_BUFFER_BYTES = 1024;
    private static final int SPARE_THREADS = 4;
    private ConvroHttpApp() {
    }

    /**
     * Stop accepting connections, let requests in flight finish for up to {@code grace}, then stop. (Jetty's own
     * stop timeout would also wait for idle keep-alive connections, and then fail, so the drain is done here.)
     */
    public static void stopGracefully(Javalin app, Duration grace) {
        Server server = app.jettyServer().server();
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                network.close();
            }
        }
        StatisticsHandler statistics = server.getDescendant(StatisticsHandler.class);
        long deadline = System.nanoTime() + grace.toNanos();
        while (statistics != null && statistics.getRequestsActive() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(DRAIN_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
    }

    /**
     * {@code maxThreads} for requests ({@link BoundedRequests} lets no more run), plus Jetty's own (a socket
     * connector's acceptor and selectors) and four spare: those decide at once whether a request runs, waits without
     * a thread or is answered 503, and serve {@code /health}, however many requests wait for the database. No
     * reserved threads: Jetty keeps them for its selectors' hand-offs, and the in-process connector never uses them,
     * so they were threads nobody could run a request on. The job queue stays Jetty's own (unbounded: Jetty warns
     * that refusing its internal jobs, such as closing a connection, breaks it); with threads always free, a job
     * waits only for that quick decision.
     */
    private static QueuedThreadPool threadPool(int maxThreads) {
        int cores = Runtime.getRuntime().availableProcessors();
        int all = maxThreads + 1 + Math.max(1, cores / 2) + SPARE_THREADS;
        QueuedThreadPool pool = new QueuedThreadPool(all, Math.min(all, HttpSettings.MIN_THREADS),
                (int) IDLE_THREAD_TIMEOUT.toMillis(), 0, null, null);
        pool.setName("convro-http");
        return pool;
    }

    /** The budgets per client address that are on. */
    private static Map<PerAddressLimit, RateLimit> limitedPerAddress(AddressRateLimits limits) {
        Map<PerAddressLimit, RateLimit> on = new EnumMap<>(PerAddressLimit.class);
        limits.auth().ifPresent(limit -> on.put(PerAddressLimit.AUTH, limit));
        limits.resolve().ifPresent(limit -> on.put(PerAddressLimit.RESOLVE, limit));
        return on;
    }

    /** Every route, the busiest first: Javalin tries each route's path pattern in the order they were added. */
    private static RouteTable routes(ConvroUseCases useCases, HealthProbe healthProbe, HttpSettings settings,
                                     HttpOperations operations, ObjectMapper mapper) {
        RequestBodies bodies = new RequestBodies(mapper, new RequestValidator());
        JsonAnswers json = new JsonAnswers(mapper);
        TimeBoxedHealth health = new TimeBoxedHealth(healthProbe, HEALTH_DEADLINE);
        List<Route> routes = new ArrayList<>();
        routes.addAll(new MessageRoutes(useCases, bodies, json).routes());
        routes.addAll(new GroupRoutes(useCases, bodies, json).routes());
        routes.addAll(new StatusRoutes(health, healthProbe, settings, OpenApiDocument.load(mapper), json).routes());
        routes.addAll(new AuthRoutes(useCases, bodies, json).routes());
        routes.addAll(new DeviceRoutes(useCases, bodies, json).routes());
        routes.addAll(new UserRoutes(useCases, json).routes());
        routes.addAll(new PrekeyRoutes(useCases, bodies, json).routes());
        routes.addAll(new SessionRoutes(useCases, bodies, json).routes());
        if (operations.scrape() != null) {
            routes.addAll(new MetricsRoute(operations.scrape(), operations.metricsToken()).routes());
        }
        return new RouteTable(routes);
    }

    /**
     * Cap the connections one client address holds on the app's socket connectors (after {@code app.start(host,
     * port)}); {@code 0} for none.
     */
    public static void capConnectionsPerAddress(Javalin app, int cap) {
        if (cap == 0) {
            return;
        }
        ConnectionsPerAddress listener = new ConnectionsPerAddress(cap);
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                network.addEventListener(listener);
            }
        }
    }

    /**
     * Cap the connections the app's socket connectors hold in all (after {@code app.start(host, port)}); {@code 0}
     * for none. At the cap Jetty stops accepting (new connections wait in the listen backlog) until one closes.
     */
    public static void capConnections(Javalin app, int cap) {
        if (cap == 0) {
            return;
        }
        ConnectionLimit limit = new ConnectionLimit(cap, app.jettyServer().server());
        app.jettyServer().server().addBean(limit);
        try {
            limit.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot cap the connections of the REST port", e);
        }
    }

    /** Without a rate limit per client address. */
    public static Javalin create(ConvroUseCases useCases, HealthProbe healthProbe, HttpSettings settings) {
        return create(useCases, healthProbe, settings, AddressRateLimits.off());
    }

    /** Listening on a socket ({@code app.start(host, port)}). */
    public static Javalin create(ConvroUseCases useCases, HealthProbe healthProbe, HttpSettings settings,
                                 AddressRateLimits addressLimits) {
        return create(useCases, healthProbe, settings, addressLimits, HttpOperations.none());
    }

    /**
     * @param operations where every request is timed and logged ({@link ServedRequests}), and {@code GET /metrics}
     */
    public static Javalin create(ConvroUseCases useCases, HealthProbe healthProbe, HttpSettings settings,
                                 AddressRateLimits addressLimits, HttpOperations operations) {
        return create(chain(useCases, healthProbe, settings, addressLimits, operations, HttpEdge.defaults(),
                blockingWork(settings.maxThreads())), settings);
    }

    /**
     * The REST API's one chain, bound to no server: Javalin serves it ({@link #create(Chain, HttpSettings)}), and so
     * does the one public port (through {@link Chain#answerGathered}).
     *
     * @param edge         the CORS origins and the proxies trusted for the client's address (rate limits, request lines)
     * @param blockingWork where a caller that must not wait (the public port's event loop) has a blocking route run,
     *                     or a token checked against the store: the caller's, who closes it
     */
    public static Chain chain(ConvroUseCases useCases, HealthProbe healthProbe, HttpSettings settings,
                              AddressRateLimits addressLimits, HttpOperations operations, HttpEdge edge,
                              BoundedWork blockingWork) {
        ClientAddress clientAddress = new ClientAddress(edge.trustedProxies());
        ObjectMapper mapper = Json.strictMapper();
        return new Chain(routes(useCases, healthProbe, settings, operations, mapper), new ErrorMapper(mapper), edge.cors(),
                addressLimits.limiter(), limitedPerAddress(addressLimits), useCases.authenticateToken(),
                operations.served(), clientAddress, blockingWork);
    }

    /**
     * Where the chain runs a blocking route when its caller must not wait (the public port's event loops), and a token
     * check that must read the store: the request threads' own bound ({@link BoundedRequests#forThreads}),
     * {@code maxThreads} at once, eight times as many waiting, none over 5 s; beyond that 503, so both port modes
     * refuse alike. Daemon threads that time out when idle; whoever makes it closes it (the node, or an app built here
     * whole).
     */
    public static BoundedWork blockingWork(int maxThreads) {
        return new BoundedWork("convro-rest", maxThreads, BoundedRequests.WAITING_PER_THREAD * maxThreads,
                BoundedRequests.MAX_WAIT);
    }

    /** Javalin, on Jetty, serving {@code chain}: listening on a socket once started ({@code app.start(host, port)}). */
    public static Javalin create(Chain chain, HttpSettings settings) {
        ErrorMapper errors = chain.errors();
        ServedRequests served = chain.served();
        JavalinBinding binding = new JavalinBinding(chain, errors, chain.clientAddress(), served);
        QueuedThreadPool threads = threadPool(settings.maxThreads());
        BoundedRequests bounded = BoundedRequests.forThreads(settings.maxThreads(), errors, served);

        return Javalin.create(config -> {
            // Javalin puts its servlet context inside the handler the server already has: every route is bounded
            config.jetty.modifyServer(server -> {
                // bodies are read whole, without a thread, before a request takes a request slot
                server.setHandler(new WholeBodies(bounded, settings.requestBodyTimeout(), errors));
                // Jetty's own rejections (unparseable requests, ambiguous URIs) in the API's error shape, not HTML
                server.setErrorHandler(new JsonErrorHandler(errors));
            });
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(Json.strictMapper(), false));
            config.http.prefer405over404 = true;
            config.jetty.threadPool = threads;
            // Javalin copies each response through a buffer of this size, allocated per response (32 KiB by
            // default): most answers are a few hundred bytes
            config.http.responseBufferSize = RESPONSE_COPY_BUFFER_BYTES;
            // Jetty caches each connection's header values up to 1 KiB in all; every send carries another device's
            // token in Authorization, so the cache filled and was cleared again and again (3 % of the send path's
            // CPU in a profile). Common values are matched against Jetty's static cache either way.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            // our own limits are enforced by BodyLimit with the contract's error body; this is only a backstop
            config.http.maxRequestSize = BodyLimit.SEND_MESSAGE_BYTES;

            // one line and one timer update per answered request
            config.requestLogger.http(binding::served);
            binding.bind(config.routes);
        });
    }
}
