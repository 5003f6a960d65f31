package dev.rendezvous.client.punch;

import dev.rendezvous.protocol.identity.ClientId;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a hole punch: a {@link Success} with a link to the peer, or a {@link Failure} with
 * the reason there is none. These two are the only kinds.
 */
public interface PunchResult {
  ClientId peer();

  /** From the call to {@code punch} to the outcome, lookups and waiting included. */
  Duration elapsed();

  /** PUNCH datagrams sent. */
  int punchesSent();

  /** The path is open both ways; talk to the peer through {@link #link()}. */
  final class Success implements PunchResult {
    private final ClientId peer;
    private final PeerLink link;
    private final int punchesSent;
    private final Duration elapsed;

    public Success(ClientId peer, PeerLink link, int punchesSent, Duration elapsed) {
      this.peer = Objects.requireNonNull(peer);
      this.link = Objects.requireNonNull(link);
      this.punchesSent = punchesSent;
      this.elapsed = Objects.requireNonNull(elapsed);
    }

    @Override
    public ClientId peer() {
      return peer;
    }

    public PeerLink link() {
      return link;
    }

    public PeerPath path() {
      return link.path();
    }

    @Override
    public int punchesSent() {
      return punchesSent;
    }

    @Override
    public Duration elapsed() {
      return elapsed;
    }

    @Override
    public String toString() {
      return "Success[" + peer + " via " + link.path() + " in " + elapsed.toMillis() + " ms]";
    }
  }

  /** No path; {@link #detail()} says what was seen. */
  final class Failure implements PunchResult {
    private final ClientId peer;
    private final PunchFailure reason;
    private final String detail;
    private final int punchesSent;
    private final Duration elapsed;

    public Failure(
        ClientId peer, PunchFailure reason, String detail, int punchesSent, Duration elapsed) {
      this.peer = Objects.requireNonNull(peer);
      this.reason = Objects.requireNonNull(reason);
      this.detail = Objects.requireNonNull(detail);
      this.punchesSent = punchesSent;
      this.elapsed = Objects.requireNonNull(elapsed);
    }

    @Override
    public ClientId peer() {
      return peer;
    }

    public PunchFailure reason() {
      return reason;
    }

    /** What was seen, for people (not for parsing). */
    public String detail() {
      return detail;
    }

    @Override
    public int punchesSent() {
      return punchesSent;
    }

    @Override
    public Duration elapsed() {
      return elapsed;
    }

    @Override
    public String toString() {
      return "Failure[" + peer + " " + reason + ": " + detail + "]";
    }
  }
}
