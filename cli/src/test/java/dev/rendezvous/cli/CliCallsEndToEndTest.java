package dev.rendezvous.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.IdentityFile;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CLI's one-sided connect against the local run's parts: {@code listen} on one side, {@code
 * connect} on the other only; lines go both ways. Also {@code connect} run on both sides for each
 * other, and a call to an unknown peer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliCallsEndToEndTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private LocalRun stack;
  private Path dir;

  @BeforeAll
  void start() throws Exception {
    stack = new LocalRun(DYNALITE);
    dir = Files.createTempDirectory("cli-calls");
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void listenOnOneSideConnectOnTheOther() throws Exception {
    Terminal bob = new Terminal(register("bob"));
    Terminal alice = new Terminal(register("alice"));
    CompletableFuture<Integer> listening = bob.start("listen");
    await(20, () -> bob.err().contains("listening"), () -> "bob listens");
    CompletableFuture<Integer> calling = alice.start("connect", bob.id());
    await(20, () -> alice.err().contains("connected in"), alice::err);
    await(20, () -> bob.err().contains("connected in"), bob::err);
    assertThat(alice.err()).contains("(encrypted)");
    alice.type("hi bob");
    await(10, () -> bob.out().contains("peer> hi bob"), bob::out);
    bob.type("hi alice");
    await(10, () -> alice.out().contains("peer> hi alice"), alice::out);
    alice.quit();
    bob.quit();
    assertThat(calling.get(20, TimeUnit.SECONDS)).as(alice.err()).isZero();
    assertThat(listening.get(20, TimeUnit.SECONDS)).as(bob.err()).isZero();
  }

  @Test
  void connectOnBothSidesEndsOnOneCall() throws Exception {
    Terminal carol = new Terminal(register("carol"));
    Terminal dave = new Terminal(register("dave"));
    CompletableFuture<Integer> c = carol.start("connect", dave.id());
    CompletableFuture<Integer> d = dave.start("connect", carol.id());
    await(30, () -> carol.err().contains("connected in"), carol::err);
    await(30, () -> dave.err().contains("connected in"), dave::err);
    carol.type("one");
    await(10, () -> dave.out().contains("peer> one"), dave::out);
    dave.type("two");
    await(10, () -> carol.out().contains("peer> two"), carol::out);
    carol.quit();
    dave.quit();
    assertThat(c.get(20, TimeUnit.SECONDS)).as(carol.err()).isZero();
    assertThat(d.get(20, TimeUnit.SECONDS)).as(dave.err()).isZero();
  }

  @Test
  void callingAnUnknownPeerExitsWithFour() throws Exception {
    Terminal erin = new Terminal(register("erin"));
    int exit = erin.start("connect", "22".repeat(16), "--wait", "0").get(30, TimeUnit.SECONDS);
    assertThat(exit).isEqualTo(ExitCodes.PEER_NOT_FOUND);
    assertThat(erin.err()).contains("PEER_UNKNOWN");
  }

  @Test
  void aPolicyOfNobodyRefusesTheCallerBeforeAnythingRings() throws Exception {
    Terminal frank = new Terminal(register("frank"));
    Terminal grace = new Terminal(register("grace"));
    assertThat(frank.run(InputStream.nullInputStream(), "policy")).isZero();
    assertThat(frank.out()).contains("accepts calls from everyone");
    assertThat(frank.run(InputStream.nullInputStream(), "policy", "nobody")).isZero();
    assertThat(frank.out()).contains("accepts calls from nobody");
    CompletableFuture<Integer> listening = frank.start("listen");
    await(20, () -> frank.err().contains("listening"), frank::err);
    grace.start("connect", frank.id(), "--wait", "0").get(30, TimeUnit.SECONDS);
    assertThat(grace.err()).contains("REFUSED");
    assertThat(frank.err()).doesNotContain("call from");
    assertThat(frank.run(InputStream.nullInputStream(), "policy", grace.id())).isZero();
    assertThat(frank.out()).contains("accepts calls from listed [" + grace.id() + "]");
    frank.quit();
    assertThat(listening.get(20, TimeUnit.SECONDS)).as(frank.err()).isZero();
  }

  /** Waits for {@code condition}; on failure says what the terminal printed. */
  private static void await(int seconds, BooleanSupplier condition, Supplier<String> printed)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s; printed:\n" + printed.get());
      }
      Thread.sleep(50);
    }
  }

  private Path register(String name) {
    Path file = dir.resolve(name + ".json");
    int exit = new Terminal(file).run(InputStream.nullInputStream(), "register");
    assertThat(exit).isZero();
    return file;
  }

  /** One CLI invocation's identity, typed input and printed output. */
  private final class Terminal {
    private final Path identity;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private PipedOutputStream keyboard;

    Terminal(Path identity) {
      this.identity = identity;
    }

    String id() throws Exception {
      return IdentityFile.load(identity).clientId().hex();
    }

    CompletableFuture<Integer> start(String... args) throws Exception {
      keyboard = new PipedOutputStream();
      PipedInputStream stdin = new PipedInputStream(keyboard);
      return CompletableFuture.supplyAsync(() -> run(stdin, args));
    }

    void type(String line) throws Exception {
      keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
    }

    void quit() throws Exception {
      keyboard.close();
    }

    String out() {
      synchronized (out) {
        return out.toString();
      }
    }

    String err() {
      synchronized (err) {
        return err.toString();
      }
    }

    int run(InputStream stdin, String... args) {
      RendezvousCli root = new RendezvousCli();
      root.stdin = stdin;
      var cl = RendezvousCli.commandLine(root);
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      List<String> all = new ArrayList<>();
      all.add("--url=" + stack.base);
      all.add("--edge=127.0.0.1:" + stack.udpPort);
      all.add("--interval=1");
      all.add("-i");
      all.add(identity.toString());
      all.addAll(List.of(args));
      return cl.execute(all.toArray(new String[0]));
    }
  }
}
