package dev.rendezvous.cli;

import dev.rendezvous.client.IdentityFile;
import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.http.ApiException;
import dev.rendezvous.client.http.RendezvousHttpApi;
import dev.rendezvous.client.session.SessionConfig;
import dev.rendezvous.protocol.identity.ClientCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code rendezvous} command: global options and shared helpers for the subcommands. */
@Command(
    name = "rendezvous",
    mixinStandardHelpOptions = true,
    version = "rendezvous-cli 0.1.0",
    description = "Register with a rendezvous service, pulse, look peers up, and punch UDP holes.",
    subcommands = {
      RegisterCommand.class,
      PulseCommand.class,
      PeerCommand.class,
      StatusCommand.class,
      VerifyCommand.class,
      LogoutCommand.class,
      ConnectCommand.class,
      ListenCommand.class,
      PolicyCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 service unreachable or error, 2 bad usage, 3 not registered"
          + " (no identity, 401, 1060), 4 peer not found or offline, 5 punch failed."
    })
public final class RendezvousCli {
  static final Duration HTTP_WAIT = Duration.ofSeconds(30);

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--url",
      description = "HTTP base URL of the service (env RENDEZVOUS_URL; default ${DEFAULT-VALUE}).",
      defaultValue = "${env:RENDEZVOUS_URL:-http://127.0.0.1:5025}",
      scope = CommandLine.ScopeType.INHERIT)
  URI url;

  @Option(
      names = "--edge",
      description = "UDP edge as host:port (env RENDEZVOUS_EDGE; default ${DEFAULT-VALUE}).",
      defaultValue = "${env:RENDEZVOUS_EDGE:-127.0.0.1:5024}",
      scope = CommandLine.ScopeType.INHERIT)
  String edge;

  @Option(
      names = "--probe-port",
      description =
          "A second edge port to detect a symmetric NAT (the edge must listen there too).",
      scope = CommandLine.ScopeType.INHERIT)
  Integer probePort;

  @Option(
      names = {"-i", "--identity"},
      description = "Identity file (client_id + private key, mode 600; default ${DEFAULT-VALUE}).",
      defaultValue = "${env:RENDEZVOUS_IDENTITY:-${sys:user.home}/.rendezvous/identity.json}",
      scope = CommandLine.ScopeType.INHERIT)
  Path identity;

  @Option(
      names = "--v1",
      description = "Pulse with the v1 format (the key on the wire) instead of v2.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean v1;

  @Option(
      names = "--interval",
      description = "Mean pulse interval in seconds (default ${DEFAULT-VALUE}).",
      defaultValue = "25",
      scope = CommandLine.ScopeType.INHERIT)
  double intervalSeconds;

  /** Where {@code connect} reads lines from; tests replace it. */
  InputStream stdin = System.in;

  public static void main(String[] args) {
    System.exit(commandLine(new RendezvousCli()).execute(args));
  }

  static CommandLine commandLine(RendezvousCli root) {
    CommandLine cl = new CommandLine(root);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + e.getMessage());
          return ExitCodes.SERVICE_ERROR;
        });
    return cl;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  InetSocketAddress edgeAddress() {
    int colon = edge.lastIndexOf(':');
    if (colon <= 0) {
      throw new ParameterException(spec.commandLine(), "--edge must be host:port, got " + edge);
    }
    try {
      String host = edge.substring(0, colon).replace("[", "").replace("]", "");
      return new InetSocketAddress(
          InetAddress.getAllByName(host)[0], Integer.parseInt(edge.substring(colon + 1)));
    } catch (UnknownHostException | NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "--edge: " + e.getMessage());
    }
  }

  SessionConfig sessionConfig() {
    InetSocketAddress e = edgeAddress();
    SessionConfig c =
        SessionConfig.defaults(e)
            .withInterval(Duration.ofMillis(Math.round(intervalSeconds * 1000)))
            .withProtocol(v1 ? SessionConfig.Protocol.V1 : SessionConfig.Protocol.V2);
    if (probePort != null) {
      c = c.withProbeEdge(new InetSocketAddress(e.getAddress(), probePort));
    }
    return c;
  }

  RendezvousClient client() {
    return new RendezvousClient(url, sessionConfig());
  }

  /** A client whose callbacks (listener, received lines) run on {@code callbacks}. */
  RendezvousClient client(Executor callbacks) {
    return RendezvousClient.builder(url, sessionConfig()).callbackExecutor(callbacks).build();
  }

  /** Reads the identity file, or explains how to make one. */
  Optional<ClientCredentials> loadIdentity() {
    try {
      return Optional.of(IdentityFile.load(identity));
    } catch (NoSuchFileException e) {
      err().println("no identity at " + identity + ": run 'rendezvous register' first");
    } catch (IOException e) {
      err().println("cannot read identity: " + e.getMessage());
    }
    return Optional.empty();
  }

  /** What a one-call command does with a successful answer. */
  @FunctionalInterface
  interface OnSuccess<T> {
    void accept(T answer) throws IOException;
  }

  /**
   * The shape of the one-call commands: this client's identity ({@link ExitCodes#NOT_REGISTERED}
   * when there is none), one HTTP call with it, {@code onSuccess} with the answer; the exit code.
   */
  <T> int callWithIdentity(
      Function<ClientCredentials, CompletableFuture<T>> call, OnSuccess<T> onSuccess)
      throws IOException {
    Optional<ClientCredentials> me = loadIdentity();
    if (me.isEmpty()) {
      return ExitCodes.NOT_REGISTERED;
    }
    Result<T> r = await(call.apply(me.get()));
    if (r.ok()) {
      onSuccess.accept(r.value());
    }
    return r.exitCode();
  }

  /** Waits for an HTTP call and maps its failure to a message and an exit code. */
  <T> Result<T> await(CompletableFuture<T> call) {
    try {
      return new Result<>(call.get(HTTP_WAIT.toSeconds(), TimeUnit.SECONDS), ExitCodes.OK);
    } catch (ExecutionException e) {
      RuntimeException cause = RendezvousHttpApi.unwrap(e);
      err().println("error: " + cause.getMessage());
      if (cause instanceof ApiException api) {
        if (api.isUnauthorized()) {
          err().println("this identity is not known to the service (logged out or expired)");
          return new Result<>(null, ExitCodes.NOT_REGISTERED);
        }
        if (api.isNotFound()) {
          return new Result<>(null, ExitCodes.PEER_NOT_FOUND);
        }
      }
      return new Result<>(null, ExitCodes.SERVICE_ERROR);
    } catch (TimeoutException e) {
      err().println("error: no answer from " + url + " within " + HTTP_WAIT.toSeconds() + " s");
      return new Result<>(null, ExitCodes.SERVICE_ERROR);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result<>(null, ExitCodes.SERVICE_ERROR);
    }
  }

  /** A finished call: a value when {@code exitCode} is OK. */
  record Result<T>(T value, int exitCode) {
    boolean ok() {
      return exitCode == ExitCodes.OK;
    }
  }
}
