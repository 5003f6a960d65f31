package dev.rendezvous.functions.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Times on the wire: Unix seconds with a millisecond fraction, written as plain decimals (never in
 * exponent notation), e.g. {@code 1764169098.123}.
 */
final class ApiTimes {
  private static final int MILLIS_SCALE = 3;

  private ApiTimes() {}

  static BigDecimal epochSeconds(Instant at) {
    return BigDecimal.valueOf(at.toEpochMilli(), MILLIS_SCALE);
  }

  static BigDecimal seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), MILLIS_SCALE);
  }
}
