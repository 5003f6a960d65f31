package dev.rendezvous.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;

/**
 * Runs cdk-nag's AWS Solutions rules over a stack at synthesis. A finding that is neither fixed nor
 * acknowledged (with its reason, next to the construct it concerns) is an error annotation, which
 * fails {@code cdk synth} and every test that synthesizes the stack.
 */
public final class Compliance {
  private Compliance() {}

  public static void check(Stack stack) {
    Aspects.of(stack).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
  }
}
