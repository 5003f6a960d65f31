package dev.rendezvous.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.functions.api.errors.UnexpectedErrorHandler;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A genuine bug becomes a JSON 500 that tells the client nothing about the failure. */
class UnexpectedErrorHandlerTest {

  @Test
  void answersAGeneric500WithoutDetails() {
    HttpResponse<ApiError> response =
        new UnexpectedErrorHandler()
            .handle(
                HttpRequest.POST("/register", ""),
                new IllegalStateException("secret table name rendezvous-prod"));

    assertThat(response.code()).isEqualTo(500);
    assertThat(response.body()).isEqualTo(ApiError.of("internal_error", "internal error"));
  }
}
