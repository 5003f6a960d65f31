/**
 * The CDK app of the Rendezvous service: {@link dev.rendezvous.infra.RendezvousApp} reads the
 * operator's choices from CDK context ({@link dev.rendezvous.infra.InfraSettings}) and composes
 * {@link dev.rendezvous.infra.RendezvousStack} from the constructs in {@code construct}; {@link
 * dev.rendezvous.infra.ServiceEnvironment} hands every process its environment variables (the
 * README's configuration table).
 */
package dev.rendezvous.infra;
