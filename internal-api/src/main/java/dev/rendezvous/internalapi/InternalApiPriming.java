package dev.rendezvous.internalapi;

import com.sun.net.httpserver.HttpServer;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads the internal API client's classes before they are needed (a SnapStart snapshot): one real
 * call, with a throwaway secret, to a throwaway HTTP server on loopback that answers 404 like a
 * task that owns nothing. Nothing of it stays: the server stops and the client closes.
 */
public final class InternalApiPriming {
  private static final ClientId NOBODY = ClientId.fromBytes(new byte[ClientId.LENGTH_BYTES]);

  private InternalApiPriming() {}

  /** True when the call went through; false (never an exception) otherwise. */
  public static boolean prime(Clock clock) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
    } catch (IOException e) {
      return false;
    }
    server.createContext(
        "/",
        exchange -> {
          byte[] body = InternalJson.error("not_owned");
          exchange.sendResponseHeaders(404, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try (InternalApiClient client =
        new InternalApiClient(
            SecretSource.fixed(new InternalSecret(new byte[InternalSecret.LENGTH_BYTES])),
            Duration.ofSeconds(10),
            clock)) {
      return client
          .lookUp(new InternalEndpoint("127.0.0.1", server.getAddress().getPort()), NOBODY)
          .get(10, TimeUnit.SECONDS)
          .isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } finally {
      server.stop(0);
    }
  }
}
