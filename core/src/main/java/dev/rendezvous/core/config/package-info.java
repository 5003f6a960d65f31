/** Settings every process reads from the same environment variables (SPEC "Configuration"). */
package dev.rendezvous.core.config;
