package dev.rendezvous.store.dynamodb;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A random 16-byte value that one logical conditional write stores in the item it changes ({@link
 * ClientTable#WRITE_TOKEN}). The SDK resends the identical request when an answer is lost; if that
 * retry fails its condition, the item carrying this token proves that the first attempt landed.
 * Only uniqueness matters (nobody but the store writes the attribute), so it comes from a fast
 * random source, not a secure one.
 */
public final class RequestToken {
  /** The placeholder requests use for the token in their expressions. */
  public static final String PLACEHOLDER = ":writeToken";

  private final AttributeValue value;

  private RequestToken(AttributeValue value) {
    this.value = value;
  }

  public static RequestToken fresh() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    ByteBuffer bytes =
        ByteBuffer.allocate(16).putLong(random.nextLong()).putLong(random.nextLong());
    return new RequestToken(AttributeValue.fromB(SdkBytes.fromByteArray(bytes.array())));
  }

  public AttributeValue value() {
    return value;
  }

  /** True when {@code item} (as it is now) was last written by the write carrying this token. */
  public boolean wrote(Map<String, AttributeValue> item) {
    return item != null && value.equals(item.get(ClientTable.WRITE_TOKEN));
  }
}
