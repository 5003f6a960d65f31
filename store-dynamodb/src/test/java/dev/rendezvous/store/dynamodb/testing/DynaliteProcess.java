package dev.rendezvous.store.dynamodb.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One dynalite server, started with {@code node tools/dynalite-server.js} on a free loopback port
 * and stopped by PID. Installs the pinned npm packages with {@code npm ci} first if they are
 * missing. The server also exits when this JVM dies, because it watches its standard input.
 */
public final class DynaliteProcess implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("\"port\":(\\d+)");

  private final Process process;
  private final URI endpoint;

  private DynaliteProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static DynaliteProcess start() {
    return start(0, null);
  }

  /**
   * Starts dynalite on {@code port} (0 = any free port), keeping its data in {@code dataDir} when
   * it is not null, so that a test can stop it and start it again with the same data and port.
   */
  public static DynaliteProcess start(int port, Path dataDir) {
    Path root = RepositoryRoot.find();
    try {
      NodePackages.ensureInstalled(root, "dynalite");
      List<String> command =
          new java.util.ArrayList<>(
              List.of(
                  "node",
                  "tools/dynalite-server.js",
                  "--port",
                  Integer.toString(port),
                  "--exit-with-stdin"));
      if (dataDir != null) {
        command.add("--path");
        command.add(dataDir.toAbsolutePath().toString());
      }
      Process process =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      Matcher m = line == null ? null : PORT.matcher(line);
      if (m == null || !m.find()) {
        process.destroyForcibly();
        throw new IllegalStateException("dynalite did not start (first line: " + line + ")");
      }
      return new DynaliteProcess(process, URI.create("http://127.0.0.1:" + m.group(1)));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start dynalite with node: is Node.js 20+ installed and on PATH? "
              + e.getMessage(),
          e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
