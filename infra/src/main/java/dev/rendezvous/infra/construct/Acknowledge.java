package dev.rendezvous.infra.construct;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.constructs.IConstruct;

/**
 * Acknowledges a cdk-nag finding on one construct (and its children) with the reason it stands; the
 * reason lands in the template's {@code cdk_nag} metadata next to the resource.
 */
final class Acknowledge {
  private Acknowledge() {}

  static void finding(IConstruct construct, String ruleId, String reason) {
    NagSuppressions.addResourceSuppressions(
        construct, List.of(NagPackSuppression.builder().id(ruleId).reason(reason).build()), true);
  }

  /** Only the findings of {@code ruleId} named by {@code appliesTo}, e.g. "Resource::*". */
  static void finding(IConstruct construct, String ruleId, String appliesTo, String reason) {
    NagSuppressions.addResourceSuppressions(
        construct,
        List.of(
            NagPackSuppression.builder()
                .id(ruleId)
                .reason(reason)
                .appliesTo(List.of(appliesTo))
                .build()),
        true);
  }
}
