package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.store.dynamodb.testing.DirectoryContract;
import dev.rendezvous.testkit.MutableClock;

/**
 * The directory contract on core's in-memory directory (tests, RENDEZVOUS_STORE=memory), so it
 * keeps exactly the rules of the DynamoDB one. It lives here, beside the suite, because core cannot
 * depend on this module.
 */
class InMemoryDirectoryTest extends DirectoryContract {
  @Override
  protected Subject newSubject(LivenessRules rules, MutableClock clock) {
    InMemoryDirectory directory = new InMemoryDirectory(rules, clock);
    return new Subject(directory, directory.live(), null);
  }
}
