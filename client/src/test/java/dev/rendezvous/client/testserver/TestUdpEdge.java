package dev.rendezvous.client.testserver;

import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.RequestVersion;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.net.HostText;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v1.PulseV1Request;
import dev.rendezvous.protocol.v1.PulseV1RequestCodec;
import dev.rendezvous.protocol.v2.PulseV2Reply;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2Request;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A real UDP pulse edge on one port, with the rules of docs/protocol.md: v1 (raw or hex key) and v2
 * (MAC checked with the stored key, skew window, replay rejected by the directory, authenticated
 * reply with the observed address). Malformed or unauthenticated datagrams get no reply. Every
 * pulse is written to the directory as its owner would record it (a takeover by a test task, ONLINE
 * for one window), so the SDK's tests need no live state; the real edge is in udp-edge.
 */
final class TestUdpEdge implements AutoCloseable {
  private static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private final DatagramChannel channel;
  private final InetSocketAddress address;
  private final DirectoryPulses pulses;
  private final Clock clock;
  private final boolean v1Enabled;
  private final Consumer<RecordedPulse> onPulse;
  private final Thread thread;

  TestUdpEdge(
      InetSocketAddress bind,
      DirectoryPulses pulses,
      Clock clock,
      boolean v1Enabled,
      Consumer<RecordedPulse> onPulse)
      throws IOException {
    this.channel = DatagramChannel.open();
    channel.bind(bind);
    this.address = (InetSocketAddress) channel.getLocalAddress();
    this.pulses = pulses;
    this.clock = clock;
    this.v1Enabled = v1Enabled;
    this.onPulse = onPulse;
    this.thread = new Thread(this::serve, "test-edge-" + address().getPort());
    thread.setDaemon(true);
    thread.start();
  }

  InetSocketAddress address() {
    return address;
  }

  private void serve() {
    ByteBuffer buffer = ByteBuffer.allocate(2048);
    while (true) {
      InetSocketAddress source;
      try {
        buffer.clear();
        source = (InetSocketAddress) channel.receive(buffer);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        continue;
      }
      buffer.flip();
      byte[] datagram = new byte[buffer.remaining()];
      buffer.get(datagram);
      try {
        Optional<byte[]> reply = answer(datagram, source);
        if (reply.isPresent()) {
          channel.send(ByteBuffer.wrap(reply.get()), source);
        }
      } catch (IOException | RuntimeException e) {
        // no reply to anything malformed
      }
    }
  }

  private Optional<byte[]> answer(byte[] datagram, InetSocketAddress source) {
    ObservedAddress from = new ObservedAddress(HostText.of(source.getAddress()), source.getPort());
    int edgePort = address.getPort();
    RequestVersion version = RequestVersion.of(datagram);
    if (version == RequestVersion.V1) {
      if (!v1Enabled) {
        return Optional.empty();
      }
      PulseV1Request request = PulseV1RequestCodec.decode(datagram);
      Optional<DirectoryEntry> client = pulses.find(request.key().clientId());
      PulseOutcome outcome =
          client.isPresent() && client.get().keyVerifier().matches(request.key())
              ? pulses.record(request.key().clientId(), from, 0)
              : PulseOutcome.UNKNOWN;
      onPulse.accept(new RecordedPulse(request.key().clientId(), from, edgePort, 1, outcome));
      return replyCode(outcome).map(PulseV1ReplyCodec::encode);
    }
    if (version != RequestVersion.V2) {
      return Optional.empty();
    }
    PulseV2Request request = PulseV2RequestCodec.decode(datagram);
    Optional<DirectoryEntry> client = pulses.find(request.clientId());
    if (client.isEmpty() || !request.isAuthenticBy(client.get().pulseMacKey())) {
      return Optional.empty();
    }
    long skewMillis = Math.abs(request.counter() - clock.millis());
    if (skewMillis > MAX_SKEW.toMillis()) {
      return Optional.empty();
    }
    PulseOutcome outcome = pulses.record(request.clientId(), from, request.counter());
    onPulse.accept(new RecordedPulse(request.clientId(), from, edgePort, 2, outcome));
    return replyCode(outcome)
        .map(
            code ->
                PulseV2ReplyCodec.encode(
                    new PulseV2Reply(
                        code, request.counter(), source.getAddress(), source.getPort()),
                    client.get().pulseMacKey()));
  }

  /** The edge's mapping: a replayed v2 pulse gets no reply. */
  private static Optional<ResponseCode> replyCode(PulseOutcome outcome) {
    return switch (outcome) {
      case ACCEPTED -> Optional.of(ResponseCode.ACCEPTED);
      case PENDING -> Optional.of(ResponseCode.PENDING);
      case UNKNOWN -> Optional.of(ResponseCode.UNKNOWN);
      case REPLAYED -> Optional.empty();
    };
  }

  @Override
  public void close() {
    try {
      channel.close();
      thread.join(2000);
    } catch (IOException e) {
      // closing anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
