package dev.rendezvous.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void readsTheServiceShapes() {
    Map<String, Object> m =
        Json.parseObject(
            "{\"client_id\":\"ab\", \"port\": 5024, \"last_online\": null, \"ok\": true,"
                + " \"timestamp\": 1.7e9, \"list\": [1, \"x\", false], \"o\": {}}");
    assertThat(m)
        .containsEntry("client_id", "ab")
        .containsEntry("port", 5024.0)
        .containsEntry("last_online", null)
        .containsEntry("ok", true)
        .containsEntry("timestamp", 1.7e9)
        .containsEntry("list", List.of(1.0, "x", false))
        .containsEntry("o", Map.of());
  }

  @Test
  void roundTripsEscapes() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("s", "a\"b\\c\nd\u0001é");
    in.put("n", 3);
    in.put("b", false);
    in.put("z", null);
    Map<String, Object> out = Json.parseObject(Json.write(in));
    assertThat(out).containsEntry("s", "a\"b\\c\nd\u0001é").containsEntry("n", 3.0);
    assertThat(Json.parseObject("{\"u\":\"\\u0041\\/\"}")).containsEntry("u", "A/");
  }

  @Test
  void saysWhereParsingFailed() {
    assertThatThrownBy(() -> Json.parse("{\"a\" 1}"))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("expected ':' at offset 5");
    assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).hasMessageContaining("trailing");
    assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> Json.parse("<html>")).hasMessageContaining("offset 0");
    assertThatThrownBy(() -> Json.parseObject("[1]")).hasMessageContaining("object");
    assertThatThrownBy(() -> Json.parse("[".repeat(100))).hasMessageContaining("deeply");
  }
}
