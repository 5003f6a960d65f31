package dev.rendezvous.edge;

import dev.rendezvous.core.directory.LiveDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Builds the DynamoDB directory from the environment (the store's LiveDirectory adapter). */
final class DynamoDirectories {
  private DynamoDirectories() {}

  static LiveDirectory create(
      EdgeSettings settings, Map<String, String> env, Clock clock, List<AutoCloseable> resources) {
    throw new IllegalStateException(
        "the DynamoDB directory is not wired into the edge yet; use RENDEZVOUS_STORE=memory");
  }
}
