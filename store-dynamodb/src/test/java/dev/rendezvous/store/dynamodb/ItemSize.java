package dev.rendezvous.store.dynamodb;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB bills it: for each attribute, the UTF-8 length of its name plus its
 * value (a string's UTF-8 length, a binary's length, a number's 1 byte per two significant digits
 * plus 1). Writes are billed in 1 KB units of the larger of the item before and after.
 */
final class ItemSize {
  private ItemSize() {}

  static int of(Map<String, AttributeValue> item) {
    int size = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      size += attribute.getKey().getBytes(StandardCharsets.UTF_8).length;
      size += valueSize(attribute.getValue());
    }
    return size;
  }

  private static int valueSize(AttributeValue value) {
    if (value.s() != null) {
      return value.s().getBytes(StandardCharsets.UTF_8).length;
    }
    if (value.b() != null) {
      return value.b().asByteArray().length;
    }
    if (value.n() != null) {
      String digits =
          new BigDecimal(value.n()).stripTrailingZeros().unscaledValue().abs().toString();
      return (digits.length() + 1) / 2 + 1;
    }
    throw new IllegalArgumentException("unexpected attribute type in a directory item: " + value);
  }
}
