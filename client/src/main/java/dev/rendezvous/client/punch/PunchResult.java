package dev.rendezvous.client.punch;

import dev.rendezvous.protocol.identity.ClientId;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a hole punch: a {@link Success} with a link to the peer, or a {@link Failure} with
 * the reason there is none. These two are the only kinds.
 */
public abstract class PunchResult {
  private final ClientId peer;
  private final int punchesSent;
  private final Duration elapsed;

  private PunchResult(ClientId peer, int punchesSent, Duration elapsed) {
    this.peer = Objects.requireNonNull(peer);
    this.punchesSent = punchesSent;
    this.elapsed = Objects.requireNonNull(elapsed);
  }

  public final ClientId peer() {
    return peer;
  }

  /** PUNCH datagrams sent. */
  public final int punchesSent() {
    return punchesSent;
  }

  /** From the call to {@code punch} to the outcome, lookups and waiting included. */
  public final Duration elapsed() {
    return elapsed;
  }

  /** The path is open both ways; talk to the peer through {@link #link()}. */
  public static final class Success extends PunchResult {
    private final PeerLink link;

    public Success(ClientId peer, PeerLink link, int punchesSent, Duration elapsed) {
      super(peer, punchesSent, elapsed);
      this.link = Objects.requireNonNull(link);
    }

    public PeerLink link() {
      return link;
    }

    public PeerPath path() {
      return link.path();
    }

    @Override
    public String toString() {
      return "Success[" + peer() + " via " + link.path() + " in " + elapsed().toMillis() + " ms]";
    }
  }

  /** No path; {@link #detail()} says what was seen. */
  public static final class Failure extends PunchResult {
    private final PunchFailure reason;
    private final String detail;

    public Failure(
        ClientId peer, PunchFailure reason, String detail, int punchesSent, Duration elapsed) {
      super(peer, punchesSent, elapsed);
      this.reason = Objects.requireNonNull(reason);
      this.detail = Objects.requireNonNull(detail);
    }

    public PunchFailure reason() {
      return reason;
    }

    /** What was seen, for people (not for parsing). */
    public String detail() {
      return detail;
    }

    @Override
    public String toString() {
      return "Failure[" + peer() + " " + reason + ": " + detail + "]";
    }
  }
}
