package dev.rendezvous.client.punch;

import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.session.SessionConfig;
import dev.rendezvous.client.testserver.TestRendezvousServer;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.testkit.MutableClock;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;

/**
 * A punch test against the real test server: one client of it and two identities registered there,
 * alice and bob. A test starts them with {@link #startServerAndClients}; they are closed after each
 * test.
 */
abstract class TwoClientsOnTestServer {
  final MutableClock serverClock = MutableClock.followingSystemTime();
  TestRendezvousServer server;
  RendezvousClient client;
  ClientCredentials alice;
  ClientCredentials bob;

  /** Starts the server, then a client with {@code config} (which may read {@link #server}). */
  void startServerAndClients(Supplier<SessionConfig> config) throws Exception {
    server = TestRendezvousServer.start(new PulseTimings(30, 5, 180), serverClock);
    client = new RendezvousClient(server.baseUrl(), config.get());
    alice = client.register().join().identity();
    bob = client.register().join().identity();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
      server.close();
    }
  }
}
