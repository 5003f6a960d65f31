package dev.rendezvous.functions.lambda;

import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.functions.api.ApiError;
import dev.rendezvous.internalapi.InternalApiPriming;
import dev.rendezvous.protocol.identity.ClientId;
import io.micronaut.crac.OrderedResource;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda SnapStart readiness. Before the snapshot, runs what the first request would otherwise pay
 * for: one storage read (SDK marshalling, request signing, the HTTP client, our item mapping), a
 * JSON round trip, and one internal API call against a throwaway loopback server (the owners'
 * client: java.net.http, signing, its JSON), with a throwaway secret. The application context
 * itself is already built, and its singletons created, when the snapshot is taken.
 *
 * <p>Nothing unique per instance is created before the snapshot: the credential source makes its
 * {@code SecureRandom} on first use, after restore, and priming never issues credentials. The
 * priming read uses an all-zero client_id, which no derived id can be in practice.
 */
@Singleton
public class SnapStartPriming implements OrderedResource {
  private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
  private static final ClientId PRIMING_ID = ClientId.fromBytes(new byte[ClientId.LENGTH_BYTES]);

  private final ClientRegistry registry;
  private final JsonMapper json;
  private final Clock clock;
  private final AtomicInteger completed = new AtomicInteger();

  public SnapStartPriming(ClientRegistry registry, JsonMapper json, Clock clock) {
    this.registry = registry;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    long started = System.nanoTime();
    try {
      registry.find(PRIMING_ID);
      byte[] bytes = json.writeValueAsBytes(ApiError.of("priming", "priming"));
      json.readValue(bytes, JsonNode.class);
      json.readValue("{}".getBytes(StandardCharsets.UTF_8), JsonNode.class);
      if (!InternalApiPriming.prime(clock)) {
        LOG.warn("priming the internal API client failed; the first owner call pays for it");
      }
      completed.incrementAndGet();
      LOG.info("primed for the snapshot in {} ms", (System.nanoTime() - started) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      // A failed priming only costs the first request some time; it must not stop the snapshot.
      LOG.warn("priming before the snapshot failed: {}", e.toString());
    }
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: random sources are created lazily after restore, and the SDK reconnects.
  }

  /** How many primings completed (for tests and logs). */
  public int completedPrimings() {
    return completed.get();
  }
}
