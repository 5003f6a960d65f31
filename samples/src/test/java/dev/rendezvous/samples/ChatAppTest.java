package dev.rendezvous.samples;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.testserver.TestRendezvousServer;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sample app, twice, against the SDK's real test server: what the sample shows works. */
class ChatAppTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path aliceFiles;
  @TempDir Path bobFiles;
  @RegisterExtension final TestRendezvousServer server = TestRendezvousServer.forEachTest();
  private final ExecutorService aliceUi =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "alice-ui"));
  private final ExecutorService bobUi =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "bob-ui"));

  /** A screen that records what it shows and on which thread. */
  private static final class RecordingScreen implements ChatApp.Screen {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void status(String line) {
      lines.add(line);
      threads.add(Thread.currentThread().getName());
    }

    @Override
    public void message(ClientId from, String text) {
      lines.add("message " + text);
      threads.add(Thread.currentThread().getName());
    }
  }

  @AfterEach
  void stop() {
    aliceUi.shutdownNow();
    bobUi.shutdownNow();
  }

  private ChatApp app(Path files, ExecutorService ui, ChatApp.Screen screen) {
    return new ChatApp(server.baseUrl(), server.edge(), files.toFile(), ui, screen);
  }

  /** Runs {@code action} on the app's UI thread, as Android would, and waits for it. */
  private static void onUi(ExecutorService ui, ThrowingRunnable action) throws Exception {
    ui.submit(
            () -> {
              action.run();
              return null;
            })
        .get(10, TimeUnit.SECONDS);
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void twoAppsRegisterOnceConnectAndChat() throws Exception {
    RecordingScreen aliceScreen = new RecordingScreen();
    RecordingScreen bobScreen = new RecordingScreen();
    ChatApp alice = app(aliceFiles, aliceUi, aliceScreen);
    ChatApp bob = app(bobFiles, bobUi, bobScreen);
    try {
      ClientId aliceId = alice.start().get(10, TimeUnit.SECONDS);
      ClientId bobId = bob.start().get(10, TimeUnit.SECONDS);
      File kept = aliceFiles.resolve("rendezvous-identity.json").toFile();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.toPath())))
          .isEqualTo("rw-------");

      onUi(aliceUi, alice::onForeground);
      onUi(bobUi, bob::onForeground);
      CompletableFuture<Boolean> aliceConnected = new CompletableFuture<>();
      CompletableFuture<Boolean> bobConnected = new CompletableFuture<>();
      onUi(
          aliceUi,
          () -> {
            var unused = alice.connect(bobId).thenAccept(aliceConnected::complete);
          });
      onUi(
          bobUi,
          () -> {
            var unused = bob.connect(aliceId).thenAccept(bobConnected::complete);
          });
      assertThat(aliceConnected.get(30, TimeUnit.SECONDS)).isTrue();
      assertThat(bobConnected.get(30, TimeUnit.SECONDS)).isTrue();

      onUi(
          aliceUi,
          () -> {
            var unused = alice.send("hi bob"); // never wait on the UI thread for an SDK future
          });
      awaitUntil(WAIT, () -> bobScreen.lines.contains("message hi bob"), "bob's screen to show it");
      assertThat(aliceScreen.lines)
          .contains("I am " + aliceId)
          .anyMatch(l -> l.startsWith("connected to "));
      assertThat(aliceScreen.threads).allMatch("alice-ui"::equals);
      assertThat(bobScreen.threads).allMatch("bob-ui"::equals);
      onUi(aliceUi, alice::onBackground);
    } finally {
      alice.close();
      bob.close();
    }

    // started again, the app keeps its identity: no second registration
    RecordingScreen again = new RecordingScreen();
    ChatApp restarted = app(aliceFiles, aliceUi, again);
    try {
      ClientId sameId = restarted.start().get(10, TimeUnit.SECONDS);
      assertThat(again.lines).containsExactly("I am " + sameId);
      assertThat(aliceScreen.lines).contains("I am " + sameId);
    } finally {
      restarted.close();
    }
  }
}
