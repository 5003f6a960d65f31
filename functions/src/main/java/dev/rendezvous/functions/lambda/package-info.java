/**
 * Lambda integration: the invocation context without the per-event bean registrations of
 * micronaut-function-aws, and SnapStart priming. The handler classes themselves are Micronaut's
 * ({@code APIGatewayV2HTTPEventFunction}, {@code ApiGatewayProxyRequestEventFunction}).
 */
package dev.rendezvous.functions.lambda;
