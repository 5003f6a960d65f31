package dev.rendezvous.client.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One blocking HTTP exchange over {@link HttpURLConnection}, the HTTP client that both the JVM and
 * Android ship (on Android it is backed by the platform's own OkHttp). Runs on the SDK's HTTP
 * threads, never on the caller's.
 */
final class HttpExchange {
  /** A reply body longer than this is refused: the service's replies are a few hundred bytes. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final byte[] EMPTY_JSON_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

  /** The status and body of a reply. */
  static final class Reply {
    final int status;

    /** The body, or null when it was longer than {@link #MAX_BODY_BYTES}. */
    final String body;

    Reply(int status, String body) {
      this.status = status;
      this.body = body;
    }
  }

  private HttpExchange() {}

  /**
   * Sends {@code method} (GET, or POST or PUT with {@code body}, {@code {}} when null) to {@code
   * url} and reads the whole reply, whatever its status.
   *
   * @param bearer the Authorization bearer token, or null for none
   * @param body a JSON body for POST or PUT, or null
   * @throws IOException when no whole HTTP reply arrived (refused, timed out, reset)
   */
  static Reply send(
      String method, URL url, String bearer, byte[] body, Duration connectTimeout, Duration timeout)
      throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    boolean readToTheEnd = false;
    try {
      connection.setRequestMethod(method);
      connection.setConnectTimeout((int) connectTimeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setRequestProperty("Accept", "application/json");
      if (bearer != null) {
        connection.setRequestProperty("Authorization", "Bearer " + bearer);
      }
      if ("POST".equals(method) || "PUT".equals(method)) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body == null ? EMPTY_JSON_OBJECT : body);
        }
      }
      int status = connection.getResponseCode();
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      Reply reply = new Reply(status, in == null ? "" : readBody(in));
      readToTheEnd = reply.body != null;
      return reply;
    } finally {
      // A body read to the end leaves the connection in the keep-alive pool for the next call
      // (no new TCP and TLS handshakes); a failed exchange must not leave it there half read.
      if (!readToTheEnd) {
        connection.disconnect();
      }
    }
  }

  /** The body as UTF-8 text, or null (without reading the rest) when it is too long. */
  private static String readBody(InputStream in) throws IOException {
    try (InputStream body = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[4096];
      int n;
      while ((n = body.read(chunk)) != -1) {
        if (out.size() + n > MAX_BODY_BYTES) {
          return null;
        }
        out.write(chunk, 0, n);
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
  }
}
