package dev.rendezvous.load;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar load/target/rendezvous-load.jar --clients 10000 --duration 180}. */
@Command(
    name = "rendezvous-load",
    mixinStandardHelpOptions = true,
    description =
        "Plays many clients against a running Rendezvous service and checks every answer.")
public final class LoadDriverMain implements Callable<Integer> {
  @Option(names = "--http", defaultValue = "http://127.0.0.1:5025/", description = "HTTP base URL")
  URI http;

  @Option(names = "--edge-host", defaultValue = "127.0.0.1")
  String edgeHost;

  @Option(names = "--edge-port", defaultValue = "5024")
  int edgePort;

  @Option(names = "--clients", defaultValue = "10000")
  int clients;

  @Option(names = "--duration", defaultValue = "180", description = "seconds of pulsing")
  int duration;

  @Option(names = "--interval", defaultValue = "30", description = "the service's pulse interval")
  long interval;

  @Option(names = "--grace", defaultValue = "5")
  long grace;

  @Option(names = "--error-time", defaultValue = "180")
  long errorTime;

  @Option(names = "--silent-fraction", defaultValue = "0.05")
  double silent;

  @Option(names = "--logout-fraction", defaultValue = "0.02")
  double logout;

  @Option(names = "--v1-fraction", defaultValue = "0.1")
  double v1;

  @Option(names = "--peer-checks-per-second", defaultValue = "40")
  int peerChecks;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  @Option(
      names = "--second-edge-port",
      defaultValue = "0",
      description = "a second edge on --edge-host (0: none); clients alternate between the two")
  int secondEdgePort;

  @Option(
      names = "--kill-second-edge-pid",
      defaultValue = "0",
      description = "kill -9 this process (the second edge) --kill-at seconds into the run")
  long killPid;

  @Option(names = "--kill-at", defaultValue = "60", description = "seconds into the run")
  int killAt;

  @Option(
      names = "--checkpoint-seconds",
      defaultValue = "300",
      description = "the edge's checkpoint period (interval x RENDEZVOUS_CHECKPOINT_INTERVALS)")
  long checkpointSeconds;

  @Override
  public Integer call() throws Exception {
    LoadOptions options =
        new LoadOptions(
            http,
            new InetSocketAddress(edgeHost, edgePort),
            secondEdgePort == 0 ? null : new InetSocketAddress(edgeHost, secondEdgePort),
            killPid,
            killAt,
            checkpointSeconds,
            clients,
            duration,
            interval,
            grace,
            errorTime,
            silent,
            logout,
            v1,
            peerChecks,
            64,
            2,
            seed);
    LoadDriver driver = new LoadDriver(options);
    long started = System.nanoTime();
    driver.run();
    Tally tally = driver.tally();
    System.out.printf(
        "%nran %d clients for %d s (%.0f s in all)%n",
        clients, duration, (System.nanoTime() - started) / 1e9);
    for (Map.Entry<String, Long> e : tally.snapshot().entrySet()) {
      System.out.printf("  %-32s %d%n", e.getKey(), e.getValue());
    }
    tally.mismatches().forEach(m -> System.out.println("  mismatch: " + m));
    driver.failovers().print(System.out);
    long checked =
        tally.get("reply 1020")
            + tally.get("reply 1050")
            + tally.get("reply 1060")
            + tally.get("status checks")
            + tally.get("address checks")
            + tally.get("audited");
    System.out.printf(
        "load: %d passed, %d failed%n", checked - tally.wrongCount(), tally.wrongCount());
    return tally.wrongCount() == 0 ? 0 : 1;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadDriverMain()).execute(args));
  }
}
