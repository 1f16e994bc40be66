package io.convro.adapter.http.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /docs}: the API reference, rendered in the browser from {@code /openapi.json} by Swagger UI. Every
 * byte comes from the jar (Swagger UI's own assets from its webjar, the page and its start-up script beside this
 * class), so the page makes no request to another host; its Content-Security-Policy allows nothing else.
 */
final class ApiReference {
    static final String PAGE_PATH = "/docs";
    static final String ASSET_PATH = "/docs/{asset}";
    /**
     * Only this server's own scripts and styles. Swagger UI sets element styles from script, hence
     * {@code 'unsafe-inline'} for styles only; its icons are {@code data:} images.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    private static final String SWAGGER_UI = "/META-INF/resources/webjars/swagger-ui/";

    /** @param type  the Content-Type it is served with */
    record Asset(String type, byte[] bytes) {
    }

    private final byte[] page;
    private final Map<String, Asset> assets;

    private ApiReference(byte[] page, Map<String, Asset> assets) {
        this.page = page;
        this.assets = assets;
    }

    static ApiReference load() {
        String version = swaggerUiVersion();
        return new ApiReference(read("api-reference.html"), Map.of(
                "swagger-ui-bundle.js", new Asset("text/javascript; charset=utf-8",
                        read(SWAGGER_UI + version + "/swagger-ui-bundle.js")),
                "swagger-ui.css", new Asset("text/css; charset=utf-8", read(SWAGGER_UI + version + "/swagger-ui.css")),
                "api-reference.js", new Asset("text/javascript; charset=utf-8", read("api-reference.js"))));
    }

    byte[] page() {
        return page;
    }

    /** The asset of that name, {@code null} for any other. */
    Asset asset(String name) {
        return assets.get(name);
    }

    /** The webjar's version, from its Maven metadata: the assets' folder is named after it. */
    private static String swaggerUiVersion() {
        try (InputStream in = ApiReference.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the classpath");
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = ApiReference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
