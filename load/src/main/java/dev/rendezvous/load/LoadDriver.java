package dev.rendezvous.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs the simulated clients: a scheduler thread sends, receiver threads check every reply. */
final class LoadDriver {

  private final LoadOptions options;
  private final HttpApi api;
  private final Expectations expect;
  private final Tally tally = new Tally();
  private final Random random;
  private final List<SimulatedClient> clients = new ArrayList<>();
  private final List<Selector> selectors = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final PeerChecks peerChecks;
  private final ClientAnswers replies;
  private final Failovers failovers = new Failovers();

  LoadDriver(LoadOptions options) {
    this.options = options;
    this.api = new HttpApi(options.http(), options.httpInFlight());
    this.expect =
        new Expectations(
            options.intervalSeconds(),
            options.graceSeconds(),
            options.errorSeconds(),
            1500,
            options.checkpointSeconds());
    this.random = new Random(options.seed());
    this.peerChecks = new PeerChecks(api, expect, tally, clients, random);
    this.replies = new ClientAnswers(api, expect, tally, failovers);
  }

  Tally tally() {
    return tally;
  }

  Failovers failovers() {
    return failovers;
  }

  List<SimulatedClient> clients() {
    return clients;
  }

  void run() throws IOException, InterruptedException {
    long start = System.currentTimeMillis();
    register();
    if (clients.isEmpty()) {
      throw new IllegalStateException(
          "no client could register at " + options.http() + ": is the service running there?");
    }
    System.out.printf(
        "registered %d clients in %.1f s%n",
        clients.size(), (System.currentTimeMillis() - start) / 1000.0);
    List<Thread> receivers = openSockets();
    long runStart = System.currentTimeMillis();
    long end = runStart + options.durationSeconds() * 1000L;
    Thread checker =
        thread(
            "peer-checks", () -> peerChecks.runUntil(end, options.peerChecksPerSecond(), running));
    if (options.killSecondEdgePid() != 0) {
      thread("edge-killer", () -> killSecondEdge(runStart + options.killAtSeconds() * 1000L));
    }
    schedule(runStart, end);
    checker.join();
    Thread.sleep(3000); // last replies
    running.set(false);
    for (Selector s : selectors) {
      s.wakeup();
    }
    for (Thread t : receivers) {
      t.join(5000);
    }
    countUnanswered();
    peerChecks.finalAudit();
    for (SimulatedClient c : clients) {
      c.channel.close();
    }
  }

  private static Thread thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void register() {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    int silentEvery = fraction(options.silentFraction());
    int logoutEvery = fraction(options.logoutFraction());
    int v1Every = fraction(options.v1Fraction());
    long span = options.durationSeconds() * 1000L;
    long silence = expect.silenceMillis(5000 + random.nextInt(5000));
    for (int i = 0; i < options.clients(); i++) {
      int index = i;
      SimulatedClient.Plan plan =
          i % logoutEvery == 1
              ? SimulatedClient.Plan.LOGOUT
              : i % silentEvery == 2
                  ? SimulatedClient.Plan.SILENT_ONCE
                  : SimulatedClient.Plan.STEADY;
      boolean v1 = i % v1Every == 3;
      long planAt = (long) (span * (0.1 + 0.5 * random.nextDouble()));
      long sent = System.currentTimeMillis();
      all.add(
          api.register()
              .thenAccept(
                  a -> {
                    if (a.status() == 503) {
                      tally.count("register 503 (documented; not retried)");
                      return;
                    }
                    if (a.status() != 200 || !a.field("ok").orElse("").equals("true")) {
                      tally.wrong("register", a.status() + " " + a.body());
                      return;
                    }
                    SimulatedClient c =
                        new SimulatedClient(
                            index, a.field("private_id").orElseThrow(), v1, plan, planAt, silence);
                    if (!c.id.hex().equals(a.field("client_id").orElse(""))) {
                      tally.wrong("register", "client_id does not match the key");
                    }
                    c.markAlive(sent, System.currentTimeMillis(), false);
                    synchronized (clients) {
                      clients.add(c);
                    }
                    tally.count("registered");
                  })
              .exceptionally(
                  e -> {
                    tally.count("register failed: " + e.getClass().getSimpleName());
                    return null;
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
  }

  /** SIGKILL to the second edge at {@code atMillis}; its clients' owner is down from then on. */
  private void killSecondEdge(long atMillis) {
    try {
      Thread.sleep(Math.max(0, atMillis - System.currentTimeMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    ProcessHandle edge =
        ProcessHandle.of(options.killSecondEdgePid())
            .orElseThrow(
                () -> new IllegalStateException("no process " + options.killSecondEdgePid()));
    edge.destroyForcibly(); // SIGKILL: no draining, no last heartbeat
    long killedAt = System.currentTimeMillis();
    int onIt = 0;
    for (SimulatedClient c : clients) {
      synchronized (c) {
        if (c.edge == 1) {
          c.ownerDown = true;
          c.movedAtMillis = -1; // only a move after the kill counts
          onIt++;
        }
      }
    }
    failovers.killed(killedAt, onIt);
    System.out.printf("killed the second edge (pid %d) with %d clients on it%n", edge.pid(), onIt);
  }

  private static int fraction(double f) {
    return f <= 0 ? Integer.MAX_VALUE : Math.max(3, (int) Math.round(1 / f));
  }

  private List<Thread> openSockets() throws IOException {
    int n = options.receiverThreads();
    for (int i = 0; i < n; i++) {
      selectors.add(Selector.open());
    }
    InetSocketAddress[] edges = options.edges();
    for (SimulatedClient c : clients) {
      c.edge = c.index % edges.length;
      c.channel = DatagramChannel.open();
      c.channel.bind(new InetSocketAddress(options.edge().getAddress(), 0));
      c.channel.connect(edges[c.edge]);
      c.channel.configureBlocking(false);
      c.localPort = ((InetSocketAddress) c.channel.getLocalAddress()).getPort();
      c.channel.register(selectors.get(c.index % n), SelectionKey.OP_READ, c);
    }
    List<Thread> threads = new ArrayList<>();
    for (Selector s : selectors) {
      threads.add(thread("receiver", () -> receive(s)));
    }
    return threads;
  }

  private void schedule(long runStart, long end) throws InterruptedException {
    long period = options.intervalSeconds() * 800L;
    PriorityQueue<SimulatedClient> due =
        new PriorityQueue<>((a, b) -> Long.compare(a.nextDueMillis, b.nextDueMillis));
    for (SimulatedClient c : clients) {
      c.nextDueMillis = runStart + (long) (random.nextDouble() * period);
      due.add(c);
    }
    while (!due.isEmpty()) {
      SimulatedClient c = due.peek();
      long now = System.currentTimeMillis();
      if (c.nextDueMillis >= end) {
        break;
      }
      if (c.nextDueMillis > now) {
        Thread.sleep(Math.min(c.nextDueMillis - now, 50));
        continue;
      }
      due.poll();
      if (act(c, now - runStart, now)) {
        due.add(c);
      }
    }
  }

  /** Does the client's next step; returns false when it has nothing more to do. */
  private boolean act(SimulatedClient c, long elapsed, long now) {
    long jitter = (long) ((random.nextDouble() - 0.5) * options.intervalSeconds() * 200);
    long period = options.intervalSeconds() * 800L + jitter;
    synchronized (c) {
      if (c.loggedOut || c.logoutStarted || c.expired) {
        return false;
      }
      if (c.verifying) {
        c.nextDueMillis = now + 500;
        return true;
      }
      if (c.plan == SimulatedClient.Plan.LOGOUT && elapsed >= c.planAtMillis) {
        c.logoutStarted = true;
        replies.logout(c, () -> send(c, System.currentTimeMillis(), Set.of(Expectations.UNKNOWN)));
        return false;
      }
      if (c.plan == SimulatedClient.Plan.SILENT_ONCE
          && !c.silenceDone
          && elapsed >= c.planAtMillis) {
        c.silenceDone = true;
        c.nextDueMillis = Math.max(now, c.aliveUpperMillis + c.silenceMillis);
        tally.count("went silent");
        return true;
      }
    }
    send(c, now, null);
    c.nextDueMillis = now + period;
    return true;
  }

  private void send(SimulatedClient c, long now, Set<Integer> forced) {
    long counter = c.nextCounter(now);
    Set<Integer> allowed;
    synchronized (c) {
      if (c.pending != null) {
        tally.count("unanswered pulses");
        // An unanswered pulse may still have been recorded, and at any time until now: the edge
        // stays silent when storage is slower than its timeout but the write can land later, and
        // a datagram may wait in the edge's socket buffer first (udp-edge/README.md).
        c.markMaybeAlive(now);
        if (c.ownerDown) {
          c.unansweredSinceKill++;
        }
        moveFlow(c, now);
      }
      // Decided only now, after the unanswered pulse (if any) widened what the client knows.
      allowed = forced != null ? forced : expect.forPulse(c.view(), now);
      c.pending =
          new SimulatedClient.Pending(
              counter, now, allowed, forced != null, forced != null && !c.v1);
    }
    try {
      c.channel.write(ByteBuffer.wrap(PulseWire.pulse(c, counter)));
      tally.count("pulses sent");
    } catch (IOException e) {
      tally.count("send failed");
    }
  }

  /**
   * With two edges, an unanswered pulse moves the client's flow to the other edge (same socket,
   * same source port), as the NLB moves the flows of a lost target: the next pulse goes there.
   */
  private void moveFlow(SimulatedClient c, long now) {
    InetSocketAddress[] edges = options.edges();
    if (edges.length < 2) {
      return;
    }
    c.edge = 1 - c.edge;
    c.movedAtMillis = now;
    try {
      c.channel.disconnect();
      c.channel.connect(edges[c.edge]);
      tally.count("flows moved to the other edge");
    } catch (IOException e) {
      tally.count("flow move failed: " + e.getClass().getSimpleName());
    }
  }

  private void receive(Selector selector) {
    ByteBuffer buffer = ByteBuffer.allocate(2048);
    while (running.get()) {
      try {
        selector.select(200);
        for (SelectionKey key : selector.selectedKeys()) {
          SimulatedClient c = (SimulatedClient) key.attachment();
          buffer.clear();
          while (((DatagramChannel) key.channel()).receive(buffer) != null) {
            buffer.flip();
            byte[] datagram = new byte[buffer.remaining()];
            buffer.get(datagram);
            replies.onReply(c, datagram, System.currentTimeMillis());
            buffer.clear();
          }
        }
        selector.selectedKeys().clear();
      } catch (IOException e) {
        tally.count("receive failed");
      }
    }
  }

  private void countUnanswered() {
    for (SimulatedClient c : clients) {
      synchronized (c) {
        if (c.pending != null) {
          tally.count(c.pending.silenceOk() ? "no reply, as allowed" : "unanswered pulses");
        }
      }
    }
  }
}
