package dev.rendezvous.infra;

import dev.rendezvous.infra.construct.ApiFirewall;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The per-address limits of the HTTP API: an AWS WAF web ACL for the CloudFront distribution. AWS
 * requires such a web ACL in us-east-1, whatever the service's region, hence a stack of its own
 * there; the service's stack reads its ARN through a cross-region reference.
 */
public final class ApiFirewallStack extends Stack {
  /** Where AWS keeps web ACLs for CloudFront. */
  public static final String REGION = "us-east-1";

  private final ApiFirewall firewall;

  public ApiFirewallStack(Construct scope, String id, StackProps props, InfraSettings settings) {
    super(scope, id, props);
    this.firewall =
        new ApiFirewall(
            this, "Firewall", settings.registerPerIpPerMinute(), settings.apiPerIpPerMinute());
  }

  public ApiFirewall firewall() {
    return firewall;
  }
}
