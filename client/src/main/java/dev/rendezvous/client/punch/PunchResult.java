package dev.rendezvous.client.punch;

import dev.rendezvous.protocol.identity.ClientId;
import java.time.Duration;

/** The outcome of a hole punch: a link to the peer, or the reason there is none. */
public sealed interface PunchResult {
  ClientId peer();

  Duration elapsed();

  /** The path is open both ways; talk to the peer through {@link #link()}. */
  record Success(ClientId peer, PeerLink link, int punchesSent, Duration elapsed)
      implements PunchResult {
    public PeerPath path() {
      return link.path();
    }
  }

  /** No path; {@code detail} says what was seen. */
  record Failure(
      ClientId peer, PunchFailure reason, String detail, int punchesSent, Duration elapsed)
      implements PunchResult {}
}
