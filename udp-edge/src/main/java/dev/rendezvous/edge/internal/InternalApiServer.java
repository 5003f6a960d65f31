package dev.rendezvous.edge.internal;

import dev.rendezvous.core.directory.OwnedClients;
import dev.rendezvous.internalapi.RequestSigning;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The edge's internal API: HTTP/1.1 on TCP, on its own one-thread event loop group (never the UDP
 * loops), bound to the task's private address. Bounded whatever arrives: at most {@link
 * InternalServerLimits#maxConnections()} open connections, request lines and headers of 4 and 8
 * KiB, bodies of {@link InternalServerLimits#maxBodyBytes()} (413 above), idle connections closed.
 * Every answer but 204 has a JSON body.
 */
public final class InternalApiServer implements AutoCloseable {
  private static final int MAX_INITIAL_LINE = 4096;
  private static final int MAX_HEADERS = 8192;

  private final EventLoopGroup group;
  private final Channel channel;
  private final InternalServerEvents events;

  private InternalApiServer(EventLoopGroup group, Channel channel, InternalServerEvents events) {
    this.group = group;
    this.channel = channel;
    this.events = events;
  }

  /**
   * Starts serving {@code owned}.
   *
   * @param signing checks requests; a supplier so that the edge can swap the secret at run time
   */
  public static InternalApiServer start(
      String bindAddress,
      int port,
      OwnedClients owned,
      Supplier<RequestSigning> signing,
      Clock clock,
      InternalServerLimits limits)
      throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    InternalServerEvents events = new InternalServerEvents();
    AtomicInteger open = new AtomicInteger();
    try {
      Channel channel =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 256)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                      if (open.incrementAndGet() > limits.maxConnections()) {
                        open.decrementAndGet();
                        events.tooManyConnections(limits.maxConnections());
                        c.close().addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
                        return;
                      }
                      c.closeFuture().addListener(closed -> open.decrementAndGet());
                      c.pipeline()
                          .addLast(
                              new IdleStateHandler(
                                  0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                          .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_HEADERS))
                          .addLast(new JsonOversizeAggregator(limits.maxBodyBytes()))
                          .addLast(
                              new InternalRequestHandler(owned, signing, clock, limits, events));
                    }
                  })
              .bind(bindAddress, port)
              .sync()
              .channel();
      return new InternalApiServer(group, channel, events);
    } catch (Exception e) { // sync() rethrows a bind failure as a (checked) IOException
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
      if (e instanceof RuntimeException || e instanceof InterruptedException) {
        throw e;
      }
      throw new IllegalStateException(
          "cannot listen on " + bindAddress + ":" + port + " (internal API): " + e.getMessage(), e);
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Requests answered 401 since the start. */
  public long refusedRequests() {
    return events.refusedRequests();
  }

  /** Connections closed on arrival because the limit was reached, since the start. */
  public long refusedConnections() {
    return events.refusedConnections();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  /** Netty's aggregator answers 413 with an empty body; ours says so in JSON, then closes. */
  private static final class JsonOversizeAggregator extends HttpObjectAggregator {
    JsonOversizeAggregator(int maxContentLength) {
      super(maxContentLength);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      FullHttpResponse response =
          InternalResponses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large");
      response.headers().set(HttpHeaderNames.CONNECTION, "close");
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
