package dev.rendezvous.internalapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.protocol.identity.ClientId;
import org.junit.jupiter.api.Test;

class InternalRouteTest {
  private static final ClientId ID = ClientId.parse("00112233445566778899aabbccddeeff");

  @Test
  void everyRouteHasItsPathAndMethodAndParsesBack() {
    String base = "/internal/v1/clients/00112233445566778899aabbccddeeff";
    assertThat(new InternalRoute(InternalAction.LOOK_UP, ID).path()).isEqualTo(base);
    assertThat(new InternalRoute(InternalAction.VERIFIED, ID).path()).isEqualTo(base + "/verified");
    assertThat(new InternalRoute(InternalAction.LOGGED_OUT, ID).path())
        .isEqualTo(base + "/logged-out");
    assertThat(new InternalRoute(InternalAction.REVOKE, ID).path()).isEqualTo(base + "/revoke");
    for (InternalAction action : InternalAction.values()) {
      InternalRoute route = new InternalRoute(action, ID);
      assertThat(InternalRoute.parse(route.path())).contains(route);
    }
    assertThat(new InternalRoute(InternalAction.LOOK_UP, ID).method()).isEqualTo("GET");
    assertThat(new InternalRoute(InternalAction.REVOKE, ID).method()).isEqualTo("POST");
  }

  @Test
  void anythingElseNamesNoRoute() {
    String base = "/internal/v1/clients/00112233445566778899aabbccddeeff";
    for (String path :
        new String[] {
          null,
          "",
          "/",
          "/internal/v1/clients/",
          base + "/",
          base + "?x=1",
          base + "/revoked",
          base + "/verified/",
          "/internal/v1/clients/00112233445566778899aabbccddeef",
          "/internal/v1/clients/00112233445566778899aabbccddeefg",
          "/internal/v2/clients/00112233445566778899aabbccddeeff",
          "/INTERNAL/v1/clients/00112233445566778899aabbccddeeff",
          "/internal/v1/clients/00112233445566778899aabbccddeeff00",
        }) {
      assertThat(InternalRoute.parse(path)).as(String.valueOf(path)).isEmpty();
    }
  }
}
