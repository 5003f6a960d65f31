package dev.rendezvous.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the HTTP routes about random peers while the pulses run and checks the answers against what
 * the driver knows of those peers; at the end, checks that no registration was lost.
 */
final class PeerChecks {
  private final HttpApi api;
  private final Expectations expect;
  private final Tally tally;
  private final List<SimulatedClient> clients;
  private final Random random;

  PeerChecks(
      HttpApi api, Expectations expect, Tally tally, List<SimulatedClient> clients, Random random) {
    this.api = api;
    this.expect = expect;
    this.tally = tally;
    this.clients = clients;
    this.random = random;
  }

  void runUntil(long endMillis, int perSecond, AtomicBoolean running) {
    long pause = Math.max(1, 1000 / Math.max(1, perSecond));
    List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    while (running.get() && System.currentTimeMillis() < endMillis) {
      SimulatedClient asker = clients.get(random.nextInt(clients.size()));
      SimulatedClient peer = clients.get(random.nextInt(clients.size()));
      if (asker.view().logoutStarted()) {
        continue;
      }
      inFlight.add(random.nextBoolean() ? checkStatus(asker, peer) : checkAddress(asker, peer));
      inFlight.removeIf(CompletableFuture::isDone);
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
  }

  private CompletableFuture<Void> checkStatus(SimulatedClient asker, SimulatedClient peer) {
    SimulatedClient.View before = peer.view();
    long asked = System.currentTimeMillis();
    return api.status(asker.keyHex, peer.id.hex())
        .thenAccept(
            a -> {
              long answered = System.currentTimeMillis();
              SimulatedClient.View after = peer.view();
              tally.count("status checks");
              if (a.status() == 401) {
                tally.wrong("lost registration", "asker " + asker.index + " got 401");
                return;
              }
              if (a.status() == 503) {
                tally.count("503 storage unavailable (documented)");
                return;
              }
              if (before.logoutStarted() != after.logoutStarted()
                  || after.verifying()
                  || before.verifying()) {
                return; // the peer changed state meanwhile: nothing certain to check
              }
              if (after.loggedOut() && before.loggedOut()) {
                expectStatus(a.status() == 404, "logged-out peer answered " + a.status());
                return;
              }
              if (after.logoutStarted()) {
                return;
              }
              String want =
                  expect.statusOf(
                      before.aliveLower() == after.aliveLower() ? before : after, asked, answered);
              if (a.status() != 200) {
                tally.wrong(
                    "status", "peer " + peer.index + " answered " + a.status() + " " + a.body());
                return;
              }
              String got = a.field("status").orElse("?");
              if (want != null && before.aliveUpper() == after.aliveUpper() && !want.equals(got)) {
                tally.wrong("status", "peer " + peer.index + " is " + got + ", expected " + want);
              }
              checkLastOnline(a, after, asked, answered);
            })
        .exceptionally(e -> failed(e));
  }

  private void checkLastOnline(
      HttpApi.Answer answer, SimulatedClient.View peer, long asked, long answered) {
    String lastOnline = answer.field("last_online").orElse("null");
    if (peer.pulseLower() < 0) {
      return; // may or may not have been recorded yet
    }
    if (lastOnline.equals("null")) {
      if (peer.pulseUpper() < asked) {
        tally.wrong("last_online", "null although the peer pulsed");
      }
      return;
    }
    double seconds = Double.parseDouble(lastOnline);
    double most = (answered - peer.pulseLower()) / 1000.0 + 1;
    if (seconds < 0 || seconds > most) {
      tally.wrong("last_online", seconds + " s, but the peer pulsed within " + most + " s");
    }
  }

  private CompletableFuture<Void> checkAddress(SimulatedClient asker, SimulatedClient peer) {
    SimulatedClient.View before = peer.view();
    return api.address(asker.keyHex, peer.id.hex())
        .thenAccept(
            a -> {
              tally.count("address checks");
              if (a.status() == 503) {
                tally.count("503 storage unavailable (documented)");
                return;
              }
              if (a.status() == 401) {
                tally.wrong("lost registration", "asker " + asker.index + " got 401");
                return;
              }
              if (before.logoutStarted() || peer.view().logoutStarted()) {
                return;
              }
              if (before.pulseLower() > 0
                  && before.pulseLower() < System.currentTimeMillis() - 1000) {
                if (a.status() != 200) {
                  tally.wrong(
                      "address", "peer " + peer.index + " pulsed but answered " + a.status());
                  return;
                }
                String port = a.field("port").orElse("?");
                if (!port.equals(Integer.toString(peer.localPort))) {
                  tally.wrong(
                      "address", "port " + port + ", but the peer's socket is " + peer.localPort);
                }
              }
            })
        .exceptionally(e -> failed(e));
  }

  private Void failed(Throwable e) {
    tally.count("http errors: " + e.getClass().getSimpleName());
    return null;
  }

  private void expectStatus(boolean ok, String detail) {
    if (!ok) {
      tally.wrong("status", detail);
    }
  }

  /** Every client that did not log out must still be known; every one that did, gone. */
  void finalAudit() {
    SimulatedClient asker =
        clients.stream().filter(c -> !c.view().logoutStarted()).findFirst().orElseThrow();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (SimulatedClient c : clients) {
      SimulatedClient.View v = c.view();
      all.add(
          api.status(asker.keyHex, c.id.hex())
              .thenAccept(
                  a -> {
                    tally.count("audited");
                    if (a.status() == 503) {
                      tally.wrong("audit", "storage unavailable at the end: cannot tell");
                    } else if (v.loggedOut()) {
                      expectStatus(a.status() == 404, "logged-out client answered " + a.status());
                    } else if (!v.logoutStarted() && a.status() != 200) {
                      tally.wrong(
                          "lost registration", "client " + c.index + " answered " + a.status());
                    }
                  })
              .exceptionally(this::failed));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
  }
}
