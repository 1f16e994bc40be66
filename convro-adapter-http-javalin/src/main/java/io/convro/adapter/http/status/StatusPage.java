package io.convro.adapter.http.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The HTML status page of {@code GET /}: a live status card (the page polls {@code /health} itself), the
 * canonical rules, the Socket.IO section and an endpoint reference rendered from the OpenAPI document, so
 * the reference cannot drift from the routes (a test holds the document to the registered routes).
 */
final class StatusPage {
    private static final int POLL_MILLIS = 5000;

    private StatusPage() {
    }

    static String render(String version, JsonNode openApi) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Convro server</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;overflow-wrap:anywhere}
                .card{border:1px solid #ccc;border-radius:8px;padding:1rem 1.5rem;margin-bottom:2rem}
                .card dl{display:grid;grid-template-columns:9rem minmax(0,1fr);gap:.3rem 1rem;margin:0}
                .card dt{font-weight:600}.card dd{margin:0;min-width:0}
                .ok{color:#0a7d28}.bad{color:#b00020}
                pre{background:#f4f4f4;padding:.6rem;margin:0;overflow:auto;white-space:pre-wrap}
                table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left;vertical-align:top}
                code{font-size:.9em}
                @media (max-width:40rem){
                body{margin:1rem auto}.card{padding:.8rem 1rem}
                .card dl{grid-template-columns:minmax(0,1fr)}.card dd{margin-bottom:.5rem}
                thead{display:none}tr{display:block;border-bottom:1px solid #ddd;padding:.4rem 0}td{display:block;border:0;padding:.1rem 0}
                }
                </style>
                </head>
                <body>
                <h1>Convro server <small>{{version}}</small></h1>
                <section class="card" id="status" data-checks="0">
                <h2>Status</h2>
                <dl>
                <dt>Status</dt><dd id="st-status">…</dd>
                <dt>Endpoint</dt><dd><code>GET /health</code></dd>
                <dt>DB</dt><dd id="st-db">…</dd>
                <dt>Database</dt><dd id="st-database">…</dd>
                <dt>Redis</dt><dd id="st-redis">…</dd>
                <dt>Sockets</dt><dd id="st-sockets">…</dd>
                <dt>Last good check</dt><dd id="st-last-good">none yet</dd>
                <dt>Timestamp</dt><dd id="st-time">…</dd>
                <dt>Raw JSON</dt><dd><pre id="st-raw">…</pre></dd>
                </dl>
                </section>
                <section id="rules">
                <h2>Canonical rules</h2>
                <ul>
                <li>JSON in UTF-8; every JSON response has <code>Content-Type: application/json</code>; unknown request fields are ignored.</li>
                <li>Every <code>/v1/*</code> route needs <code>Authorization: Bearer &lt;accessToken&gt;</code> except register, login and refresh.</li>
                <li>Errors: <code>{"error":"CODE","message":"…"}</code>, validation errors add <code>"field"</code>. Codes are stable; messages are not.</li>
                <li><code>convroNumber</code>: <code>+99</code> and 6 digits. <code>deviceId</code> and <code>keyId</code>: 16 hex, <code>sessionId</code>: 8 hex, case-insensitive in, lowercase out.</li>
                <li>Times: ISO-8601 UTC with exactly three millisecond digits and <code>Z</code>, e.g. <code>2026-11-25T14:10:54.120Z</code>.</li>
                <li>Body limit 64 KiB, 128 KiB for <code>/v1/dm/messages/send</code>; larger is <code>413 PAYLOAD_TOO_LARGE</code>.</li>
                <li>The server relays ciphertext only; it never sees a plaintext message.</li>
                </ul>
                </section>
                <section id="socketio">
                <h2>Socket.IO</h2>
                <p>Same host and port, path <code>/socket.io</code>: <code>io(baseUrl, {auth:{token}})</code> (or <code>?token=</code>).
                A missing, invalid, expired or revoked token gets <code>connect_error</code>. Each socket joins room <code>device:&lt;deviceId&gt;</code> before <code>connect</code>.</p>
                <ul>
                <li>client → server: <code>ping</code> → <code>pong {"ts"}</code></li>
                <li>server → client: <code>dm:message</code>, <code>dm:receipt</code>, <code>dm:session:incoming</code>, <code>dm:session:accepted</code>, <code>prekeys:low</code>, <code>device:revoked</code></li>
                <li>Realtime is a wake-up, not the record: catch up with <code>history?afterId=</code> and <code>conversations</code>.</li>
                </ul>
                </section>
                <section id="endpoints">
                <h2>Endpoints</h2>
                <p>Generated from <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
                <table>
                <thead><tr><th>Method</th><th>Path</th><th>Auth</th><th>Summary</th><th>Answers</th></tr></thead>
                <tbody>
                {{endpoints}}</tbody>
                </table>
                </section>
                <script>
                const card = document.getElementById('status');
                const set = (id, text, cls) => { const el = document.getElementById(id); el.textContent = text; el.className = cls || ''; };
                let lastGood = null;
                let checks = 0;
                function showLastGood() {
                  if (lastGood === null) { set('st-last-good', 'none yet', 'bad'); return; }
                  const seconds = Math.max(0, Math.round((Date.now() - lastGood.at) / 1000));
                  set('st-last-good', lastGood.timestamp + ' (' + seconds + ' s ago)', seconds * 1000 <= 2 * {{pollMillis}} ? 'ok' : 'bad');
                }
                async function refresh() {
                  checks++;
                  card.dataset.checks = String(checks);
                  try {
                    const res = await fetch('/health', {cache: 'no-store'});
                    const body = await res.json();
                    set('st-status', body.status, body.status === 'ok' ? 'ok' : 'bad');
                    set('st-db', body.db, body.db === 'up' ? 'ok' : 'bad');
                    set('st-database', body.database || 'unknown');
                    set('st-redis', body.redis || 'unknown', body.redis === 'up' ? 'ok' : body.redis === 'down' ? 'bad' : '');
                    set('st-sockets', body.sockets === undefined ? 'unknown' : String(body.sockets));
                    set('st-time', body.timestamp);
                    set('st-raw', JSON.stringify(body, null, 2));
                    if (res.ok && body.status === 'ok') {
                      lastGood = {at: Date.now(), timestamp: body.timestamp};
                    }
                  } catch (e) {
                    set('st-status', 'unreachable', 'bad');
                    set('st-raw', String(e));
                  }
                  showLastGood();
                }
                refresh();
                setInterval(refresh, {{pollMillis}});
                setInterval(showLastGood, 1000);
                </script>
                </body>
                </html>
                """.replace("{{version}}", escape(version)).replace("{{pollMillis}}", Integer.toString(POLL_MILLIS))
                .replace("{{endpoints}}", endpointRows(openApi));
    }

    private static String endpointRows(JsonNode openApi) {
        StringBuilder rows = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                JsonNode op = operation.getValue();
                boolean isPublic = op.path("security").isArray() && op.path("security").isEmpty();
                rows.append("<tr><td><code>").append(operation.getKey().toUpperCase(java.util.Locale.ROOT))
                        .append("</code></td><td><code>").append(escape(path.getKey()))
                        .append("</code></td><td>").append(isPublic ? "public" : "bearer")
                        .append("</td><td>").append(escape(op.path("summary").asText()))
                        .append("</td><td>").append(answers(op.path("responses"))).append("</td></tr>\n");
            }
        }
        return rows.toString();
    }

    private static String answers(JsonNode responses) {
        StringBuilder text = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> statuses = responses.fields();
        while (statuses.hasNext()) {
            Map.Entry<String, JsonNode> status = statuses.next();
            text.append("<code>").append(escape(status.getKey())).append("</code>");
            JsonNode codes = status.getValue().path("x-error-codes");
            if (codes.isArray() && !codes.isEmpty()) {
                text.append(' ');
                for (int i = 0; i < codes.size(); i++) {
                    text.append(i == 0 ? "" : ", ").append(escape(codes.get(i).asText()));
                }
            }
            text.append("<br>");
        }
        return text.toString();
    }

    /**
     * The page's Content-Security-Policy: nothing but its own inline style and script (by their SHA-256, so an
     * injected one would not run), and requests to this server only.
     */
    static String contentSecurityPolicy(String page) {
        return "default-src 'none'; style-src " + hashOf(page, "<style>", "</style>") + "; script-src "
                + hashOf(page, "<script>", "</script>") + "; connect-src 'self'; img-src 'self'; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors 'none'";
    }

    private static String hashOf(String page, String open, String close) {
        int start = page.indexOf(open) + open.length();
        String inline = page.substring(start, page.indexOf(close, start));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(inline.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "'sha256-" + java.util.Base64.getEncoder().encodeToString(digest) + "'";
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
