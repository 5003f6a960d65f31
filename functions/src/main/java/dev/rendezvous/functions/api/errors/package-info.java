/**
 * Maps the typed exceptions of the core and of the HTTP edge to JSON error responses, and gives
 * Micronaut's own errors (404, 405, 413, ...) the same shape. Nothing here leaks a stack trace.
 */
package dev.rendezvous.functions.api.errors;
