package dev.rendezvous.internalapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rendezvous.core.directory.InternalSecret;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that checks each request's signature like an owner does and then
 * answers what the test scripted: the client's side of the internal API, tested over real sockets
 * without an edge. (The edge's own server is tested against this client in udp-edge.)
 */
final class ScriptedOwner implements AutoCloseable {
  /** What the owner answers to an authentic request. */
  interface Script {
    Answer answer(String method, String path, byte[] body) throws InterruptedException;
  }

  @SuppressWarnings("ArrayRecordComponent") // a test's answer, never compared
  record Answer(int status, byte[] body) {}

  @SuppressWarnings("ArrayRecordComponent") // what the owner received, never compared
  record Seen(String method, String path, byte[] body, boolean authentic) {}

  private final HttpServer server;
  private volatile RequestSigning signing;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  ScriptedOwner(InternalSecret secret, Script script) throws IOException {
    this.signing = new RequestSigning(secret);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> handle(exchange, script));
    server.start();
  }

  void rotate(InternalSecret secret) {
    signing = new RequestSigning(secret);
  }

  InternalEndpoint endpoint() {
    return new InternalEndpoint("127.0.0.1", server.getAddress().getPort());
  }

  List<Seen> seen() {
    return seen;
  }

  private void handle(HttpExchange exchange, Script script) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      boolean authentic =
          signing.accepts(
              method,
              path,
              exchange.getRequestHeaders().getFirst(RequestSigning.TIMESTAMP_HEADER),
              exchange.getRequestHeaders().getFirst(RequestSigning.SIGNATURE_HEADER),
              body,
              Instant.now());
      seen.add(new Seen(method, path, body, authentic));
      Answer answer =
          authentic
              ? script.answer(method, path, body)
              : new Answer(401, InternalJson.error("unauthorized"));
      if (answer.body().length == 0) {
        exchange.sendResponseHeaders(answer.status(), -1);
      } else {
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        exchange.getResponseBody().write(answer.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
