package dev.rendezvous.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

/** Small helpers the call tests share: the link of a connected result, and text as bytes. */
final class CallTestSupport {
  private CallTestSupport() {}

  static SecureLink connected(CallResult result) {
    assertThat(result).as(result.toString()).isInstanceOf(CallResult.Connected.class);
    return ((CallResult.Connected) result).link();
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
