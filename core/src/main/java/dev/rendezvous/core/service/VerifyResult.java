package dev.rendezvous.core.service;

import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;

/** The answer to /verify: {@code revived()} is the route's {@code ok}. */
public record VerifyResult(ClientId clientId, VerifyOutcome outcome, Instant at) {
  public boolean revived() {
    return outcome == VerifyOutcome.REVIVED;
  }
}
