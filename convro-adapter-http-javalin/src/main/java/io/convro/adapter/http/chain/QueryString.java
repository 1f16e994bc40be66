package io.convro.adapter.http.chain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The parameters of a query as sent ({@code a=1&b=x%20y&a=2}), decoded as forms are ({@code +} is a space, {@code %XX}
 * a UTF-8 byte): each name's values in order, a name without {@code =} has the value {@code ""}. For a binding that
 * parsed the request itself; Javalin decodes its own the same way.
 */
final class QueryString {
    private QueryString() {
    }

    /** A query parameter's values by name, {@code rawQuery} parsed once, when first asked. */
    static Function<String, List<String>> lazy(String rawQuery) {
        return new Function<>() {
            private Map<String, List<String>> params;

            @Override
            public List<String> apply(String name) {
                if (params == null) {
                    params = parse(rawQuery);
                }
                return params.getOrDefault(name, List.of());
            }
        };
    }

    static Map<String, List<String>> parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new HashMap<>(4);
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                int equals = rawQuery.indexOf('=', start);
                boolean valued = equals >= 0 && equals < end;
                String name = decode(rawQuery.substring(start, valued ? equals : end));
                String value = valued ? decode(rawQuery.substring(equals + 1, end)) : "";
                params.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return params;
    }

    private static String decode(String part) {
        if (part.indexOf('%') < 0 && part.indexOf('+') < 0) {
            return part;
        }
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return part; // the chain refused a malformed escape already (MalformedTargets); kept as sent
        }
    }
}
