package dev.rendezvous.load;

import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.protocol.identity.PulseMacKey;
import java.nio.channels.DatagramChannel;
import java.util.Set;

/**
 * One simulated app: its identity, its own UDP socket (so the service sees a distinct source port
 * per client, as with real NATs), its plan for the run, and what it knows about its own state as
 * time windows (the service decides at an instant the driver can only bracket).
 */
final class SimulatedClient {
  enum Plan {
    /** Pulses on time for the whole run. */
    STEADY,
    /** Goes silent once (long enough to turn PENDING, not to expire), then verifies. */
    SILENT_ONCE,
    /** Logs out once during the run, then sends one more pulse that must be refused. */
    LOGOUT
  }

  /**
   * A pulse awaiting its reply.
   *
   * @param allowed the codes allowed if the edge decided when the pulse was sent
   * @param forced true when {@code allowed} holds whenever the edge decides (after a logout)
   * @param silenceOk true when no reply at all is also right (a v2 pulse of a logged-out client:
   *     the edge can only answer it if it still holds the client's MAC key in its cache)
   */
  record Pending(
      long counter, long sentAtMillis, Set<Integer> allowed, boolean forced, boolean silenceOk) {}

  final int index;
  final PrivateKey key;
  final String keyHex;
  final ClientId id;
  final PulseMacKey macKey;
  final boolean v1;
  final Plan plan;
  final long planAtMillis;
  final long silenceMillis;
  DatagramChannel channel;
  int localPort;

  /** Which edge the client's flow goes to (an index into the driver's edges). */
  int edge;

  // All below guarded by "this".
  long aliveLowerMillis;
  long aliveUpperMillis;
  long pulseLowerMillis = -1;
  long pulseUpperMillis = -1;
  long lastCounter;
  Pending pending;
  boolean loggedOut;
  boolean logoutStarted;

  /** The service answered 1060 (allowed) to a pulse: it expired the client, which is now gone. */
  boolean expired;

  boolean silenceDone;
  boolean verifying;
  long nextDueMillis;

  /** Set when the edge that owned the client was killed; cleared by its next 1020. */
  boolean ownerDown;

  /** Pulses unanswered since the owner was killed, and when the flow last moved (-1: never). */
  int unansweredSinceKill;

  long movedAtMillis = -1;

  SimulatedClient(
      int index, String keyHex, boolean v1, Plan plan, long planAtMillis, long silenceMillis) {
    this.index = index;
    this.key = PrivateKey.parse(keyHex);
    this.keyHex = keyHex;
    this.id = key.clientId();
    this.macKey = key.pulseMacKey();
    this.v1 = v1;
    this.plan = plan;
    this.planAtMillis = planAtMillis;
    this.silenceMillis = silenceMillis;
  }

  synchronized void markAlive(long lower, long upper, boolean pulse) {
    aliveLowerMillis = Math.max(aliveLowerMillis, lower);
    aliveUpperMillis = Math.max(aliveUpperMillis, upper);
    if (pulse) {
      pulseLowerMillis = Math.max(pulseLowerMillis, lower);
      pulseUpperMillis = Math.max(pulseUpperMillis, upper);
    }
  }

  /** Widens only the late end of the windows: the client may (not must) have been seen then. */
  synchronized void markMaybeAlive(long latestMillis) {
    aliveUpperMillis = Math.max(aliveUpperMillis, latestMillis);
    pulseUpperMillis = Math.max(pulseUpperMillis, latestMillis);
  }

  synchronized long nextCounter(long nowMillis) {
    lastCounter = Math.max(lastCounter + 1, nowMillis);
    return lastCounter;
  }

  /** A consistent copy for checks made from other threads. */
  synchronized View view() {
    // A pulse still waiting for its answer may already be recorded: until it is answered, the
    // client may have been seen as late as now.
    long upper =
        pending != null && !pending.silenceOk()
            ? Math.max(aliveUpperMillis, System.currentTimeMillis())
            : aliveUpperMillis;
    return new View(
        aliveLowerMillis,
        upper,
        pulseLowerMillis,
        pulseUpperMillis,
        loggedOut || expired,
        logoutStarted || expired,
        verifying,
        ownerDown);
  }

  /**
   * What the driver knows of a client at one instant.
   *
   * @param pulseLower the latest send time of a pulse answered 1020 (-1 before the first)
   * @param gone logged out, or expired as the service said with a 1060
   * @param leaving a logout was started, or the client is gone
   * @param ownerDown the edge that owned the client was killed and no other has answered 1020 yet:
   *     readers see the directory's values, up to one checkpoint period old
   */
  record View(
      long aliveLower,
      long aliveUpper,
      long pulseLower,
      long pulseUpper,
      boolean gone,
      boolean leaving,
      boolean verifying,
      boolean ownerDown) {}
}
