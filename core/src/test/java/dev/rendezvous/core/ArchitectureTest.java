package dev.rendezvous.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core stays pure: no AWS, Netty or Micronaut in the domain and protocol packages. */
@AnalyzeClasses(
    packages = "dev.rendezvous.core",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule coreHasNoFrameworks =
      noClasses()
          .that()
          .resideInAPackage("dev.rendezvous.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "software.amazon..",
              "com.amazonaws..",
              "io.netty..",
              "io.micronaut..",
              "jakarta..",
              "org.slf4j..");

  @ArchTest
  static final ArchRule protocolDoesNotReachIntoStorageOrServices =
      noClasses()
          .that()
          .resideInAPackage("dev.rendezvous.core.protocol..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.rendezvous.core.service..", "dev.rendezvous.core.registry..");
}
