package dev.rendezvous.edge.internal;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.internalapi.RequestSigning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What bounds the server, over raw sockets: connections, idle time, header size, ordering. */
class InternalApiServerLimitsTest {
  private final TestOwnedClients owned = new TestOwnedClients();
  private InternalApiServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(InternalServerLimits limits) throws InterruptedException {
    RequestSigning signing = new RequestSigning(InternalApiServerTest.SECRET);
    server =
        InternalApiServer.start("127.0.0.1", 0, owned, () -> signing, Clock.systemUTC(), limits);
  }

  @Test
  void connectionsBeyondTheLimitAreClosedOnArrival() throws Exception {
    start(new InternalServerLimits(2, 1024, Duration.ofSeconds(60), Duration.ofSeconds(2)));
    try (Socket first = connect();
        Socket second = connect()) {
      assertThat(answer(first, lookUp())).startsWith("HTTP/1.1 404");
      assertThat(answer(second, lookUp())).startsWith("HTTP/1.1 404");
      try (Socket third = connect()) {
        assertThat(third.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
      }
      assertThat(server.refusedConnections()).isEqualTo(1);
    }
    // The server frees the slots once it has seen the two closes (until then: closed on arrival).
    awaitUntil(
        Duration.ofSeconds(5),
        () -> {
          try (Socket again = connect()) {
            return answer(again, lookUp()).startsWith("HTTP/1.1 404");
          }
        },
        "a slot to be free again");
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    start(new InternalServerLimits(16, 1024, Duration.ofMillis(200), Duration.ofSeconds(2)));
    try (Socket socket = connect()) {
      socket.setSoTimeout(5_000);
      long start = System.nanoTime();
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void headersTooLargeAreA400InJson() throws Exception {
    start(InternalServerLimits.DEFAULTS);
    try (Socket socket = connect()) {
      String request =
          "GET /internal/v1/clients/00112233445566778899aabbccddeeff HTTP/1.1\r\n"
              + "Host: x\r\nX-Padding: "
              + "a".repeat(10_000)
              + "\r\n\r\n";
      String response = answer(socket, request);
      assertThat(response).startsWith("HTTP/1.1 400").endsWith("{\"error\":\"bad_request\"}");
    }
    assertThat(owned.calls()).isEmpty();
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    start(InternalServerLimits.DEFAULTS);
    owned.own(InternalApiServerTest.ID, InternalApiServerTest.V4);
    try (Socket socket = connect()) {
      String unsigned = "GET /internal/v1/clients/x HTTP/1.1\r\nHost: x\r\n\r\n";
      String twice =
          lookUp() + unsigned.replace("HTTP/1.1\r\n", "HTTP/1.1\r\nConnection: close\r\n");
      String responses = answer(socket, twice);
      int ok = responses.indexOf("HTTP/1.1 200");
      int refused = responses.indexOf("HTTP/1.1 401");
      assertThat(ok).isZero();
      assertThat(refused).isGreaterThan(ok);
    }
  }

  private static String lookUp() {
    String path = "/internal/v1/clients/" + InternalApiServerTest.ID;
    long now = System.currentTimeMillis();
    String signature =
        new RequestSigning(InternalApiServerTest.SECRET).sign("GET", path, now, new byte[0]);
    return "GET "
        + path
        + " HTTP/1.1\r\nHost: x\r\n"
        + RequestSigning.TIMESTAMP_HEADER
        + ": "
        + now
        + "\r\n"
        + RequestSigning.SIGNATURE_HEADER
        + ": "
        + signature
        + "\r\n\r\n";
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    socket.setSoTimeout(5_000);
    return socket;
  }

  /** Sends and reads until the server stops sending for 300 ms or closes. */
  private static String answer(Socket socket, String request) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    int timeout = socket.getSoTimeout();
    try {
      int n = in.read(buffer);
      while (n > 0) {
        received.write(buffer, 0, n);
        socket.setSoTimeout(300);
        n = in.read(buffer);
      }
    } catch (SocketTimeoutException e) {
      // nothing more for now
    } finally {
      socket.setSoTimeout(timeout);
    }
    return received.toString(StandardCharsets.US_ASCII);
  }
}
