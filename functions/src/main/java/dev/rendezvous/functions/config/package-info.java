/**
 * Configuration: the SPEC's environment variables bound by Micronaut as records ({@link
 * dev.rendezvous.functions.config.RendezvousProperties}, {@link
 * dev.rendezvous.functions.config.AwsProperties}), turned into core's settings (their one
 * validator) and the storage adapter by the factories.
 */
package dev.rendezvous.functions.config;
