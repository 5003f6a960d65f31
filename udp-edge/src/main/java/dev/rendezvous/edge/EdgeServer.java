package dev.rendezvous.edge;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Starts and stops the UDP sockets, nothing else. With epoll (Linux) it binds one socket per event
 * loop on the same port with SO_REUSEPORT, so the kernel spreads flows over the loops; without it
 * (NIO fallback) there is one loop and one socket. Socket i is pinned to loop i, so that loop i's
 * shard can reply through its own socket. Sockets do not read until {@link #startReading()}, so
 * that the caller can attach every socket to its shard first. Shutdown is in two steps so that
 * in-flight pulses can still be answered: {@link #stopReading()} first, then {@link #close()} once
 * they are done.
 */
public final class EdgeServer implements AutoCloseable {
  /** Larger than any request; a longer datagram is cut here and is malformed anyway. */
  static final int MAX_DATAGRAM_BYTES = 2048;

  private static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

  /** The edge's event loop threads are named {@code edge-udp-<n>-<i>}. */
  public static final String THREAD_PREFIX = "edge-udp";

  private final EventLoopGroup group;
  private final List<Channel> channels;
  private final String transport;
  private volatile boolean reading = true;
  private volatile boolean started;

  private EdgeServer(EventLoopGroup group, List<Channel> channels, String transport) {
    this.group = group;
    this.channels = channels;
    this.transport = transport;
  }

  /**
   * Binds the sockets, not reading yet.
   *
   * @param port the UDP port; 0 picks a free one (every socket then shares the one picked)
   * @param threads event loops (and, with epoll, sockets); 1 without epoll
   * @param handlers given the loops, the handler (an initializer) of each socket's pipeline
   */
  public static EdgeServer start(
      String bindAddress, int port, int threads, Function<List<EventLoop>, ChannelHandler> handlers)
      throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    int sockets = epoll ? threads : 1;
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(sockets, new DefaultThreadFactory(THREAD_PREFIX), io);
    List<EventLoop> loops = new ArrayList<>();
    for (EventExecutor executor : group) {
      loops.add((EventLoop) executor);
    }
    List<Channel> channels = new ArrayList<>();
    try {
      ChannelHandler handler = handlers.apply(List.copyOf(loops));
      int boundPort = port;
      for (int i = 0; i < sockets; i++) {
        Bootstrap bootstrap =
            new Bootstrap()
                .group(loops.get(i))
                .option(ChannelOption.AUTO_READ, false)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                .option(
                    ChannelOption.RECVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES))
                .handler(handler);
        if (epoll) {
          bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        Channel channel = bootstrap.bind(bindAddress, boundPort).sync().channel();
        boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
        channels.add(channel);
      }
      return new EdgeServer(group, List.copyOf(channels), epoll ? "epoll" : "nio");
    } catch (Exception e) { // sync() rethrows a bind failure as a (checked) IOException
      for (Channel c : channels) {
        c.close().awaitUninterruptibly();
      }
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
      if (e instanceof RuntimeException || e instanceof InterruptedException) {
        throw e;
      }
      throw new IllegalStateException(
          "cannot bind UDP " + bindAddress + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** The sockets, socket i on loop i. */
  public List<Channel> channels() {
    return channels;
  }

  /** Starts reading on every socket. */
  public void startReading() {
    started = true;
    for (Channel c : channels) {
      c.config().setAutoRead(true);
    }
  }

  /** The UDP port every socket is bound to. */
  public int port() {
    return ((InetSocketAddress) channels.get(0).localAddress()).getPort();
  }

  /** "epoll" or "nio". */
  public String transport() {
    return transport;
  }

  public int sockets() {
    return channels.size();
  }

  /** True while every socket is open and reading. */
  public boolean isServing() {
    if (!reading || !started) {
      return false;
    }
    for (Channel c : channels) {
      if (!c.isActive()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stops taking new datagrams; the sockets stay open so in-flight pulses can still be answered.
   */
  public void stopReading() {
    reading = false;
    for (Channel c : channels) {
      c.config().setAutoRead(false);
    }
  }

  /** Closes the sockets and stops the event loops. */
  @Override
  public void close() {
    reading = false;
    for (Channel c : channels) {
      c.close().awaitUninterruptibly();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
