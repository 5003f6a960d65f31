package dev.rendezvous.infra.construct;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * An EventBridge rule that invokes the expiry sweep every minute with a "Scheduled Event". A run
 * that fails is retried twice within two minutes and then dropped: the next run sweeps the same
 * buckets anyway (the sweep keeps a cursor), and status is computed from stored times when read, so
 * a late sweep never makes a status wrong, it only leaves expired items a little longer.
 */
public final class ExpirySchedule extends Construct {
  public static final Duration RATE = Duration.minutes(1);

  private final Rule rule;

  public ExpirySchedule(Construct scope, String id, IFunction sweep) {
    super(scope, id);
    Objects.requireNonNull(sweep, "sweep");
    this.rule =
        Rule.Builder.create(this, "EveryMinute")
            .description("Runs the Rendezvous expiry sweep")
            .schedule(Schedule.rate(RATE))
            .targets(
                List.of(
                    new LambdaFunction(
                        sweep,
                        LambdaFunctionProps.builder()
                            .retryAttempts(2)
                            .maxEventAge(Duration.minutes(2))
                            .build())))
            .build();
  }

  public Rule rule() {
    return rule;
  }
}
