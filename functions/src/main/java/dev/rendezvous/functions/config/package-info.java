/**
 * Configuration: the SPEC's environment variables bound and validated as Micronaut configuration
 * properties, and factories that turn them into core's settings and the storage adapter.
 */
package dev.rendezvous.functions.config;
