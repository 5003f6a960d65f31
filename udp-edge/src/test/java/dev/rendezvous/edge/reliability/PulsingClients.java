package dev.rendezvous.edge.reliability;

import dev.rendezvous.edge.UdpProbe;
import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2Challenge;
import dev.rendezvous.protocol.v2.PulseV2ChallengeCodec;
import dev.rendezvous.protocol.v2.PulseV2Reply;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A handful of registered clients, each on its own real UDP socket, pulsing as apps would: v1 (raw
 * key) or v2 (authenticated, counter = client clock in ms, strictly increasing; a challenge is
 * answered at once, as the SDK does). A v2 reply is only counted when its MAC checks out with the
 * client's key and it echoes the counter of a pulse the client sent.
 */
final class PulsingClients implements AutoCloseable {
  /** One client: its identity, socket, format and the last counter it sent (v2). */
  static final class Client {
    final ClientCredentials credentials;
    final boolean v2;
    private final UdpProbe socket;
    private long lastCounter;
    private long lastAcceptedCounter;
    private int challengesAnswered;
    private final Set<Long> sentCounters = new HashSet<>();

    Client(ClientCredentials credentials, boolean v2, int edgePort) {
      this.credentials = credentials;
      this.v2 = v2;
      this.socket = new UdpProbe(edgePort);
    }

    int localPort() {
      return socket.localPort();
    }

    long lastAcceptedCounter() {
      return lastAcceptedCounter;
    }

    /** Challenges this client answered (one per takeover or address move, for v2). */
    int challengesAnswered() {
      return challengesAnswered;
    }

    @Override
    public String toString() {
      return (v2 ? "v2 " : "v1 ") + credentials.clientId().hex();
    }
  }

  private final List<Client> clients = new ArrayList<>();
  private final Clock clock;

  PulsingClients(Clock clock) {
    this.clock = clock;
  }

  Client add(ClientCredentials credentials, boolean v2, int edgePort) {
    Client c = new Client(credentials, v2, edgePort);
    clients.add(c);
    return c;
  }

  List<Client> all() {
    return List.copyOf(clients);
  }

  /**
   * Every client sends {@code pulsesEach} pulses at once; then replies are collected until each
   * client has had one reply per pulse or {@code wait} has passed (one bounded wait for the whole
   * round). Returns one entry per reply received; a v2 reply that does not authenticate with the
   * client's key, or echoes a counter the client never sent, has a null code.
   */
  List<Reply> round(int pulsesEach, Duration wait) {
    for (Client c : clients) {
      for (int i = 0; i < pulsesEach; i++) {
        if (c.v2) {
          long counter = Math.max(clock.millis(), c.lastCounter + 1);
          c.lastCounter = counter;
          c.sentCounters.add(counter);
          c.socket.send(
              PulseV2RequestCodec.encode(
                  c.credentials.clientId(), counter, c.credentials.privateKey().pulseMacKey()));
        } else {
          c.socket.send(c.credentials.privateKey().toBytes());
        }
      }
    }
    List<Reply> replies = new ArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    for (Client c : clients) {
      for (int received = 0; received < pulsesEach; received++) {
        long left = Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
        byte[] datagram = c.socket.receive(Duration.ofMillis(left));
        if (datagram == null) {
          break;
        }
        if (c.v2 && PulseV2ChallengeCodec.looksLikeChallenge(datagram)) {
          answer(c, datagram); // as the SDK does; the reply to the answer counts for the pulse
          received--;
          continue;
        }
        replies.add(decode(c, datagram));
      }
    }
    return replies;
  }

  /** Answers a challenge at once: the next counter, the nonce, the family the edge saw. */
  private void answer(Client c, byte[] datagram) {
    PulseV2Challenge challenge;
    try {
      challenge = PulseV2ChallengeCodec.decode(datagram, c.credentials.privateKey().pulseMacKey());
    } catch (MalformedPulseException e) {
      return;
    }
    long counter = Math.max(clock.millis(), c.lastCounter + 1);
    c.lastCounter = counter;
    c.sentCounters.add(counter);
    c.challengesAnswered++;
    c.socket.send(
        PulseV2RequestCodec.encode(
            c.credentials.clientId(),
            counter,
            c.credentials.privateKey().pulseMacKey(),
            challenge.observedIpv6(),
            challenge.nonce()));
  }

  /** Replies that have already arrived (answers to earlier rounds), without waiting. */
  List<Reply> drain() {
    List<Reply> replies = new ArrayList<>();
    for (Client c : clients) {
      byte[] datagram;
      while ((datagram = c.socket.receive(Duration.ofMillis(1))) != null) {
        replies.add(decode(c, datagram));
      }
    }
    return replies;
  }

  private static Reply decode(Client c, byte[] datagram) {
    try {
      if (!c.v2) {
        return new Reply(c, PulseV1ReplyCodec.decode(datagram));
      }
      PulseV2Reply reply =
          PulseV2ReplyCodec.decode(datagram, c.credentials.privateKey().pulseMacKey());
      if (!c.sentCounters.contains(reply.counter())) {
        return new Reply(c, null);
      }
      if (reply.code() == ResponseCode.ACCEPTED) {
        c.lastAcceptedCounter = Math.max(c.lastAcceptedCounter, reply.counter());
      }
      return new Reply(c, reply.code());
    } catch (MalformedPulseException e) {
      return new Reply(c, null);
    }
  }

  /** A reply a client received; {@code code} is null for one that was not a valid answer. */
  record Reply(Client client, ResponseCode code) {}

  @Override
  public void close() {
    clients.forEach(c -> c.socket.close());
  }
}
