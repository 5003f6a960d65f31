package dev.rendezvous.internalapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.identity.ClientId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InternalJsonTest {
  private static final ClientId ID = ClientId.parse("00112233445566778899aabbccddeeff");

  @Test
  void ownedStatesRoundTripInTheDocumentedShape() {
    List<OwnedState> states =
        List.of(
            new OwnedState(
                AddressFamily.IPV4,
                3,
                new ObservedAddress("203.0.113.7", 40001),
                Instant.ofEpochMilli(1_767_225_600_123L),
                1_767_225_600L),
            new OwnedState(
                AddressFamily.IPV6,
                1,
                new ObservedAddress("2001:db8::7", 5),
                Instant.ofEpochMilli(1_767_225_599_000L),
                0));
    byte[] body = InternalJson.ownedStates(ID, states);
    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"clientId\":\"00112233445566778899aabbccddeeff\",\"families\":["
                + "{\"family\":\"ipv4\",\"epoch\":3,\"host\":\"203.0.113.7\",\"port\":40001,"
                + "\"lastPulseAtMillis\":1767225600123,\"counter\":1767225600},"
                + "{\"family\":\"ipv6\",\"epoch\":1,\"host\":\"2001:db8::7\",\"port\":5,"
                + "\"lastPulseAtMillis\":1767225599000,\"counter\":0}]}");
    assertThat(InternalJson.parseOwnedStates(ID, body)).isEqualTo(states);
  }

  @Test
  void theSmallBodiesRoundTrip() {
    Instant at = Instant.ofEpochMilli(1_767_225_600_123L);
    assertThat(InternalJson.parseVerified(InternalJson.verified(at))).isEqualTo(at);
    Revocation revocation = new Revocation(AddressFamily.IPV6, 7);
    assertThat(InternalJson.parseRevocation(InternalJson.revocation(revocation)))
        .isEqualTo(revocation);
    assertThat(new String(InternalJson.error("unauthorized"), StandardCharsets.UTF_8))
        .isEqualTo("{\"error\":\"unauthorized\"}");
  }

  @Test
  void malformedBodiesAreRefused() {
    for (String body :
        new String[] {
          "",
          "[]",
          "nope",
          "{\"atMillis\":\"1\"}",
          "{\"atMillis\":-1}",
          "{\"atMillis\":1.5}",
          "{\"atMillis\":1,\"atMillis\":2}",
          "{\"atMillis\":123456789012345678901234567890}",
        }) {
      assertThatThrownBy(() -> InternalJson.parseVerified(utf8(body)))
          .as(body)
          .isInstanceOf(InternalBodyException.class);
    }
    for (String body :
        new String[] {
          "{\"family\":\"ipv5\",\"epoch\":1}",
          "{\"family\":\"ipv4\",\"epoch\":0}",
          "{\"family\":\"ipv4\"}",
          "{\"epoch\":2}",
        }) {
      assertThatThrownBy(() -> InternalJson.parseRevocation(utf8(body)))
          .as(body)
          .isInstanceOf(InternalBodyException.class);
    }
  }

  @Test
  void aLookUpAnswerMustBeAboutTheAskedClientAndWellFormed() {
    String other = "{\"clientId\":\"ffffffffffffffffffffffffffffffff\",\"families\":[]}";
    String family =
        "{\"family\":\"ipv4\",\"epoch\":1,\"host\":\"%s\",\"port\":%s,"
            + "\"lastPulseAtMillis\":1,\"counter\":0}";
    String prefix = "{\"clientId\":\"00112233445566778899aabbccddeeff\",\"families\":[";
    for (String body :
        new String[] {
          other,
          prefix.replace(",\"families\":[", "}"),
          prefix + "1]}",
          prefix + String.format(family, "", 1) + "]}",
          prefix + String.format(family, "1.2.3.4", 0) + "]}",
          prefix + String.format(family, "1.2.3.4", 70000) + "]}",
          prefix
              + String.format(family, "1.2.3.4", 1)
              + ","
              + String.format(family, "1.2.3.4", 1)
              + ","
              + String.format(family, "1.2.3.4", 1)
              + "]}",
        }) {
      assertThatThrownBy(() -> InternalJson.parseOwnedStates(ID, utf8(body)))
          .as(body)
          .isInstanceOf(InternalBodyException.class);
    }
    assertThat(InternalJson.parseOwnedStates(ID, utf8(prefix + "]}"))).isEmpty();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
