package dev.rendezvous.client.session;

import dev.rendezvous.protocol.identity.ClientId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records a session's events as short strings, and waits for one that starts with a prefix. */
public final class RecordingListener implements SessionListener {
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  @Override
  public void onPulseAccepted(PulseReply reply) {
    events.add("accepted " + reply.mapping().map(Object::toString).orElse("-"));
  }

  @Override
  public void onMappingChanged(InetSocketAddress mapping) {
    events.add("mapping " + mapping);
  }

  @Override
  public void onVerified(boolean revived, String why) {
    events.add("verified revived=" + revived + " " + why);
  }

  @Override
  public void onPulsesUnanswered(int count) {
    events.add("unanswered " + count);
  }

  @Override
  public void onClientGone(String reason) {
    events.add("gone " + reason);
  }

  @Override
  public void onIncomingPunch(ClientId peer, InetSocketAddress from) {
    events.add("incoming " + peer);
  }

  @Override
  public void onError(String what, Throwable cause) {
    events.add("error " + what + ": " + cause);
  }

  /** Waits for an event starting with {@code prefix}; fails the test with what was seen instead. */
  public synchronized String await(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String s : seen) {
      if (s.startsWith(prefix)) {
        seen.remove(s);
        return s;
      }
    }
    while (true) {
      long left = deadline - System.nanoTime();
      String e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
      if (e == null) {
        throw new AssertionError("no '" + prefix + "' event within " + timeout + "; saw " + seen);
      }
      if (e.startsWith(prefix)) {
        return e;
      }
      seen.add(e);
    }
  }
}
