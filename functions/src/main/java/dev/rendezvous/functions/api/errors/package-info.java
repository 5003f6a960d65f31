/**
 * JSON error responses: {@code RendezvousExceptionHandler} maps every domain failure (core's sealed
 * {@code RendezvousException}) exhaustively, {@code UnexpectedErrorHandler} turns anything else
 * into a detail-free 500, and {@code ApiErrorResponseProcessor} gives Micronaut's own errors (404,
 * 405, 413, ...) the same shape. Nothing here leaks a stack trace.
 */
package dev.rendezvous.functions.api.errors;
