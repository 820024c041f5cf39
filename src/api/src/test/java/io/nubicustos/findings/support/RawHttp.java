package io.nubicustos.findings.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.RestAssured;

/**
 * Requests written byte for byte on a socket: what HTTP clients would tidy up (dot segments,
 * encoded slashes, conflicting framing headers, pipelining) reaches the server as sent.
 */
public final class RawHttp {

    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3})");

    private RawHttp() {
    }

    /** Everything the server answered until it closed the connection (or went quiet for a few seconds). */
    public static String exchange(String request) {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1), null);
    }

    /** Sends {@code head}, then {@code body} as it is read (may be null), and returns everything answered. */
    public static String exchange(byte[] head, InputStream body) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            if (body != null) {
                byte[] buffer = new byte[64 * 1024];
                try {
                    for (int n; (n = body.read(buffer)) > 0;) {
                        out.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    // The server refused and closed while we were still sending: read what it said.
                }
            }
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0;) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // Kept open or reset: what arrived is the answer.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET with the given raw target and extra header lines, on a connection closed after it. */
    public static String get(String target, String... headers) {
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return exchange(request.append("Connection: close\r\n\r\n").toString());
    }

    /**
     * A request whose body of {@code size} bytes ({@code prefix}, then 'x's) is sent in 64 KiB
     * chunks with no Content-Length: the size is known only as it arrives.
     */
    public static String chunked(String method, String target, String prefix, long size, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        InputStream body = new InputStream() {
            private final byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
            private long sent;
            private byte[] pending = new byte[0];
            private int at;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at == pending.length) {
                    if (sent > size) {
                        return -1;
                    }
                    pending = nextChunk();
                    at = 0;
                }
                int n = Math.min(len, pending.length - at);
                System.arraycopy(pending, at, b, off, n);
                at += n;
                return n;
            }

            private byte[] nextChunk() {
                if (sent == size) {
                    sent++;
                    return "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                }
                int length = (int) Math.min(64 * 1024, size - sent);
                byte[] data = new byte[length];
                java.util.Arrays.fill(data, (byte) 'x');
                for (int i = 0; i < length && sent + i < start.length; i++) {
                    data[i] = start[(int) sent + i];
                }
                sent += length;
                byte[] header = (Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                byte[] chunk = new byte[header.length + length + 2];
                System.arraycopy(header, 0, chunk, 0, header.length);
                System.arraycopy(data, 0, chunk, header.length, length);
                chunk[chunk.length - 2] = '\r';
                chunk[chunk.length - 1] = '\n';
                return chunk;
            }
        };
        return exchange(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /** The status codes of every response in an answer, in order. */
    public static List<Integer> statuses(String answer) {
        List<Integer> codes = new ArrayList<>();
        Matcher m = STATUS.matcher(answer);
        while (m.find()) {
            codes.add(Integer.parseInt(m.group(1)));
        }
        return codes;
    }

    public static int status(String answer) {
        List<Integer> codes = statuses(answer);
        return codes.isEmpty() ? -1 : codes.get(0);
    }
}
