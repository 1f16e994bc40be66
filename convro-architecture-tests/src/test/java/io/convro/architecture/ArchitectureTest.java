package io.convro.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static JavaClasses production;
    private static JavaClasses fixtures;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.convro");
        fixtures = new ClassFileImporter().importPackages("io.convro.architecture.fixtures");
    }

    @Test
    void domainImportsOnlyTheJdk() {
        HexagonRules.domainUsesOnlyTheJdk("io.convro.domain").check(production);
    }

    @Test
    void applicationImportsOnlyTheDomain() {
        HexagonRules.applicationUsesOnlyTheDomain("io.convro.application", "io.convro.domain").check(production);
    }

    @Test
    void noFrameworkTypeInDomainOrApplicationPorts() {
        HexagonRules.noFrameworkInside("io.convro.domain").check(production);
        HexagonRules.noFrameworkInside("io.convro.application").check(production);
    }

    @Test
    void adaptersNeverImportEachOther() {
        HexagonRules.adaptersDoNotImportEachOther("io.convro.adapter").check(production);
    }

    @Test
    void nothingImportsTheBootstrap() {
        HexagonRules.nothingImportsTheBootstrap("io.convro.bootstrap").check(production);
    }

    @Test
    void theRestRoutesAndTheirChainKnowNoHttpServer() {
        for (String routes : new String[] {"chain", "auth", "devices", "groups", "messages", "prekeys", "sessions",
                "status", "users"}) {
            HexagonRules.servedByAnyBinding("io.convro.adapter.http." + routes).check(production);
        }
    }

    @Test
    void theServerRuleCatchesARouteThatReadsAJavalinContext() {
        assertThat(HexagonRules.servedByAnyBinding("io.convro.architecture.fixtures.routes")
                .evaluate(fixtures).hasViolation()).isTrue();
    }

    @Test
    void theEdgeKnowsOnlyItsListenerAndOnlyTheBootstrapKnowsTheEdge() {
        HexagonRules.edgeKnowsOnlyItsListener("io.convro.edge").check(production);
        HexagonRules.onlyTheBootstrapImportsTheEdge("io.convro.edge", "io.convro.bootstrap").check(production);
    }

    @Test
    void theEdgeRuleCatchesAnEdgeThatCallsTheApplication() {
        assertThat(HexagonRules.edgeKnowsOnlyItsListener("io.convro.architecture.fixtures.edge")
                .evaluate(fixtures).hasViolation()).isTrue();
    }

    @Test
    void theEdgeImportRuleCatchesAnAdapterThatImportsTheEdge() {
        assertThat(HexagonRules.onlyTheBootstrapImportsTheEdge("io.convro.architecture.fixtures.edge",
                "io.convro.architecture.fixtures.bootstrap").evaluate(fixtures).hasViolation()).isTrue();
    }

    @Test
    void theEdgeImportRuleFailsWhenItsPackageIsRenamedOrEmpty() {
        assertThatThrownBy(() -> HexagonRules.onlyTheBootstrapImportsTheEdge("io.convro.architecture.fixtures.renamed",
                "io.convro.architecture.fixtures.bootstrap").evaluate(fixtures))
                .isInstanceOf(AssertionError.class).hasMessageContaining("failed to check any classes");
    }

    @Test
    void noMainClassIsAJettyEndPointOrConnector() {
        HexagonRules.noJettyEndPointOrConnector("io.convro").check(production);
    }

    @Test
    void theJettyRuleCatchesAHomeMadeConnector() {
        assertThat(HexagonRules.noJettyEndPointOrConnector("io.convro.architecture.fixtures.jetty")
                .evaluate(fixtures).hasViolation()).isTrue();
    }

    @Test
    void portSignaturesCarryNoFrameworkTypes() {
        HexagonRules.portsCarryNoFrameworkTypes("io.convro.application").check(production);
    }

    @Test
    void thePortRuleCatchesAPortThatTakesAFrameworkType() {
        assertThat(HexagonRules.portsCarryNoFrameworkTypes("io.convro.architecture.fixtures.ports")
                .evaluate(fixtures).hasViolation()).isTrue();
    }

    @Test
    void theDomainRuleCatchesADomainClassThatImportsAFramework() {
        assertThat(HexagonRules.domainUsesOnlyTheJdk("io.convro.architecture.fixtures.domain")
                .evaluate(fixtures).hasViolation()).isTrue();
    }

    @Test
    void theApplicationRuleCatchesAUseCaseThatImportsAnAdapter() {
        assertThat(HexagonRules.applicationUsesOnlyTheDomain("io.convro.architecture.fixtures.application",
                "io.convro.architecture.fixtures.domain").evaluate(fixtures).hasViolation()).isTrue();
    }

    @Test
    void theBootstrapRuleCatchesAClassThatImportsTheBootstrap() {
        assertThat(HexagonRules.nothingImportsTheBootstrap("io.convro.architecture.fixtures.bootstrap")
                .evaluate(fixtures).hasViolation()).isTrue();
    }

    @Test
    void theBootstrapRuleFailsWhenItsPackageIsRenamedOrEmpty() {
        assertThatThrownBy(() -> HexagonRules.nothingImportsTheBootstrap("io.convro.architecture.fixtures.renamed")
                .evaluate(fixtures)).isInstanceOf(AssertionError.class).hasMessageContaining("failed to check any classes");
    }

    @Test
    void theAdapterRuleCatchesAnAdapterThatImportsAnother() {
        assertThat(HexagonRules.adaptersDoNotImportEachOther("io.convro.architecture.fixtures.adapter")
                .evaluate(fixtures).hasViolation()).isTrue();
    }

    @Test
    void everyInPortIsOnTheOneFacade() {
        HexagonRules.everyInPortIsOnTheFacade("io.convro.application", "io.convro.application.ConvroUseCases",
                "io.convro.application.retention.PurgeExpiredDataUseCase").check(production);
    }

    @Test
    void theFacadeRuleCatchesAnInPortWiredBesideTheFacade() {
        var result = HexagonRules.everyInPortIsOnTheFacade("io.convro.architecture.fixtures.facade",
                "io.convro.architecture.fixtures.facade.Facade",
                "io.convro.architecture.fixtures.facade.ScheduledUseCase").evaluate(fixtures);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).singleElement().asString().contains("WiredBesideUseCase");
    }
}
