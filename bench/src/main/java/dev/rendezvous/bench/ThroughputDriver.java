package dev.rendezvous.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Closed-loop UDP load on loopback: {@code slots} client sockets, each with one request in flight
 * (send, wait for the reply, send the next), all on one event-loop thread. A request unanswered for
 * {@code lossTimeout} counts as lost and is sent again. Warm-up, then a measured window; then it
 * stops by itself.
 */
final class ThroughputDriver {
  /** What one slot sends next, given its slot number. */
  interface Requests extends IntFunction<byte[]> {}

  /** Sees every reply a slot receives, before it is judged (e.g. to answer a challenge). */
  interface ReplyObserver {
    void seen(int slot, byte[] reply);
  }

  private final int slots;
  private final Requests requests;
  private final Predicate<byte[]> replyOk;
  private final Duration lossTimeout;
  private final ReplyObserver observer;

  ThroughputDriver(int slots, Requests requests, Predicate<byte[]> replyOk, Duration lossTimeout) {
    this(slots, requests, replyOk, lossTimeout, (slot, reply) -> {});
  }

  ThroughputDriver(
      int slots,
      Requests requests,
      Predicate<byte[]> replyOk,
      Duration lossTimeout,
      ReplyObserver observer) {
    this.slots = slots;
    this.requests = requests;
    this.replyOk = replyOk;
    this.lossTimeout = lossTimeout;
    this.observer = observer;
  }

  /** The measured window's figures. */
  record Result(
      long replies,
      long badReplies,
      long lost,
      double seconds,
      Latencies latencies,
      double cpuMicrosPerReply) {
    double perSecond() {
      return replies / seconds;
    }
  }

  Result run(int port, Duration warmUp, Duration measure) throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    State state = new State();
    List<Slot> all = new ArrayList<>();
    try {
      for (int i = 0; i < slots; i++) {
        Slot slot = new Slot(i, target, state);
        Channel ch =
            new Bootstrap()
                .group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .handler(slot)
                .bind(InetAddress.getLoopbackAddress(), 0)
                .sync()
                .channel();
        slot.channel = ch;
        all.add(slot);
      }
      ScheduledFuture<?> watchdog =
          group
              .next()
              .scheduleAtFixedRate(
                  () -> all.forEach(Slot::resendIfLost), 20, 20, TimeUnit.MILLISECONDS);
      group.next().execute(() -> all.forEach(Slot::send));
      Thread.sleep(warmUp.toMillis());
      long cpuStartNanos = processCpuNanos();
      long[] start = new long[1];
      group
          .next()
          .submit(
              () -> {
                state.measuring = true;
                start[0] = System.nanoTime();
              })
          .sync();
      Thread.sleep(measure.toMillis());
      long[] end = new long[1];
      group
          .next()
          .submit(
              () -> {
                state.measuring = false;
                state.running = false;
                end[0] = System.nanoTime();
              })
          .sync();
      long cpuNanos = processCpuNanos() - cpuStartNanos;
      watchdog.cancel(false);
      Thread.sleep(200);
      return group
          .next()
          .submit(
              () ->
                  new Result(
                      state.replies,
                      state.bad,
                      state.lost,
                      (end[0] - start[0]) / 1e9,
                      state.latencies,
                      cpuNanos / 1000.0 / Math.max(1, state.replies)))
          .get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      for (Slot s : all) {
        s.channel.close().awaitUninterruptibly();
      }
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  /** CPU time of this whole process (driver and server), in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Counters shared by the slots; only touched on the driver's single event loop. */
  private static final class State {
    boolean running = true;
    boolean measuring;
    long replies;
    long bad;
    long lost;
    final Latencies latencies = new Latencies();
  }

  private final class Slot extends SimpleChannelInboundHandler<DatagramPacket> {
    private final int index;
    private final InetSocketAddress target;
    private final State state;
    Channel channel;
    private long sentAtNanos;
    private boolean waiting;

    Slot(int index, InetSocketAddress target, State state) {
      this.index = index;
      this.target = target;
      this.state = state;
    }

    void send() {
      if (!state.running) {
        waiting = false;
        return;
      }
      byte[] request = requests.apply(index);
      sentAtNanos = System.nanoTime();
      waiting = true;
      channel
          .writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(request), target))
          .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    void resendIfLost() {
      if (waiting && System.nanoTime() - sentAtNanos > lossTimeout.toNanos()) {
        if (state.measuring) {
          state.lost++;
        }
        send();
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket reply) {
      long now = System.nanoTime();
      if (!waiting) {
        return;
      }
      byte[] bytes = ByteBufUtil.getBytes(reply.content());
      observer.seen(index, bytes);
      if (state.measuring) {
        if (replyOk.test(bytes)) {
          state.replies++;
          state.latencies.add(now - sentAtNanos);
        } else {
          state.bad++;
        }
      }
      send();
    }
  }
}
