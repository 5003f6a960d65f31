package dev.rendezvous.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostTextTest {
  @ParameterizedTest
  @CsvSource({
    "0:0:0:0:0:0:0:1, ::1",
    "0:0:0:0:0:0:0:0, ::",
    "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    // RFC 5952 4.2.2: one zero group is not shortened
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    // 4.2.3: the longest run is shortened; on a tie, the first
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "fe80:0:0:0:0:0:0:1%1, fe80::1",
    "1:0:0:0:0:0:0:0, 1::",
    "[2001:db8::a], 2001:db8::a",
    "::ffff:203.0.113.7, 203.0.113.7",
    "::ffff:cb00:7107, 203.0.113.7",
    "203.0.113.7, 203.0.113.7",
    "010.000.001.002, 10.0.1.2",
  })
  void writesTheCanonicalText(String literal, String expected) {
    assertThat(HostText.canonical(literal)).isEqualTo(expected);
  }

  @Test
  void aSocketAddressPutsIpv6InBrackets() throws Exception {
    assertThat(HostText.of(new InetSocketAddress(InetAddress.getByName("0:0:0:0:0:0:0:1"), 5024)))
        .isEqualTo("[::1]:5024");
    assertThat(HostText.of(new InetSocketAddress(InetAddress.getByName("10.0.1.2"), 40000)))
        .isEqualTo("10.0.1.2:40000");
  }

  @ParameterizedTest
  @CsvSource({
    "example.com",
    "1.2.3",
    "'' ",
    "::g",
    "localhost",
    "999.1.1.1",
    "1::2::3",
    "1:2:3:4:5:6:7:8:9"
  })
  void refusesWhatIsNotALiteral(String literal) {
    assertThatThrownBy(() -> HostText.parseLiteral(literal))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void ipv6TextParsesBackToTheSameAddressAndIsAFixedPoint(@ForAll @Size(16) byte[] bytes)
      throws Exception {
    InetAddress address = Inet6Address.getByAddress(null, bytes, null);
    String text = HostText.of(address);
    assertThat(InetAddress.getByName(text)).isEqualTo(InetAddress.getByAddress(bytes));
    assertThat(HostText.canonical(text)).isEqualTo(text);
    assertThat(text).doesNotContain(":::").isEqualTo(text.toLowerCase(java.util.Locale.ROOT));
  }
}
