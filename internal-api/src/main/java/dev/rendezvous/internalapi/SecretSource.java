package dev.rendezvous.internalapi;

import dev.rendezvous.core.directory.InternalSecret;
import java.util.Optional;

/**
 * Where a caller of the internal API gets the shared secret. The HTTP routes read it from the
 * directory once and keep it ({@link CachedSecretSource}); an edge holds the one it read at start.
 */
public interface SecretSource {

  /** The secret to sign with; empty while there is none (no edge has created it yet). */
  Optional<InternalSecret> current();

  /**
   * An owner refused a request signed with {@code used} (401): the secret may have been rotated, so
   * the next {@link #current()} may read it again.
   */
  void rejected(InternalSecret used);

  /** A secret that never changes (an edge's own, tests). */
  static SecretSource fixed(InternalSecret secret) {
    return new SecretSource() {
      @Override
      public Optional<InternalSecret> current() {
        return Optional.of(secret);
      }

      @Override
      public void rejected(InternalSecret used) {}
    };
  }
}
