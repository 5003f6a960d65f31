package dev.rendezvous.infra.construct;

import java.util.Objects;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Options of {@link ServiceNetwork}.
 *
 * @param natGateways 0 puts the edge tasks in the public subnets with public IPv4 addresses
 *     (inbound still only from the load balancer); 1 or 2 adds private subnets behind that many NAT
 *     gateways
 * @param dualStack give the VPC and every subnet IPv6 addresses, and admit IPv6 clients
 * @param ports the edge's ports, which the security groups open
 * @param logRetention of the flow log and the deploy-time lookup's log group
 */
public record ServiceNetworkProps(
    int natGateways, boolean dualStack, EdgePorts ports, RetentionDays logRetention) {
  public ServiceNetworkProps {
    if (natGateways < 0 || natGateways > 2) {
      throw new IllegalArgumentException("natGateways must be 0..2, got " + natGateways);
    }
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(logRetention, "logRetention");
  }
}
