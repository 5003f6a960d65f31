package dev.rendezvous.local;

import dev.rendezvous.core.registry.SweepReport;
import dev.rendezvous.functions.expiry.ExpiryJob;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for the EventBridge schedule: runs the same expiry sweep the Lambda function
 * runs, every minute, inside the local HTTP server. A failed run (storage down) is logged and the
 * next one resumes; reads treat expired clients as gone meanwhile.
 */
@Singleton
@Requires(env = LocalHttpServerMain.ENVIRONMENT)
@Requires(property = "rendezvous.local.expiry-schedule", notEquals = "false")
public class LocalExpirySchedule {
  private static final Logger LOG = LoggerFactory.getLogger(LocalExpirySchedule.class);

  private final ExpiryJob job;

  public LocalExpirySchedule(ExpiryJob job) {
    this.job = job;
  }

  @Scheduled(fixedDelay = "60s", initialDelay = "60s")
  void sweep() {
    try {
      SweepReport report = job.sweep();
      LOG.debug("local expiry sweep done: {}", report);
    } catch (RuntimeException e) {
      LOG.warn("local expiry sweep failed, the next run resumes: {}", e.toString());
    }
  }
}
