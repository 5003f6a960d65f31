package dev.rendezvous.functions.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * The Lambda {@link Context} of the invocation in progress. A Lambda instance handles one event at
 * a time, so one reference is enough; it is replaced, never accumulated.
 */
@Singleton
public class CurrentInvocation {
  private volatile Context context;

  void set(Context context) {
    this.context = context;
  }

  /** Time left before Lambda stops this invocation; empty outside Lambda (tests, local runs). */
  public Optional<Duration> remainingTime() {
    Context c = context;
    if (c == null || c.getRemainingTimeInMillis() <= 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(c.getRemainingTimeInMillis()));
  }
}
