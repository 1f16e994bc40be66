package io.convro.adapter.http.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route of the REST API, in the order they are tried (the busiest first), and how a request finds its own:
 * the first route whose path pattern matches and whose method is the request's; a path some route matches with
 * another method only is {@code 405}, no match at all {@code 404} (what the Javalin binding answers too). A pattern's
 * {@code {name}} matches one non-empty path segment; a trailing slash is ignored.
 */
public final class RouteTable {
    private final List<Route> routes;
    private final List<String[]> patterns;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.patterns = new ArrayList<>(routes.size());
        for (Route route : this.routes) {
            patterns.add(segments(route.path()));
        }
    }

    public List<Route> routes() {
        return routes;
    }

    /** What a request for {@code method path} reaches. */
    public Match match(String method, String path) {
        String[] given = segments(path);
        boolean otherMethod = false;
        for (int i = 0; i < routes.size(); i++) {
            Map<String, String> params = params(patterns.get(i), given);
            if (params == null) {
                continue;
            }
            Route route = routes.get(i);
            if (route.method().equals(method)) {
                return new Match.Found(route, params);
            }
            otherMethod = true;
        }
        return otherMethod ? new Match.MethodNotAllowed() : new Match.NotFound();
    }

    /**
     * The route a caller without a framework may answer straight from the parsed request: a non-blocking route
     * whose path has no parameters, matched exactly; {@code null} for every other request.
     */
    public Route direct(String method, String path) {
        for (Route route : routes) {
            if (!route.blocks() && route.path().equals(path) && route.method().equals(method)) {
                return route;
            }
        }
        return null;
    }

    /** The outcome of {@link #match}. */
    public sealed interface Match {
        record Found(Route route, Map<String, String> pathParams) implements Match {
        }

        record MethodNotAllowed() implements Match {
        }

        record NotFound() implements Match {
        }
    }

    private static String[] segments(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.split("/", -1);
    }

    private static Map<String, String> params(String[] pattern, String[] given) {
        if (pattern.length != given.length) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < pattern.length; i++) {
            String part = pattern[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                if (given[i].isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new HashMap<>(2);
                }
                params.put(part.substring(1, part.length() - 1), PercentDecoding.decode(given[i]));
            } else if (!part.equals(given[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }
}
