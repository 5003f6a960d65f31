package dev.rendezvous.internalapi;

import dev.rendezvous.core.directory.InternalSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the secret with a loader (the directory) on first use and keeps it. It reads again only
 * after an owner refused the cached secret, or while there is none yet, and then at most once per
 * {@link #MIN_RELOAD_INTERVAL}, so a misconfiguration never turns into a storage read per request.
 * The loader may throw (storage unavailable): the exception reaches the caller, and the next call
 * tries again. Thread-safe.
 */
public final class CachedSecretSource implements SecretSource {
  static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(1);

  private final Supplier<Optional<InternalSecret>> loader;
  private final Clock clock;
  private InternalSecret cached;
  private boolean stale = true;
  private Instant lastLoadAt = Instant.MIN;

  public CachedSecretSource(Supplier<Optional<InternalSecret>> loader, Clock clock) {
    this.loader = loader;
    this.clock = clock;
  }

  @Override
  public synchronized Optional<InternalSecret> current() {
    if (stale) {
      Instant now = clock.instant();
      if (lastLoadAt.equals(Instant.MIN) || !now.isBefore(lastLoadAt.plus(MIN_RELOAD_INTERVAL))) {
        lastLoadAt = now;
        Optional<InternalSecret> loaded = loader.get();
        if (loaded.isPresent()) {
          cached = loaded.get();
          stale = false;
        }
      }
    }
    return Optional.ofNullable(cached);
  }

  @Override
  public synchronized void rejected(InternalSecret used) {
    if (used.equals(cached)) {
      stale = true;
    }
  }
}
