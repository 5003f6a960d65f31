package dev.rendezvous.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sns.Topic;

/**
 * cdk-nag's AWS Solutions rules run on every AWS stack ({@link Compliance}): each finding is fixed
 * or acknowledged with its reason in the template. A new finding fails synthesis, so it fails the
 * build; this class names what is acknowledged, so that adding to the list is a visible decision.
 */
class NagComplianceTest {
  /** Every acknowledged rule (and, for IAM5, what it applies to), per stack. */
  private static final Map<String, List<String>> ACKNOWLEDGED =
      Map.of(
          RendezvousApp.STACK_NAME,
          List.of(
              "AwsSolutions-CFR1",
              "AwsSolutions-CFR4",
              "AwsSolutions-EC23",
              "AwsSolutions-ECS2",
              "AwsSolutions-ELB2",
              "AwsSolutions-IAM5[Resource::*]",
              "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:*/*]",
              "AwsSolutions-S1",
              "AwsSolutions-SMG4"),
          RendezvousApp.FIREWALL_STACK_NAME,
          List.of());

  private final Synthesized aws = SynthesizedStacks.aws();

  @Test
  void noAwsStackHasAnUnacknowledgedFinding() {
    for (Stack stack : awsStacks()) {
      Annotations annotations = Annotations.fromStack(stack);
      // Each throws, listing the findings, if there is any.
      annotations.hasNoError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
      annotations.hasNoWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    }
  }

  @Test
  void everyAcknowledgementIsListedAndCarriesItsReasonInTheTemplate() {
    for (Stack stack : awsStacks()) {
      Map<String, List<String>> reasons = acknowledgements(Template.fromStack(stack));
      assertThat(reasons.keySet())
          .as("acknowledged rules in %s", stack.getStackName())
          .containsExactlyInAnyOrderElementsOf(ACKNOWLEDGED.get(stack.getStackName()));
      reasons.forEach(
          (rule, texts) ->
              assertThat(texts)
                  .as(rule)
                  .allSatisfy(text -> assertThat(text).hasSizeGreaterThan(60)));
    }
  }

  @Test
  void theChecksRunAndANewFindingFailsSynthesis() {
    App app = App.Builder.create().context(SynthesizedStacks.cdkJsonContext()).build();
    Stack open = new Stack(app, "Open");
    Topic.Builder.create(open, "Topic").build(); // AwsSolutions-SNS3: publishing without TLS
    Compliance.check(open);
    assertThatThrownBy(() -> Template.fromStack(open)).hasMessageContaining("Validation failed");

    App fixedApp = App.Builder.create().context(SynthesizedStacks.cdkJsonContext()).build();
    Stack fixed = new Stack(fixedApp, "Fixed");
    Topic.Builder.create(fixed, "Topic").enforceSsl(true).build();
    Compliance.check(fixed);
    assertThatCode(() -> Template.fromStack(fixed)).doesNotThrowAnyException();
  }

  private List<Stack> awsStacks() {
    return List.of(
        aws.stack(), (Stack) aws.app().getNode().findChild(RendezvousApp.FIREWALL_STACK_NAME));
  }

  /** rule id (with applies_to, if any) to the reasons given, from the cdk_nag metadata. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> acknowledgements(Template template) {
    Map<String, List<String>> reasons = new TreeMap<>();
    Map<String, Object> resources =
        (Map<String, Object>) template.toJSON().getOrDefault("Resources", Map.of());
    for (Object resource : resources.values()) {
      Map<String, Object> metadata =
          (Map<String, Object>) ((Map<String, Object>) resource).getOrDefault("Metadata", Map.of());
      Map<String, Object> nag = (Map<String, Object>) metadata.getOrDefault("cdk_nag", Map.of());
      for (Object rule : (List<Object>) nag.getOrDefault("rules_to_suppress", List.of())) {
        Map<String, Object> suppression = (Map<String, Object>) rule;
        Object appliesTo = suppression.get("applies_to");
        String id =
            suppression.get("id")
                + (appliesTo == null
                    ? ""
                    : new TreeSet<>((List<String>) appliesTo).toString().replace(", ", ","));
        reasons.computeIfAbsent(id, k -> new ArrayList<>()).add((String) suppression.get("reason"));
      }
    }
    return reasons;
  }
}
