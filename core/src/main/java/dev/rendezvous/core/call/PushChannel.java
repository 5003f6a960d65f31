package dev.rendezvous.core.call;

import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Duration;

/**
 * How the HTTP routes ask a callee's owner edge to push a PUNCH_NOW to it (the edge's internal
 * API). One call sends the push once and waits, bounded, for the callee's acknowledgement.
 */
public interface PushChannel {
  /**
   * How long an owner waits for the callee's acknowledgement of one push: a few round trips of a
   * slow mobile path (a lost push is retried by the next attempt).
   */
  Duration ACK_WAIT = Duration.ofMillis(400);

  /** What one push attempt came to. */
  enum Outcome {
    /** The callee acknowledged the PUNCH_NOW. */
    ACKNOWLEDGED,
    /** The task does not own the callee (any more), or has no recent pulse to push to. */
    NOT_OWNED,
    /** Sent, but no acknowledgement came back in time. */
    NO_ACK,
    /** The caller pushed to this callee too often; see {@link Result#retryAfterSeconds()}. */
    RATE_LIMITED,
    /** The task did not answer, or answered an error. */
    FAILED
  }

  /** An attempt's outcome, with the wait a rate-limited caller is told. */
  record Result(Outcome outcome, int retryAfterSeconds) {
    public static Result of(Outcome outcome) {
      return new Result(outcome, 0);
    }
  }

  /**
   * Asks {@code owner} to push {@code call} to {@code callee}; {@code first} is true for the call's
   * first attempt (the only one the rate limit counts).
   */
  Result push(TaskRecord owner, ClientId callee, CallId call, boolean first);
}
