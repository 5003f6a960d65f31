/**
 * Configuration: the environment variables (the README's configuration table) bound by Micronaut as
 * records ({@link dev.rendezvous.functions.config.RendezvousProperties}, {@link
 * dev.rendezvous.functions.config.AwsProperties}), turned into core's settings (their one
 * validator) and the storage adapter by the factories.
 */
package dev.rendezvous.functions.config;
