package dev.rendezvous.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand; thread-safe. Either frozen at a start instant ({@link
 * #startingAt(Instant)}: it moves only when the test moves it) or following the system clock
 * ({@link #followingSystemTime()}: real time plus what the test added, to age clients of a server
 * that real clients talk to, without waiting).
 */
public final class MutableClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
  private final AtomicReference<Duration> tickPerRead = new AtomicReference<>(Duration.ZERO);

  private MutableClock(Clock base) {
    this.base = base;
  }

  /** Frozen at {@code start}. */
  public MutableClock(Instant start) {
    this(Clock.fixed(start, ZoneOffset.UTC));
  }

  /** Frozen at {@code start}. */
  public static MutableClock startingAt(Instant start) {
    return new MutableClock(start);
  }

  /** Frozen at an ISO-8601 instant, e.g. {@code "2026-11-26T12:00:00Z"}. */
  public static MutableClock startingAt(String isoInstant) {
    return new MutableClock(Instant.parse(isoInstant));
  }

  /** The system clock plus what the test advances. */
  public static MutableClock followingSystemTime() {
    return new MutableClock(Clock.systemUTC());
  }

  public void advance(Duration by) {
    offset.updateAndGet(d -> d.plus(by));
  }

  public void advanceSeconds(long seconds) {
    advance(Duration.ofSeconds(seconds));
  }

  /** Moves the clock to {@code instant} (a following clock goes on ticking from there). */
  public void set(Instant instant) {
    offset.set(Duration.between(base.instant(), instant));
  }

  /**
   * From now on every read returns the current instant, then moves the clock on by {@code tick}:
   * for code that must read the clock only once per decision.
   */
  public void advanceOnEveryRead(Duration tick) {
    tickPerRead.set(tick);
  }

  @Override
  public Instant instant() {
    Duration tick = tickPerRead.get();
    return base.instant().plus(offset.getAndUpdate(d -> d.plus(tick)));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
