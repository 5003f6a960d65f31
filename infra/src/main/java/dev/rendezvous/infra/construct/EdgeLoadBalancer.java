package dev.rendezvous.infra.construct;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseNetworkListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnListenerRule;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.IpAddressType;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.Protocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.SourceNatIpv6Prefix;
import software.amazon.awscdk.services.elasticloadbalancingv2.SubnetMapping;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetGroupIpAddressType;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.constructs.Construct;

/**
 * The internet-facing Network Load Balancer of the edge, with one UDP target group per address
 * family so that every client's own address and port reach the edge.
 *
 * <pre>
 * UDP listener (dual-stack NLB)
 *   rule 10: source is IPv4 --> target group "ipv4" (task IPv4 addresses, client IP preserved)
 *   rule 20: source is IPv6 --> target group "ipv6" (task IPv6 addresses, client IP preserved)
 *   default                 --> target group "ipv6" (AWS: a dual-stack UDP listener needs one)
 * </pre>
 *
 * <p>A target of the other family would see the load balancer's address instead of the client's
 * (AWS documents the translation), and the edge would record that address as the client's: the
 * rules rule it out. IPv4-only (edgeIpv6=false) has one IPv4 target group as the default action.
 *
 * <p>Every target group: UDP, target type ip, client IP preserved (always on for UDP; set
 * explicitly), health-checked over HTTP on the edge's health port, a {@value
 * #DEREGISTRATION_DELAY_SECONDS} s deregistration delay after which the load balancer ends the
 * flows (connection termination on), so clients of a stopped task move to another one at their next
 * pulse. NLB cannot end UDP flows to an unhealthy but registered target (AWS: the unhealthy
 * connection-termination attribute "can't be enabled for UDP"); such a task is replaced by ECS,
 * which deregisters it first.
 */
public final class EdgeLoadBalancer extends Construct {
  public static final String HEALTH_PATH = "/health";

  /**
   * Long enough for a task told to stop to announce {@code draining} in its heartbeat before its
   * flows move (poll ~2 s + heartbeat 5 s + readers' 3 s cache); short enough not to slow deploys.
   */
  public static final int DEREGISTRATION_DELAY_SECONDS = 15;

  static final int IPV4_RULE_PRIORITY = 10;
  static final int IPV6_RULE_PRIORITY = 20;

  private final NetworkLoadBalancer loadBalancer;
  private final List<NetworkTargetGroup> targetGroups = new ArrayList<>();

  EdgeLoadBalancer(
      Construct scope, String id, ServiceNetwork network, FargateService service, EdgePorts ports) {
    super(scope, id);
    boolean dualStack = network.dualStack();
    List<SubnetMapping> mappings = new ArrayList<>();
    for (ISubnet subnet : network.vpc().selectSubnets(network.loadBalancerSubnets()).getSubnets()) {
      SubnetMapping.Builder mapping = SubnetMapping.builder().subnet(subnet);
      if (dualStack) {
        // AWS requires an IPv6 source-NAT prefix per subnet for UDP on a dual-stack NLB.
        mapping.sourceNatIpv6Prefix(SourceNatIpv6Prefix.autoAssigned());
      }
      mappings.add(mapping.build());
    }
    this.loadBalancer =
        NetworkLoadBalancer.Builder.create(this, "LoadBalancer")
            .vpc(network.vpc())
            .internetFacing(true)
            .ipAddressType(dualStack ? IpAddressType.DUAL_STACK : IpAddressType.IPV4)
            .enablePrefixForIpv6SourceNat(dualStack ? Boolean.TRUE : null)
            .subnetMappings(mappings)
            .securityGroups(List.of(network.securityGroups().loadBalancer()))
            .crossZoneEnabled(true)
            .build();
    NetworkTargetGroup ipv4 = targetGroup("Targets", TargetGroupIpAddressType.IPV4, network, ports);
    NetworkListener listener =
        loadBalancer.addListener(
            "Udp",
            BaseNetworkListenerProps.builder().port(ports.udp()).protocol(Protocol.UDP).build());
    if (dualStack) {
      NetworkTargetGroup ipv6 =
          targetGroup("TargetsIpv6", TargetGroupIpAddressType.IPV6, network, ports);
      listener.addTargetGroups("Default", ipv6);
      // The IPv4 group is attached through its rule, which CDK does not see: register it, and
      // make the service wait for both rules (ECS registers targets only in attached groups).
      ipv4.registerListener(listener);
      service
          .getNode()
          .addDependency(rule("Ipv4Clients", listener, IPV4_RULE_PRIORITY, "ipv4", ipv4));
      service
          .getNode()
          .addDependency(rule("Ipv6Clients", listener, IPV6_RULE_PRIORITY, "ipv6", ipv6));
    } else {
      listener.addTargetGroups("Edge", ipv4);
    }
    for (NetworkTargetGroup group : targetGroups) {
      group.addTarget(
          service.loadBalancerTarget(
              LoadBalancerTargetOptions.builder()
                  .containerName(UdpEdgeService.CONTAINER_NAME)
                  .containerPort(ports.udp())
                  .protocol(software.amazon.awscdk.services.ecs.Protocol.UDP)
                  .build()));
    }
  }

  private NetworkTargetGroup targetGroup(
      String id, TargetGroupIpAddressType family, ServiceNetwork network, EdgePorts ports) {
    NetworkTargetGroup group =
        NetworkTargetGroup.Builder.create(this, id)
            .vpc(network.vpc())
            .port(ports.udp())
            .protocol(Protocol.UDP)
            .targetType(TargetType.IP)
            .ipAddressType(family)
            .preserveClientIp(true)
            .deregistrationDelay(Duration.seconds(DEREGISTRATION_DELAY_SECONDS))
            .connectionTermination(true)
            .healthCheck(
                HealthCheck.builder()
                    .protocol(Protocol.HTTP)
                    .port(Integer.toString(ports.health()))
                    .path(HEALTH_PATH)
                    .interval(Duration.seconds(10))
                    .healthyThresholdCount(2)
                    .unhealthyThresholdCount(2)
                    .build())
            .build();
    targetGroups.add(group);
    return group;
  }

  private CfnListenerRule rule(
      String id, NetworkListener listener, int priority, String family, NetworkTargetGroup group) {
    return CfnListenerRule.Builder.create(this, id)
        .listenerArn(listener.getListenerArn())
        .priority(priority)
        .conditions(
            List.of(
                CfnListenerRule.RuleConditionProperty.builder()
                    .field("source-ip")
                    .sourceIpConfig(
                        CfnListenerRule.SourceIpConfigProperty.builder()
                            .ipAddressType(family)
                            .build())
                    .build()))
        .actions(
            List.of(
                CfnListenerRule.ActionProperty.builder()
                    .type("forward")
                    .targetGroupArn(group.getTargetGroupArn())
                    .build()))
        .build();
  }

  public NetworkLoadBalancer loadBalancer() {
    return loadBalancer;
  }

  /** The IPv4 target group first, then (dual-stack) the IPv6 one. */
  public List<NetworkTargetGroup> targetGroups() {
    return List.copyOf(targetGroups);
  }
}
