package dev.rendezvous.edge;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.v2.ChallengeNonce;
import dev.rendezvous.protocol.v2.PulseV2ChallengeCodec;
import dev.rendezvous.protocol.v2.PulseV2Reply;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import java.time.Clock;
import java.time.Duration;

/**
 * A v2 client on a real UDP socket, as the SDK behaves: strictly increasing counters from its
 * clock, and a challenge answered at once with the next counter and the nonce.
 */
public final class V2Probe implements AutoCloseable {
  private final ClientCredentials credentials;
  private final UdpProbe socket;
  private final Clock clock;
  private long lastCounter;

  public V2Probe(ClientCredentials credentials, int edgePort, Clock clock) {
    this.credentials = credentials;
    this.socket = new UdpProbe(edgePort);
    this.clock = clock;
  }

  public int localPort() {
    return socket.localPort();
  }

  /** One pulse (and the answer to a challenge, if any); the code, or null for silence. */
  public ResponseCode pulse(Duration wait) {
    byte[] answer = socket.exchange(encode(ChallengeNonce.none()), wait);
    if (answer != null && PulseV2ChallengeCodec.looksLikeChallenge(answer)) {
      ChallengeNonce nonce =
          PulseV2ChallengeCodec.decode(answer, credentials.privateKey().pulseMacKey()).nonce();
      answer = socket.exchange(encode(nonce), wait);
    }
    if (answer == null) {
      return null;
    }
    try {
      PulseV2Reply reply = PulseV2ReplyCodec.decode(answer, credentials.privateKey().pulseMacKey());
      return reply.counter() == lastCounter ? reply.code() : null;
    } catch (MalformedPulseException e) {
      return null;
    }
  }

  private byte[] encode(ChallengeNonce nonce) {
    lastCounter = Math.max(clock.millis(), lastCounter + 1);
    return PulseV2RequestCodec.encode(
        credentials.clientId(), lastCounter, credentials.privateKey().pulseMacKey(), false, nonce);
  }

  @Override
  public void close() {
    socket.close();
  }
}
