package dev.rendezvous.local;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintStream;

/**
 * Serves the HTTP routes locally: the same controllers as the Lambda functions, on Netty. Binds
 * {@code RENDEZVOUS_BIND_ADDRESS} (127.0.0.1) and {@code RENDEZVOUS_HTTP_PORT} (5025), reads every
 * other setting from the same environment variables as the functions, and prints where it listens.
 */
public final class LocalHttpServerMain {
  /** The Micronaut environment that selects application-local.properties. */
  public static final String ENVIRONMENT = "local";

  private LocalHttpServerMain() {}

  public static void main(String[] args) {
    ApplicationContext context = start(args);
    announce(context.getBean(EmbeddedServer.class), System.out);
  }

  /** Starts the server and returns its context; closing the context stops it. */
  public static ApplicationContext start(String... args) {
    return Micronaut.build(args)
        .mainClass(LocalHttpServerMain.class)
        .environments(ENVIRONMENT)
        .banner(false)
        .start();
  }

  static void announce(EmbeddedServer server, PrintStream out) {
    out.println(
        "rendezvous HTTP API listening on http://"
            + server.getHost()
            + ":"
            + server.getPort()
            + " (routes: POST /register /verify /logout /peer/{client_id}/connect,"
            + " GET /peer/{client_id}/udp[/status] /calls/{call_id}, GET|PUT /call-policy)");
    out.flush();
  }
}
