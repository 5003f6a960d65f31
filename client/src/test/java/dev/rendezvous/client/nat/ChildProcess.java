package dev.rendezvous.client.nat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A process run in a network namespace ({@code ip netns exec NS ...}), typically a Java main on the
 * test classpath, with its output lines collected for the test to wait on.
 */
final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> transcript = new CopyOnWriteArrayList<>();
  private final Writer stdin;

  /** Runs {@code mainClass} from the test classpath in a fresh JVM inside {@code namespace}. */
  static ChildProcess java(String name, String namespace, String mainClass, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    return new ChildProcess(name, namespace, command);
  }

  ChildProcess(String name, String namespace, List<String> command) throws IOException {
    this.name = name;
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(command);
    this.process = new ProcessBuilder(full).redirectErrorStream(true).start();
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  transcript.add(line);
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("EOF " + e);
              }
            },
            "child-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits for the next line starting with {@code prefix}, skipping others. */
  String expect(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
      if (line == null) {
        throw new AssertionError(
            name
                + ": no line starting with '"
                + prefix
                + "' within "
                + timeout
                + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")")
                + "; output so far:\n  "
                + String.join("\n  ", transcript));
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** Waits for the next line containing {@code text}, skipping others. */
  String expectContaining(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = expect("", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (line.contains(text)) {
        return line;
      }
    }
  }

  void send(String line) throws IOException {
    stdin.write(line + "\n");
    stdin.flush();
  }

  List<String> transcript() {
    return List.copyOf(transcript);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
