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
      if (asker.view().leaving()) {
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

  CompletableFuture<Void> checkStatus(SimulatedClient asker, SimulatedClient peer) {
    SimulatedClient.View before = peer.view();
    long asked = System.currentTimeMillis();
    return api.status(asker.keyHex, peer.id.hex())
        .thenAccept(
            a -> {
              long answered = System.currentTimeMillis();
              SimulatedClient.View after = peer.view();
              tally.count("status checks");
              if (a.status() == 401) {
                askerUnknown(asker, answered);
                return;
              }
              if (a.status() == 503) {
                tally.count("503 storage unavailable (documented)");
                return;
              }
              if (before.leaving() != after.leaving() || after.verifying() || before.verifying()) {
                return; // the peer changed state meanwhile: nothing certain to check
              }
              if (after.gone() && before.gone()) {
                expectStatus(
                    a.status() == 404, "logged-out or expired peer answered " + a.status());
                return;
              }
              if (after.leaving()) {
                return;
              }
              if (a.status() == 404 && expect.mayHaveExpired(after, answered)) {
                tally.count("peer may have expired (its pulses went unanswered)");
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
              String lastOnline = a.field("last_online").orElse("null");
              String wrong = expect.lastOnlineMismatch(lastOnline, before, answered);
              if (wrong != null && expect.withinDirectoryBound(lastOnline, before, answered)) {
                tally.count(
                    before.ownerDown()
                        ? "last_online from the directory (owner killed)"
                        : "last_online from the directory (owner not answering in time)");
              } else if (wrong != null) {
                tally.wrong("last_online", wrong);
              }
            })
        .exceptionally(e -> failed(e));
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
                askerUnknown(asker, System.currentTimeMillis());
                return;
              }
              SimulatedClient.View after = peer.view();
              if (before.leaving()
                  || after.leaving()
                  || expect.mayHaveExpired(after, System.currentTimeMillis())) {
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

  private void askerUnknown(SimulatedClient asker, long answered) {
    if (expect.mayHaveExpired(asker.view(), answered)) {
      tally.count("asker may have expired (its pulses went unanswered)");
    } else {
      tally.wrong("lost registration", "asker " + asker.index + " got 401");
    }
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

  /** Every client that did not log out (or expire) must still be known; every other one, gone. */
  void finalAudit() {
    long now = System.currentTimeMillis();
    SimulatedClient asker =
        clients.stream()
            .filter(c -> !c.view().leaving() && !expect.mayHaveExpired(c.view(), now))
            .findFirst()
            .orElseThrow();
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
                    } else if (v.gone()) {
                      expectStatus(
                          a.status() == 404, "logged-out or expired client answered " + a.status());
                    } else if (a.status() == 404 && expect.mayHaveExpired(v, now)) {
                      tally.count("audited: expired after unanswered pulses");
                    } else if (!v.leaving() && a.status() != 200) {
                      tally.wrong(
                          "lost registration", "client " + c.index + " answered " + a.status());
                    }
                  })
              .exceptionally(this::failed));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
  }
}
