package dev.rendezvous.functions.expiry;

import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.SweepReport;
import dev.rendezvous.functions.lambda.CurrentInvocation;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled expiry job: one run of the storage port's sweep ({@link
 * ClientRegistry#sweepExpired}) within a time budget: at most {@link #MAX_BUDGET} (the schedule is
 * every minute), and always {@link #SAFETY_MARGIN} before Lambda would stop the invocation. What is
 * left over is swept by the next run; reads treat expired clients as gone meanwhile.
 */
@Singleton
public class ExpiryJob {
  static final Duration MAX_BUDGET = Duration.ofSeconds(45);
  static final Duration SAFETY_MARGIN = Duration.ofSeconds(3);
  private static final Logger LOG = LoggerFactory.getLogger(ExpiryJob.class);

  private final ClientRegistry registry;
  private final Clock clock;
  private final CurrentInvocation invocation;

  public ExpiryJob(ClientRegistry registry, Clock clock, CurrentInvocation invocation) {
    this.registry = registry;
    this.clock = clock;
    this.invocation = invocation;
  }

  public SweepReport sweep() {
    Instant deadline = deadline();
    SweepReport report = registry.sweepExpired(deadline);
    LOG.info(
        "expiry sweep: deleted={} candidates={} revived={} bucketsSwept={} complete={}",
        report.deleted(),
        report.candidates(),
        report.revived(),
        report.bucketsSwept(),
        report.complete());
    return report;
  }

  Instant deadline() {
    Duration budget =
        invocation
            .remainingTime()
            .map(left -> left.minus(SAFETY_MARGIN))
            .filter(left -> left.compareTo(MAX_BUDGET) < 0)
            .orElse(MAX_BUDGET);
    return clock.instant().plus(budget.isNegative() ? Duration.ZERO : budget);
  }
}
