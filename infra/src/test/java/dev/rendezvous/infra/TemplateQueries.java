package dev.rendezvous.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Small readers over a synthesized template, for assertions that Match cannot express. */
final class TemplateQueries {
  private TemplateQueries() {}

  /** The Properties of the only resource of {@code type}. */
  static Map<String, Object> onlyProperties(Template template, String type) {
    Map<String, Map<String, Object>> resources = template.findResources(type);
    assertThat(resources).as("resources of type %s", type).hasSize(1);
    return properties(resources.values().iterator().next());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }

  /** Every statement of every AWS::IAM::Policy attached to the role with {@code roleLogicalId}. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> statementsOfRole(Template template, String roleLogicalId) {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Map<String, Object> policy : template.findResources("AWS::IAM::Policy").values()) {
      Map<String, Object> props = properties(policy);
      List<Object> roles = (List<Object>) props.get("Roles");
      if (roles != null && roles.contains(Map.of("Ref", roleLogicalId))) {
        Map<String, Object> document = (Map<String, Object>) props.get("PolicyDocument");
        statements.addAll((List<Map<String, Object>>) document.get("Statement"));
      }
    }
    return statements;
  }

  /** Every statement of every policy in the template: attached, inline and in roles. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> allStatements(Template template) {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Map<String, Object> policy : template.findResources("AWS::IAM::Policy").values()) {
      Map<String, Object> document = (Map<String, Object>) properties(policy).get("PolicyDocument");
      statements.addAll((List<Map<String, Object>>) document.get("Statement"));
    }
    for (Map<String, Object> role : template.findResources("AWS::IAM::Role").values()) {
      List<Map<String, Object>> inline =
          (List<Map<String, Object>>) properties(role).getOrDefault("Policies", List.of());
      for (Map<String, Object> policy : inline) {
        Map<String, Object> document = (Map<String, Object>) policy.get("PolicyDocument");
        statements.addAll((List<Map<String, Object>>) document.get("Statement"));
      }
    }
    return statements;
  }

  /** A statement's Action or Resource, which CloudFormation allows as one value or a list. */
  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value) {
    return value instanceof List<?> list ? (List<Object>) list : List.of(value);
  }

  /** The name of the only output of a template. */
  @SuppressWarnings("unchecked")
  static String onlyOutputName(Template template) {
    Map<String, Object> outputs = (Map<String, Object>) template.toJSON().get("Outputs");
    assertThat(outputs).hasSize(1);
    return outputs.keySet().iterator().next();
  }

  /** An ECS service's {@code NetworkConfiguration} that includes {@code awsvpc}. */
  static Map<String, Object> awsvpc(Map<String, ?> awsvpc) {
    return Map.of("AwsvpcConfiguration", Match.objectLike(awsvpc));
  }

  static Map<String, Object> getAtt(String logicalId, String attribute) {
    return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
  }
}
