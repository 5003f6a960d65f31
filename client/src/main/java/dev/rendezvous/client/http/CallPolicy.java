package dev.rendezvous.client.http;

import dev.rendezvous.protocol.identity.ClientId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whom a client accepts calls from ({@code GET/PUT /call-policy}): everyone (the default), nobody,
 * or at most {@link #MAX_ALLOWED} listed callers. A refused caller's connect is answered 403 and
 * nothing is pushed to this client.
 */
public final class CallPolicy {
  /** Listed callers at most. */
  public static final int MAX_ALLOWED = 10;

  /** Whom calls are accepted from. */
  public enum Accept {
    EVERYONE,
    NOBODY,
    LISTED;

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Accept parse(String text) {
      for (Accept a : values()) {
        if (a.wire().equals(text)) {
          return a;
        }
      }
      throw new UnexpectedReplyException("unknown call policy " + text);
    }
  }

  private final Accept accept;
  private final List<ClientId> allowed;

  private CallPolicy(Accept accept, List<ClientId> allowed) {
    this.accept = accept;
    this.allowed = Collections.unmodifiableList(new ArrayList<>(allowed));
  }

  /** Calls from anyone (the default). */
  public static CallPolicy everyone() {
    return new CallPolicy(Accept.EVERYONE, Collections.emptyList());
  }

  /** No calls at all. */
  public static CallPolicy nobody() {
    return new CallPolicy(Accept.NOBODY, Collections.emptyList());
  }

  /** Calls only from these callers (1 to {@link #MAX_ALLOWED}). */
  public static CallPolicy only(List<ClientId> callers) {
    if (callers.isEmpty() || callers.size() > MAX_ALLOWED) {
      throw new IllegalArgumentException("list 1 to " + MAX_ALLOWED + " callers");
    }
    return new CallPolicy(Accept.LISTED, callers);
  }

  static CallPolicy of(Accept accept, List<ClientId> allowed) {
    return new CallPolicy(accept, allowed);
  }

  public Accept accept() {
    return accept;
  }

  /** The listed callers (empty unless {@link Accept#LISTED}). */
  public List<ClientId> allowed() {
    return allowed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallPolicy other && accept == other.accept && allowed.equals(other.allowed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accept, allowed);
  }

  @Override
  public String toString() {
    return accept == Accept.LISTED ? "listed " + allowed : accept.wire();
  }
}
