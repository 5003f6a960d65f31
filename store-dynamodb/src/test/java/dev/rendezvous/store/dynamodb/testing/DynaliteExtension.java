package dev.rendezvous.store.dynamodb.testing;

import dev.rendezvous.store.dynamodb.DynamoClientFactory;
import dev.rendezvous.store.dynamodb.TableBootstrap;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Gives tests a real DynamoDB engine: dynalite on a free loopback port, started once per test JVM
 * on first use and stopped (by PID) when the JVM's tests are done. Register it with
 * {@code @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();} and
 * call {@link #createTable()} for a fresh table per test.
 */
public final class DynaliteExtension implements BeforeAllCallback {
  private static final AtomicInteger TABLES = new AtomicInteger();

  private Engine engine;

  @Override
  public void beforeAll(ExtensionContext context) {
    engine =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(
                Engine.class, k -> new Engine(DynaliteProcess.start()), Engine.class);
  }

  public URI endpoint() {
    return engine().process.endpoint();
  }

  public DynamoClientFactory clients() {
    return DynamoClientFactory.forLocalEndpoint(endpoint());
  }

  /** A client shared by the tests of this JVM; do not close it. */
  public DynamoDbClient syncClient() {
    return engine().sync;
  }

  /** A new async client; the caller closes it. */
  public DynamoDbAsyncClient newAsyncClient(int maxConcurrency) {
    return clients().asyncClient(maxConcurrency);
  }

  /** Creates a fresh clients table with a unique name and returns the name. */
  public String createTable() {
    String name = "clients-" + TABLES.incrementAndGet() + "-" + System.nanoTime() % 100000;
    TableBootstrap.ensureTable(engine().sync, name);
    return name;
  }

  /** The dynalite process, for tests that stop and restart storage. */
  public DynaliteProcess process() {
    return engine().process;
  }

  private Engine engine() {
    if (engine == null) {
      throw new IllegalStateException(
          "register DynaliteExtension as a static @RegisterExtension field");
    }
    return engine;
  }

  private static final class Engine implements AutoCloseable {
    final DynaliteProcess process;
    final DynamoDbClient sync;

    Engine(DynaliteProcess process) {
      this.process = process;
      this.sync = DynamoClientFactory.forLocalEndpoint(process.endpoint()).syncClient();
    }

    @Override
    public void close() {
      sync.close();
      process.close();
    }
  }
}
