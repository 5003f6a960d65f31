package dev.rendezvous.samples;

import dev.rendezvous.client.IdentityFile;
import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.punch.PeerLink;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.punch.PunchResult;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.client.session.SessionConfig;
import dev.rendezvous.client.session.SessionListener;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.net.HostText;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A chat screen's use of the SDK, written as an Android app would write it:
 *
 * <ol>
 *   <li>{@link #start()}: load the identity the app registered before, or register once and keep it
 *       in the app's private files;
 *   <li>{@link #onForeground()} / {@link #onBackground()}: be reachable (pulse) only while the app
 *       is on screen: call them from {@code Activity.onStart} and {@code onStop};
 *   <li>{@link #connect(ClientId)}: punch a path to a peer that connects back;
 *   <li>{@link #send(String)}: send a line; the peer's lines go to the {@link Screen}.
 * </ol>
 *
 * <p>Plain Java, so the build compiles it, tests it against a real server, and checks it (with the
 * SDK and what the SDK pulls in) against Android API level 26. On Android, pass {@code
 * ContextCompat.getMainExecutor(context)} as {@code uiThread} and {@code context.getFilesDir()} as
 * {@code filesDir}: every {@link Screen} call then arrives on the main thread, and nothing here
 * touches the network or the disk on it. All methods are meant to be called on the UI thread.
 */
public final class ChatApp {
  /** What the app shows. Called on the UI executor only. */
  public interface Screen {
    /** A status line: who we are, reachability, punch progress, failures. */
    void status(String line);

    /** A line the peer sent. */
    void message(ClientId from, String text);
  }

  private static final String IDENTITY_FILE = "rendezvous-identity.json";

  private final RendezvousClient client;
  private final Path identityFile;
  private final Executor uiThread;
  private final Screen screen;
  private ClientCredentials me;
  private RendezvousSession session;
  private PeerLink link;

  /**
   * The app's chat, talking to the service at {@code api} (HTTP) and {@code edge} (UDP).
   *
   * @param filesDir the app's private files directory: the identity is kept there
   * @param uiThread where every callback runs (the SDK's callback executor)
   */
  public ChatApp(URI api, InetSocketAddress edge, File filesDir, Executor uiThread, Screen screen) {
    this.client =
        RendezvousClient.builder(api, SessionConfig.defaults(edge))
            .callbackExecutor(uiThread)
            .build();
    this.identityFile = new File(filesDir, IDENTITY_FILE).toPath();
    this.uiThread = uiThread;
    this.screen = screen;
  }

  /**
   * Loads the kept identity, or registers once and keeps it (the key is shown only once: losing it
   * means registering again under a new id). Completes on the UI thread with this app's id.
   */
  public CompletableFuture<ClientId> start() {
    return CompletableFuture.supplyAsync(this::loadIdentity) // disk: off the UI thread
        .thenCompose(
            kept ->
                kept != null
                    ? CompletableFuture.completedFuture(kept)
                    : client.register().thenApplyAsync(registered -> keep(registered.identity())))
        .thenApplyAsync(
            identity -> {
              me = identity;
              screen.status("I am " + identity.clientId());
              return identity.clientId();
            },
            uiThread);
  }

  private ClientCredentials loadIdentity() {
    if (!Files.exists(identityFile)) {
      return null;
    }
    try {
      return IdentityFile.load(identityFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ClientCredentials keep(ClientCredentials identity) {
    try {
      IdentityFile.save(identityFile, identity, false); // mode 600, like an SSH key
      return identity;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The app is visible: open a session, which pulses every ~25 s so peers can reach us. */
  public void onForeground() throws IOException {
    if (session != null) {
      return;
    }
    session =
        client.openSession(
            me,
            new SessionListener() {
              @Override
              public void onMappingChanged(InetSocketAddress mapping) {
                screen.status("reachable at " + HostText.of(mapping));
              }

              @Override
              public void onClientGone(String reason) {
                screen.status("this identity is gone (" + reason + "): register again");
              }
            });
  }

  /** The app left the screen: stop pulsing and close the link (the phone may sleep now). */
  public void onBackground() {
    if (session != null) {
      session.close(); // closes the link too
      session = null;
      link = null;
    }
  }

  /**
   * Punches a path to {@code peer}, which must call {@code connect} with our id at about the same
   * time (within a minute). Completes on the UI thread: true when the path is open.
   */
  public CompletableFuture<Boolean> connect(ClientId peer) {
    PunchOptions options =
        PunchOptions.defaults()
            .withWaitForPeer(Duration.ofSeconds(60))
            .withProgress(screen::status);
    return session
        .punch(peer, options)
        .thenApply(
            result -> {
              if (result instanceof PunchResult.Failure failure) {
                screen.status("no path to " + peer + ": " + failure.reason());
                return false;
              }
              link = ((PunchResult.Success) result).link();
              link.onReceive(
                  bytes -> screen.message(peer, new String(bytes, StandardCharsets.UTF_8)));
              screen.status("connected to " + peer + " in " + result.elapsed().toMillis() + " ms");
              return true;
            });
  }

  /** Sends one line to the connected peer, without touching the network on the UI thread. */
  public CompletableFuture<Void> send(String text) {
    return link.sendAsync(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The app is finishing: close everything the SDK holds. */
  public void close() {
    onBackground();
    client.close();
  }
}
