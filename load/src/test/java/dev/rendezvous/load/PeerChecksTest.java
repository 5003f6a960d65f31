package dev.rendezvous.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The driver's checks of status answers, fed scripted answers over real HTTP while the peer's state
 * changes during the request, as it does under load.
 */
class PeerChecksTest {
  private static final String KEY_HEX = "11".repeat(32);
  private static final String PEER_KEY_HEX = "22".repeat(32);

  private final Expectations expect = new Expectations(10, 2, 20, 1500, 100);
  private final Tally tally = new Tally();
  private final SimulatedClient asker = client(0, KEY_HEX);
  private final SimulatedClient peer = client(1, PEER_KEY_HEX);
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aPulseAcceptedWhileTheQuestionIsInFlightDoesNotBoundLastOnline() throws IOException {
    // The load run's mismatch: the peer pulsed 8.4 s before the question and again while it was
    // in flight; the service read the peer before that second pulse was recorded.
    long now = System.currentTimeMillis();
    peer.markAlive(now - 8_424, now - 8_420, true);
    String body = statusBody("ONLINE", "8.437");
    PeerChecks checks = checksAnswering(200, body, () -> peer.markAlive(now, now + 5, true));

    checks.checkStatus(asker, peer).join();

    assertThat(tally.mismatches()).isEmpty();
    assertThat(tally.get("status checks")).isEqualTo(1);
  }

  @Test
  void lastOnlineOlderThanTheDirectoryMaySayIsWrong() throws IOException {
    long now = System.currentTimeMillis();
    peer.markAlive(now - 3_000, now - 2_990, true);
    // 3 s since the last confirmed pulse, plus one checkpoint period (100 s here), plus 1 s.
    PeerChecks checks = checksAnswering(200, statusBody("ONLINE", "104.5"), () -> {});

    checks.checkStatus(asker, peer).join();

    assertThat(tally.mismatches()).singleElement().asString().startsWith("last_online: 104.5 s");
  }

  @Test
  void lastOnlineOlderThanAPulseConfirmedBeforeTheQuestionIsTheDirectorysValue()
      throws IOException {
    long now = System.currentTimeMillis();
    peer.markAlive(now - 3_000, now - 2_990, true);
    PeerChecks checks = checksAnswering(200, statusBody("ONLINE", "8.437"), () -> {});

    checks.checkStatus(asker, peer).join();

    assertThat(tally.mismatches()).isEmpty();
    assertThat(tally.get("last_online from the directory (owner not answering in time)"))
        .isEqualTo(1);
  }

  @Test
  void aPeerWhosePulsesWentUnansweredPastItsLifetimeMayBeGone() throws IOException {
    long now = System.currentTimeMillis();
    peer.markAlive(now - 31_000, now - 30_990, true);
    peer.markMaybeAlive(now - 23_000); // then pulses the edge left unanswered
    PeerChecks checks = checksAnswering(404, "{\"ok\":false,\"error\":\"not_found\"}", () -> {});

    checks.checkStatus(asker, peer).join();

    assertThat(tally.mismatches()).isEmpty();
    assertThat(tally.get("peer may have expired (its pulses went unanswered)")).isEqualTo(1);
  }

  @Test
  void aPeerConfirmedAliveWithinItsLifetimeMustNotBeGone() throws IOException {
    long now = System.currentTimeMillis();
    peer.markAlive(now - 20_000, now - 19_990, true);
    PeerChecks checks = checksAnswering(404, "{\"ok\":false,\"error\":\"not_found\"}", () -> {});

    checks.checkStatus(asker, peer).join();

    assertThat(tally.wrongCount()).isEqualTo(1);
  }

  @Test
  void silenceEndsInTheMiddleOfThePendingSpanAtMost() {
    assertThat(expect.silenceMillis(6_130)).isEqualTo(18_130);
    assertThat(expect.silenceMillis(30_000)).isEqualTo(21_000);
    Expectations defaults = new Expectations(30, 5, 180, 1500, 300);
    assertThat(defaults.silenceMillis(6_130)).isEqualTo(41_130);
  }

  private static SimulatedClient client(int index, String keyHex) {
    return new SimulatedClient(index, keyHex, false, SimulatedClient.Plan.STEADY, 0, 0);
  }

  private static String statusBody(String status, String lastOnline) {
    return "{\"client_id\":\"x\",\"status\":\""
        + status
        + "\",\"last_online\":"
        + lastOnline
        + ",\"timestamp\":1.000,\"ok\":true}";
  }

  /** A server that runs {@code meanwhile} while the request is in flight, then answers. */
  private PeerChecks checksAnswering(int status, String body, Runnable meanwhile)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Consumer<com.sun.net.httpserver.HttpExchange> answer =
        exchange -> {
          meanwhile.run();
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, bytes.length);
            out.write(bytes);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        };
    server.createContext("/", answer::accept);
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    return new PeerChecks(new HttpApi(base, 4), expect, tally, List.of(asker, peer), new Random(1));
  }
}
