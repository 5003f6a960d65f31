package dev.rendezvous.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core and the protocol module it builds on stay pure: no AWS, Netty, Micronaut or logging
 * framework, and the protocol (shared with the client SDK) depends on nothing in core.
 */
@AnalyzeClasses(
    packages = {"dev.rendezvous.core", "dev.rendezvous.protocol"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] FRAMEWORKS = {
    "software.amazon..",
    "com.amazonaws..",
    "io.netty..",
    "io.micronaut..",
    "jakarta..",
    "org.slf4j.."
  };

  @ArchTest
  static final ArchRule coreHasNoFrameworks =
      noClasses()
          .that()
          .resideInAPackage("dev.rendezvous.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FRAMEWORKS);

  @ArchTest
  static final ArchRule protocolHasNoFrameworks =
      noClasses()
          .that()
          .resideInAPackage("dev.rendezvous.protocol..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FRAMEWORKS);

  /** The SDK carries the protocol module alone: nothing of the service's domain may leak in. */
  @ArchTest
  static final ArchRule protocolDependsOnNothingInCore =
      noClasses()
          .that()
          .resideInAPackage("dev.rendezvous.protocol..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.rendezvous.core..");
}
