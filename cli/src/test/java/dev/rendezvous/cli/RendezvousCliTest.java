package dev.rendezvous.cli;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.IdentityFile;
import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.punch.PeerLink;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.punch.PunchResult;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.client.session.SessionConfig;
import dev.rendezvous.client.session.SessionListener;
import dev.rendezvous.client.testserver.TestRendezvousServer;
import dev.rendezvous.protocol.identity.ClientCredentials;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI against the SDK's real test server, through picocli as a user would call it. */
class RendezvousCliTest {
  @TempDir Path dir;
  @RegisterExtension final TestRendezvousServer server = TestRendezvousServer.forEachTest();

  private record Run(int exit, String out, String err) {}

  private Run run(InputStream stdin, String... args) {
    return run(stdin, new StringWriter(), args);
  }

  /** Runs the CLI; {@code out} receives its standard output as it is printed. */
  private Run run(InputStream stdin, StringWriter out, String... args) {
    RendezvousCli root = new RendezvousCli();
    root.stdin = stdin;
    CommandLine cl = RendezvousCli.commandLine(root);
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>();
    all.add("--url=" + server.baseUrl());
    all.add("--edge=127.0.0.1:" + server.edge().getPort());
    all.add("--interval=1");
    all.addAll(List.of(args));
    int exit = cl.execute(all.toArray(new String[0]));
    return new Run(exit, out.toString(), err.toString());
  }

  private Run run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  private String register(Path file) throws Exception {
    Run r = run("-i", file.toString(), "register");
    assertThat(r.exit()).as(r.err()).isZero();
    return IdentityFile.load(file).clientId().hex();
  }

  @Test
  void registerSavesAPrivateIdentityFileAndWillNotOverwriteIt() throws Exception {
    Path file = dir.resolve("me.json");
    Run r = run("-i", file.toString(), "register");
    assertThat(r.exit()).isZero();
    ClientCredentials me = IdentityFile.load(file);
    assertThat(r.out()).contains("registered client_id " + me.clientId());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(server.registry().find(me.clientId())).isPresent();

    Run again = run("-i", file.toString(), "register");
    assertThat(again.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("--force");
    assertThat(IdentityFile.load(file)).isEqualTo(me);
  }

  @Test
  void statusPeerVerifyAndLogoutWithTheirExitCodes() throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    register(a);
    String idB = register(b);

    Run status = run("-i", a.toString(), "status", idB);
    assertThat(status.exit()).isZero();
    assertThat(status.out()).contains(idB + " ONLINE never pulsed");

    Run noAddress = run("-i", a.toString(), "peer", idB);
    assertThat(noAddress.exit()).isEqualTo(ExitCodes.PEER_NOT_FOUND);
    assertThat(noAddress.err()).contains("404");

    Run pulse = run("-i", b.toString(), "pulse", "--count", "2");
    assertThat(pulse.exit()).as(pulse.err()).isZero();
    assertThat(pulse.out()).contains("1020 accepted, public address 127.0.0.1:");
    assertThat(pulse.out()).as("the header comes before the replies").startsWith("pulsing ");

    Run peer = run("-i", a.toString(), "peer", idB);
    assertThat(peer.exit()).isZero();
    assertThat(peer.out().trim()).matches("127\\.0\\.0\\.1:\\d+");

    assertThat(run("-i", a.toString(), "verify").out()).contains("already ONLINE");
    assertThat(run("-i", a.toString(), "peer", "not-an-id").exit()).isEqualTo(ExitCodes.USAGE);

    Run logout = run("-i", b.toString(), "logout", "--keep-file");
    assertThat(logout.exit()).isZero();
    assertThat(run("-i", b.toString(), "verify").exit()).isEqualTo(ExitCodes.NOT_REGISTERED);
    assertThat(run("-i", a.toString(), "status", idB).exit()).isEqualTo(ExitCodes.PEER_NOT_FOUND);

    assertThat(run("-i", a.toString(), "logout").exit()).isZero();
    assertThat(a).doesNotExist();
    Run none = run("-i", a.toString(), "status");
    assertThat(none.exit()).isEqualTo(ExitCodes.NOT_REGISTERED);
    assertThat(none.err()).contains("run 'rendezvous register' first");
  }

  @Test
  void anUnreachableServiceExitsWithOne() throws Exception {
    Path a = dir.resolve("a.json");
    register(a);
    server.close();
    Run r = run("-i", a.toString(), "verify");
    assertThat(r.exit()).isEqualTo(ExitCodes.SERVICE_ERROR);
    assertThat(r.err()).contains("cannot reach");
  }

  @Test
  void connectTwoSidedPunchesToAPeerAndExchangesLines() throws Exception {
    Path a = dir.resolve("a.json");
    String idA = register(a);
    RendezvousClient sdk =
        new RendezvousClient(
            server.baseUrl(),
            SessionConfig.defaults(server.edge()).withInterval(Duration.ofSeconds(1)));
    ClientCredentials peer = sdk.register().join().identity();

    PipedOutputStream typing = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(typing);
    StringWriter cliOut = new StringWriter();
    CompletableFuture<Run> cli =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    stdin,
                    cliOut,
                    "-i",
                    a.toString(),
                    "connect",
                    "--two-sided",
                    peer.clientId().hex(),
                    "--timeout",
                    "5"));
    try (RendezvousSession session = sdk.openSession(peer, new SessionListener() {})) {
      PunchResult r =
          session
              .punch(
                  dev.rendezvous.protocol.identity.ClientId.parse(idA),
                  PunchOptions.defaults().withWaitForPeer(Duration.ofSeconds(20)))
              .get(30, TimeUnit.SECONDS);
      assertThat(r).isInstanceOf(PunchResult.Success.class);
      PeerLink link = ((PunchResult.Success) r).link();
      typing.write("hello from the cli\n".getBytes(StandardCharsets.UTF_8));
      typing.flush();
      assertThat(link.receive(Duration.ofSeconds(5)))
          .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
          .contains("hello from the cli");
      link.send("hello from the sdk".getBytes(StandardCharsets.UTF_8));
      awaitUntil(
          Duration.ofSeconds(10),
          () -> cliOut.toString().contains("peer> hello from the sdk"),
          "the CLI to print the SDK's line");
      typing.close();
      Run done = cli.get(20, TimeUnit.SECONDS);
      assertThat(done.exit()).as(done.err()).isZero();
      assertThat(done.out()).contains("peer> hello from the sdk");
      assertThat(done.err()).contains("online as " + idA).contains("connected in");
    }
  }

  @Test
  void connectToAnUnknownPeerExitsWithFour() throws Exception {
    Path a = dir.resolve("a.json");
    register(a);
    Run r =
        run(
            "-i",
            a.toString(),
            "connect",
            "--two-sided",
            "22".repeat(16),
            "--wait",
            "0",
            "--timeout",
            "2");
    assertThat(r.exit()).isEqualTo(ExitCodes.PEER_NOT_FOUND);
    assertThat(r.err()).contains("PEER_UNKNOWN");
  }
}
