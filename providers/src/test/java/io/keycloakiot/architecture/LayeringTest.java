package io.keycloakiot.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering of the providers jar, held on its compiled classes (decision 63; docs/development.md, code layout). */
class LayeringTest {

    private static final JavaClasses PACK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.keycloakiot");

    private static final String JPA = "io.keycloakiot.model.jpa..";

    @Test
    void onlyTheJpaImplementationTouchesTheEntityManagerOrJpa() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(JPA)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.keycloak.connections.jpa..")
                .because("every query and entity belongs to the JPA implementation of the model");
        rule.check(PACK);
    }

    @Test
    void nothingAboveTheModelTouchesItsEntities() {
        noClasses().that().resideOutsideOfPackage(JPA)
                .should().dependOnClassesThat().resideInAPackage(JPA)
                .because("resources and services see the model interfaces, obtained from the session")
                .check(PACK);
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("io.keycloakiot.(**)").should().beFreeOfCycles().check(PACK);
    }

    @Test
    void theLayersImportOnlyDownwards() {
        String[] below = {"io.keycloakiot.common..", "io.keycloakiot.permission..", "io.keycloakiot.model"};
        noClasses().that().resideInAnyPackage(below)
                .should().dependOnClassesThat().resideInAnyPackage("io.keycloakiot.authz..", "io.keycloakiot.device..",
                        "io.keycloakiot.ground..", "io.keycloakiot.token..", "io.keycloakiot.share..", "io.keycloakiot.settings..",
                        "io.keycloakiot.check..", "io.keycloakiot.onboarding..", "io.keycloakiot.rest..")
                .check(PACK);
        noClasses().that().resideInAPackage("io.keycloakiot.authz..")
                .should().dependOnClassesThat().resideInAnyPackage("io.keycloakiot.device..", "io.keycloakiot.ground..",
                        "io.keycloakiot.token..", "io.keycloakiot.share..", "io.keycloakiot.settings..", "io.keycloakiot.check..",
                        "io.keycloakiot.onboarding..", "io.keycloakiot.rest..")
                .because("the access rules decide on the model alone")
                .check(PACK);
    }

    @Test
    void nothingLivesInKeycloaksPackages() {
        classes().should().resideOutsideOfPackage("org.keycloak..").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.keycloak", "io.keycloakiot")
                .that(com.tngtech.archunit.base.DescribedPredicate.describe("in the providers jar",
                        javaClass -> javaClass.getSource().map(source -> source.getUri().toString().contains("/providers/target/classes/"))
                                .orElse(false))));
    }
}
