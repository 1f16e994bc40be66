package io.convro.edge;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One TCP connection speaking HTTP/1.1 by hand, so a test knows exactly which connection is used. */
public final class RawHttpConnection implements AutoCloseable {

    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private String lastStatusLine;

    public RawHttpConnection(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** How long a read may wait before it fails. */
    public RawHttpConnection readTimeout(java.time.Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        return this;
    }

    /** Writes bytes as they are: several requests in one call are pipelined. */
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public static String request(String method, String target, String... extraHeaders) {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: relay.test\r\n");
        for (String h : extraHeaders) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    public static String requestWithBody(String method, String target, String body, String... extraHeaders) {
        String head = request(method, target, extraHeaders);
        return head.substring(0, head.length() - 2)
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** The status line of the response read last ({@code HTTP/1.1 200 OK}), {@code null} before the first. */
    public String lastStatusLine() {
        return lastStatusLine;
    }

    /** A response's status line and headers only: the answer to {@code HEAD}, whose headers describe no body sent. */
    public Response readHead() throws IOException {
        lastStatusLine = line();
        if (!lastStatusLine.matches("HTTP/\\d\\.\\d \\d{3}( .*)?")) {
            // bytes left of an earlier answer, or no HTTP at all: the connection is out of step
            throw new IOException("not a status line: " + abbreviated(lastStatusLine));
        }
        int status = Integer.parseInt(lastStatusLine.substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return new Response(status, headers, new byte[0]);
    }

    public Response read() throws IOException {
        Response head = readHead();
        int status = head.status();
        Map<String, List<String>> headers = head.headers();
        byte[] body;
        if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                buffer.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
            body = buffer.toByteArray();
        } else if (head.header("content-length") != null) {
            body = in.readNBytes(Integer.parseInt(head.header("content-length")));
        } else if (status == 204 || status == 304 || status < 200) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    /** True once the server has closed its side (reads end of stream). */
    public boolean closedByServer() throws IOException {
        return in.read() == -1;
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "… (" + text.length() + " chars)";
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c == -1) {
                throw new EOFException("connection closed by the server");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
