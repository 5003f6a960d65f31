package dev.rendezvous.core.call;

import dev.rendezvous.core.CallNotPossibleException;
import dev.rendezvous.core.CallNotPossibleException.Reason;
import dev.rendezvous.core.PeerNotFoundException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.service.ExactState;
import dev.rendezvous.core.service.OwnerQueries;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One-sided connect (docs/architecture.md, "Calls"). {@link #connect} checks the callee (ONLINE,
 * with a live owner, accepting the caller), issues a call and has the callee's owner push a
 * PUNCH_NOW until the callee acknowledges it: at most {@link #PUSH_ATTEMPTS} attempts, each asking
 * the directory again who owns the callee, each bounded by the push channel's timeout. {@link
 * #fetch} gives the callee the call's details. Nothing is stored per call.
 */
public final class CallService {
  /** How long a call id can be fetched after it was issued. */
  public static final Duration CALL_LIFETIME = Duration.ofSeconds(60);

  /** Push attempts per call (each re-reads the callee's owners). */
  public static final int PUSH_ATTEMPTS = 3;

  private final ClientRegistry registry;
  private final LivenessRules rules;
  private final Clock clock;
  private final OwnerQueries owners;
  private final PushChannel pushes;
  private final CallPolicies policies;
  private final Supplier<Optional<InternalSecret>> secrets;

  public CallService(
      ClientRegistry registry,
      LivenessRules rules,
      Clock clock,
      OwnerQueries owners,
      PushChannel pushes,
      CallPolicies policies,
      Supplier<Optional<InternalSecret>> secrets) {
    this.registry = registry;
    this.rules = rules;
    this.clock = clock;
    this.owners = owners;
    this.pushes = pushes;
    this.policies = policies;
    this.secrets = secrets;
  }

  /**
   * Rings {@code callee} for the holder of {@code caller}; answers once the callee acknowledged.
   */
  public CallTicket connect(PrivateKey caller, ClientId callee) {
    Instant now = clock.instant();
    DirectoryEntry me = exact(authenticated(caller, now), now);
    if (callee.equals(me.clientId())) {
      throw new CallNotPossibleException(Reason.CALLEE_OFFLINE, "a client cannot call itself");
    }
    if (me.latestFamily().isEmpty()) {
      throw new CallNotPossibleException(
          Reason.CALLER_NOT_PULSING, "pulse first: the callee needs your address to punch to");
    }
    DirectoryEntry peer = onlinePeer(callee, now);
    if (!policies.of(callee).admits(me.clientId())) {
      throw new CallNotPossibleException(Reason.REFUSED, "the callee does not accept your calls");
    }
    CallKeys keys =
        secrets
            .get()
            .map(CallKeys::from)
            .orElseThrow(() -> noOwner("no edge can push to the callee yet"));
    CallId call = keys.issue(now.toEpochMilli(), me.clientId(), callee);
    push(call, callee, peer, now);
    // The owner pushed to the address of the callee's last pulse, which the exact state read
    // above already holds; the acknowledgement came from there.
    ObservedAddress address = peer.latestFamily().map(FamilyEntry::address).orElseThrow();
    return new CallTicket(
        call, callee, address, keys.pairKey(call, callee), now, now.plus(CALL_LIFETIME));
  }

  /** Sets whom the holder of {@code key} accepts calls from. */
  public void setPolicy(PrivateKey key, CallPolicy policy) {
    ClientId client = authenticated(key, clock.instant()).clientId();
    if (!policies.set(client, policy)) {
      throw new UnknownClientException("unknown or expired key");
    }
  }

  /** The call policy of the holder of {@code key}. */
  public CallPolicy policy(PrivateKey key) {
    return policies.of(authenticated(key, clock.instant()).clientId());
  }

  /** The call's details for its callee; 404 for anyone else, or once the call has lapsed. */
  public CallDetails fetch(PrivateKey calleeKey, CallId call) {
    Instant now = clock.instant();
    ClientId callee = authenticated(calleeKey, now).clientId();
    Optional<CallKeys> keys = secrets.get().map(CallKeys::from);
    Instant issued = Instant.ofEpochMilli(call.issuedAtMillis());
    Instant expires = issued.plus(CALL_LIFETIME);
    if (keys.isEmpty()
        || !keys.get().issuedFor(call, callee)
        || now.isAfter(expires)
        || issued.isAfter(now.plus(CALL_LIFETIME))) {
      throw new PeerNotFoundException("no such call");
    }
    DirectoryEntry caller =
        exact(
            registry
                .find(call.caller())
                .orElseThrow(() -> new PeerNotFoundException("the caller is gone")),
            now);
    if (caller.liveness(rules, now) == Liveness.EXPIRED || caller.latestFamily().isEmpty()) {
      throw new PeerNotFoundException("the caller is gone");
    }
    return new CallDetails(
        call,
        call.caller(),
        caller.latestFamily().get().address(),
        keys.get().pairKey(call, callee),
        now,
        expires);
  }

  private void push(CallId call, ClientId callee, DirectoryEntry peer, Instant now) {
    DirectoryEntry current = peer;
    boolean anyOwner = false;
    for (int attempt = 0; attempt < PUSH_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Instant at = clock.instant();
        current = registry.find(callee).orElseThrow(() -> gone(callee));
        current = exact(current, at);
      }
      for (TaskRecord owner : ownersLatestFirst(current, attempt == 0 ? now : clock.instant())) {
        anyOwner = true;
        PushChannel.Result result = pushes.push(owner, callee, call, attempt == 0);
        switch (result.outcome()) {
          case ACKNOWLEDGED -> {
            return;
          }
          case RATE_LIMITED ->
              throw new CallNotPossibleException(
                  Reason.RATE_LIMITED,
                  "too many calls to this callee; retry later",
                  Math.max(1, result.retryAfterSeconds()));
          case NOT_OWNED, NO_ACK, FAILED -> {}
        }
      }
    }
    if (!anyOwner) {
      throw noOwner("no live edge owns the callee's mapping");
    }
    throw new CallNotPossibleException(
        Reason.NOT_ACKNOWLEDGED, "the callee did not acknowledge the call");
  }

  /** The callee's live owners, the owner of its most recent family first. */
  private List<TaskRecord> ownersLatestFirst(DirectoryEntry entry, Instant now) {
    List<TaskRecord> live = new ArrayList<>(owners.of(entry, now));
    Optional<Owner> latest = entry.latestFamily().flatMap(FamilyEntry::owner);
    latest.ifPresent(
        o ->
            live.sort(
                (a, b) -> Boolean.compare(!a.task().equals(o.task()), !b.task().equals(o.task()))));
    return live;
  }

  private DirectoryEntry onlinePeer(ClientId callee, Instant now) {
    DirectoryEntry peer = exact(registry.find(callee).orElseThrow(() -> gone(callee)), now);
    Liveness liveness = peer.liveness(rules, now);
    if (liveness == Liveness.EXPIRED) {
      throw gone(callee);
    }
    if (liveness != Liveness.ONLINE || peer.latestFamily().isEmpty()) {
      throw new CallNotPossibleException(
          Reason.CALLEE_OFFLINE, "the callee is not ONLINE (it must pulse to be called)");
    }
    return peer;
  }

  private DirectoryEntry exact(DirectoryEntry stored, Instant now) {
    return ExactState.combine(stored, owners.ask(stored, owners.of(stored, now)), rules);
  }

  private DirectoryEntry authenticated(PrivateKey key, Instant now) {
    DirectoryEntry entry =
        registry
            .find(key.clientId())
            .orElseThrow(() -> new UnknownClientException("unknown or expired key"));
    boolean matches = entry.keyVerifier().matches(key);
    boolean alive = entry.liveness(rules, now) != Liveness.EXPIRED;
    if (!matches || !alive) {
      throw new UnknownClientException("unknown or expired key");
    }
    return entry;
  }

  private static PeerNotFoundException gone(ClientId callee) {
    return new PeerNotFoundException("no client " + callee);
  }

  private static CallNotPossibleException noOwner(String message) {
    return new CallNotPossibleException(Reason.NO_LIVE_OWNER, message);
  }
}
