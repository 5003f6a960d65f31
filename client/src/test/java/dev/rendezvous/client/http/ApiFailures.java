package dev.rendezvous.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

/** Runs a call that must fail and returns its {@link ApiException}. */
final class ApiFailures {
  private ApiFailures() {}

  static ApiException failure(Supplier<?> call) {
    try {
      var unused = call.get();
    } catch (RuntimeException e) {
      RuntimeException cause = RendezvousHttpApi.unwrap(e);
      assertThat(cause).isInstanceOf(ApiException.class);
      return (ApiException) cause;
    }
    throw new AssertionError("the call should have failed");
  }
}
