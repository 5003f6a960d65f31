package dev.rendezvous.infra.construct;

/**
 * An API Gateway token bucket: steady requests per second and the burst above it. Requests over it
 * get 429 from API Gateway without reaching the function.
 */
public record Throttle(int ratePerSecond, int burst) {
  public Throttle {
    if (ratePerSecond < 1 || burst < 1) {
      throw new IllegalArgumentException(
          "throttle rate and burst must be positive, got " + ratePerSecond + "/" + burst);
    }
  }
}
