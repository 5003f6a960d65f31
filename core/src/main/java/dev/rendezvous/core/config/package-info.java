/**
 * Settings every process reads from the same environment variables (the README's configuration
 * table).
 */
package dev.rendezvous.core.config;
