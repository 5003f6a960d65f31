package dev.rendezvous.client.session;

import static dev.rendezvous.testkit.Await.awaitUntil;

import dev.rendezvous.protocol.identity.ClientId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Records a session's events as short strings (with the thread each ran on), and waits for one that
 * starts with a prefix.
 */
public final class RecordingListener implements SessionListener {
  private final List<String> pending = new ArrayList<>(); // guarded by this
  private final List<String> threads = new ArrayList<>(); // guarded by this

  private synchronized void add(String event) {
    pending.add(event);
    threads.add(Thread.currentThread().getName());
  }

  @Override
  public void onPulseAccepted(PulseReply reply) {
    add("accepted " + reply.mapping().map(Object::toString).orElse("-"));
  }

  @Override
  public void onMappingChanged(InetSocketAddress mapping) {
    add("mapping " + mapping);
  }

  @Override
  public void onVerified(boolean revived, String why) {
    add("verified revived=" + revived + " " + why);
  }

  @Override
  public void onPulsesUnanswered(int count) {
    add("unanswered " + count);
  }

  @Override
  public void onClientGone(String reason) {
    add("gone " + reason);
  }

  @Override
  public void onIncomingPunch(ClientId peer, InetSocketAddress from) {
    add("incoming " + peer);
  }

  @Override
  public void onError(String what, Throwable cause) {
    add("error " + what + ": " + cause);
  }

  /** The names of the threads the callbacks ran on, in order. */
  public synchronized List<String> threads() {
    return new ArrayList<>(threads);
  }

  /**
   * Waits for the first event not yet taken that starts with {@code prefix}, and takes it; fails
   * the test with the events seen instead.
   */
  public String await(String prefix, Duration timeout) {
    String[] found = new String[1];
    awaitUntil(
        timeout,
        () -> {
          synchronized (this) {
            for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
              String event = it.next();
              if (event.startsWith(prefix)) {
                it.remove();
                found[0] = event;
                return true;
              }
            }
            throw new AssertionError("events so far: " + pending);
          }
        },
        "an event starting with '" + prefix + "'");
    return found[0];
  }
}
