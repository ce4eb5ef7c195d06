package dev.magicexporter.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The simulator plays Cloudflare in the tests of the admin API, the pollers and the metrics, so it
 * must not share their code: a wrong rule shared by both sides is wrong on both, and no test can
 * catch it (#13). Checked on the compiled classes, so an import, a fully qualified name or a
 * lambda all count.
 */
class SimIndependenceTest {
  private static final JavaClasses SIM = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.magicexporter.sim");

  @Test
  void noSimulatorClassUsesTheAdminApiThePollersOrTheMetrics() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.magicexporter.sim..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.magicexporter.admin..", "dev.magicexporter.poll..", "dev.magicexporter.metrics..")
        .because("the simulator is the independent side of the tests of those packages");
    rule.check(SIM);
  }
}
