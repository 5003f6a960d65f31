package dev.rendezvous.functions.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Map;

/** API Gateway events as the HTTP API (payload v2) and the REST API (v1) send them. */
public final class HttpEvents {
  private HttpEvents() {}

  public static APIGatewayV2HTTPEvent v2(
      String method, String path, Map<String, String> headers, String body) {
    Map<String, String> allHeaders = new HashMap<>(headers);
    allHeaders.putIfAbsent("host", "abc123.execute-api.eu-west-1.amazonaws.com");
    if (body != null) {
      allHeaders.putIfAbsent("content-type", "application/json");
      allHeaders.putIfAbsent("content-length", Integer.toString(body.length()));
    }
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath(path)
        .withRawQueryString("")
        .withHeaders(allHeaders)
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey("$default")
                .withStage("$default")
                .withRequestId("req-1")
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method)
                        .withPath(path)
                        .withProtocol("HTTP/1.1")
                        .withSourceIp("198.51.100.7")
                        .withUserAgent("rendezvous-test")
                        .build())
                .build())
        .build();
  }

  public static APIGatewayProxyRequestEvent v1(
      String method, String path, Map<String, String> headers, String body) {
    Map<String, String> allHeaders = new HashMap<>(headers);
    allHeaders.putIfAbsent("Host", "abc123.execute-api.eu-west-1.amazonaws.com");
    if (body != null) {
      allHeaders.putIfAbsent("Content-Type", "application/json");
    }
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    event.setHttpMethod(method);
    event.setPath(path);
    event.setResource("/{proxy+}");
    event.setHeaders(allHeaders);
    event.setBody(body);
    event.setIsBase64Encoded(false);
    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setHttpMethod(method);
    context.setPath("/prod" + path);
    context.setStage("prod");
    context.setRequestId("req-1");
    event.setRequestContext(context);
    return event;
  }

  public static Map<String, String> bearer(String privateIdHex) {
    return Map.of("authorization", "Bearer " + privateIdHex);
  }
}
