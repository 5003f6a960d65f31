package dev.rendezvous.functions.expiry;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/**
 * The scheduled expiry function (EventBridge, every minute): deletes expired clients through the
 * storage port's sweep. Lambda instantiates it with the no-argument constructor, so its one
 * collaborator is field-injected.
 */
public class ExpiryFunction extends MicronautRequestHandler<ScheduledEvent, Void> {
  @Inject ExpiryJob job;

  public ExpiryFunction() {
    super();
  }

  /** For tests: the same function over a context built with other properties. */
  public ExpiryFunction(ApplicationContextBuilder builder) {
    super(builder);
  }

  @Override
  public Void execute(ScheduledEvent event) {
    job.sweep();
    return null;
  }
}
