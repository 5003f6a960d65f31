package dev.rendezvous.bench;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/** The ceiling: answers every datagram with a fixed 4-byte reply and does nothing else. */
@Sharable
final class EchoHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final byte[] REPLY = {0, 0, 0x03, (byte) 0xfc}; // 1020

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(REPLY), packet.sender()))
        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }
}
