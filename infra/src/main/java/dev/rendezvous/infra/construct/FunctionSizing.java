package dev.rendezvous.infra.construct;

import java.util.Objects;

/**
 * Memory and timeout of one Lambda function.
 *
 * @param memoryMb Lambda gives CPU in proportion to memory
 * @param timeoutSeconds hard stop of one invocation
 */
public record FunctionSizing(int memoryMb, int timeoutSeconds) {
  public FunctionSizing {
    if (memoryMb < 128 || memoryMb > 10240) {
      throw new IllegalArgumentException("memory must be 128..10240 MB, got " + memoryMb);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 900) {
      throw new IllegalArgumentException("timeout must be 1..900 s, got " + timeoutSeconds);
    }
  }

  static FunctionSizing require(FunctionSizing sizing, String name) {
    return Objects.requireNonNull(sizing, name + " sizing");
  }
}
