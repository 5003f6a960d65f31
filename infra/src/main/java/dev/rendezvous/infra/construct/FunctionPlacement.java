package dev.rendezvous.infra.construct;

import java.util.Objects;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;

/** Where a function's network interfaces live: a VPC, its subnets and one security group. */
public record FunctionPlacement(IVpc vpc, SubnetSelection subnets, ISecurityGroup securityGroup) {
  public FunctionPlacement {
    Objects.requireNonNull(vpc, "vpc");
    Objects.requireNonNull(subnets, "subnets");
    Objects.requireNonNull(securityGroup, "securityGroup");
  }

  /** The API function's place in the service network: the isolated subnets, its own group. */
  public static FunctionPlacement apiFunction(ServiceNetwork network) {
    return new FunctionPlacement(
        network.vpc(), network.functionSubnets(), network.securityGroups().apiFunction());
  }
}
