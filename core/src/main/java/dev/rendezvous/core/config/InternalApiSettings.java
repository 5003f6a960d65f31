package dev.rendezvous.core.config;

import dev.rendezvous.core.InvalidSettingException;
import java.time.Duration;
import java.util.Map;

/**
 * The internal API's settings, shared by the edge (which serves it) and the HTTP routes (which call
 * it): validated on construction; an invalid value names its variable.
 *
 * @param port the TCP port each edge task serves the internal API on (0: any free port, for tests)
 * @param ownerTimeout how long a reader waits for the live owners of a client, all together
 */
public record InternalApiSettings(int port, Duration ownerTimeout) {
  public static final String INTERNAL_PORT = "RENDEZVOUS_INTERNAL_PORT";
  public static final String OWNER_TIMEOUT = "RENDEZVOUS_OWNER_TIMEOUT_MILLIS";

  public static final int DEFAULT_PORT = 5027;
  public static final long DEFAULT_OWNER_TIMEOUT_MILLIS = 250;
  private static final long MAX_OWNER_TIMEOUT_MILLIS = 10_000;

  public InternalApiSettings {
    if (port < 0 || port > 65535) {
      throw new InvalidSettingException(INTERNAL_PORT + " must be 0..65535, got " + port);
    }
    long millis = ownerTimeout.toMillis();
    if (millis < 1 || millis > MAX_OWNER_TIMEOUT_MILLIS) {
      throw new InvalidSettingException(
          OWNER_TIMEOUT + " must be 1.." + MAX_OWNER_TIMEOUT_MILLIS + ", got " + millis);
    }
  }

  public static InternalApiSettings fromEnvironment(Map<String, String> env) {
    long port = EnvironmentValues.wholeNumber(env, INTERNAL_PORT, DEFAULT_PORT);
    if (port < 0 || port > 65535) {
      throw new InvalidSettingException(INTERNAL_PORT + " must be 0..65535, got " + port);
    }
    long timeout = EnvironmentValues.wholeNumber(env, OWNER_TIMEOUT, DEFAULT_OWNER_TIMEOUT_MILLIS);
    if (timeout < 1 || timeout > MAX_OWNER_TIMEOUT_MILLIS) {
      throw new InvalidSettingException(
          OWNER_TIMEOUT + " must be 1.." + MAX_OWNER_TIMEOUT_MILLIS + ", got " + timeout);
    }
    return new InternalApiSettings((int) port, Duration.ofMillis(timeout));
  }
}
