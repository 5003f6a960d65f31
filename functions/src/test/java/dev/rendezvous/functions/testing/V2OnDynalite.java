package dev.rendezvous.functions.testing;

import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.store.dynamodb.testing.TestPulses;
import dev.rendezvous.testkit.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a test class of the HTTP routes starts once: the real v2 handler over the DynamoDB store on
 * a dynalite table ({@link #api}), pulses recorded in that table as an edge would ({@link
 * #pulses}), and the clock both read ({@link #clock}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class V2OnDynalite {
  @RegisterExtension protected static final DynaliteExtension DYNALITE = new DynaliteExtension();

  protected final MutableClock clock;
  protected V2Client api;
  protected TestPulses pulses;

  protected V2OnDynalite(Instant start) {
    this.clock = new MutableClock(start);
  }

  @BeforeAll
  void startTheHandler() {
    String table = DYNALITE.createTable();
    pulses = TestPulses.onDynalite(DYNALITE, table, PulseTimings.DEFAULTS, clock);
    api = V2Client.onDynamo(DYNALITE.endpoint().toString(), table, clock);
  }

  @AfterAll
  void stopTheHandler() throws Exception {
    pulses.close();
    api.close();
  }
}
