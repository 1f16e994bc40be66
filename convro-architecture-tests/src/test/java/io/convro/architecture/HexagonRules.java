package io.convro.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The arrows of ARCHITECTURE.md as ArchUnit rules, parameterised by package so the same rule can be shown
 * to fail on a deliberately bad fixture. ArchUnit fails a rule whose {@code that()} matches no class, so a
 * renamed package cannot make a rule pass silently.
 */
final class HexagonRules {
    /** Framework packages that must never appear in the domain, the application or a port signature. */
    static final String[] FRAMEWORKS = {"jakarta..", "javax.validation..", "io.javalin..", "org.eclipse.jetty..",
            "org.jdbi..", "com.zaxxer..", "org.flywaydb..", "com.corundumstudio..", "io.netty..", "org.redisson..", "io.github.bucket4j..",
            "com.fasterxml..", "com.nimbusds..", "org.bouncycastle..", "org.slf4j..", "io.micrometer..",
            "com.github.benmanes.caffeine..", "ch.qos.logback..", "io.convro.adapter..",
            "io.convro.bootstrap.."};

    /** What serves HTTP: the types a binding adapts, which the routes and their chain never see. */
    static final String[] SERVERS = {"io.javalin..", "org.eclipse.jetty..", "io.netty..", "jakarta.servlet..",
            "com.corundumstudio.."};

    private HexagonRules() {
    }

    /**
     * The REST routes and the chain they run in are framework-free, so that any binding (Javalin today, a netty
     * handler on the public port tomorrow) serves them alike.
     */
    static ArchRule servedByAnyBinding(String packageName) {
        return noClasses().that().resideInAPackage(packageName + "..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVERS)
                .as("no HTTP server type (Javalin, Jetty, netty, servlet) in " + packageName);
    }

    /**
     * The one public port knows netty, netty-socketio and the {@code RestApi} it is given, nothing of Convro's use
     * cases, routes or other adapters, and no second HTTP server: what it hands on is JDK types.
     */
    static ArchRule edgeKnowsOnlyItsListener(String edgePackage) {
        return classes().that().resideInAPackage(edgePackage + "..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.netty..", "com.corundumstudio..", "org.slf4j..", edgePackage + "..")
                .as("the edge depends only on the JDK, netty, netty-socketio, slf4j and itself");
    }

    /**
     * Only the bootstrap joins the edge to the REST API; said from the edge's side, so that an edge package that was
     * renamed or emptied fails the rule instead of passing it.
     */
    static ArchRule onlyTheBootstrapImportsTheEdge(String edgePackage, String bootstrapPackage) {
        return classes().that().resideInAPackage(edgePackage + "..")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage(edgePackage + "..", bootstrapPackage + "..")
                .as("only the bootstrap imports the edge");
    }

    /**
     * No class of ours is one of Jetty's endpoints or connectors: serving HTTP outside Jetty's sockets is the edge's
     * job, not a subclass of Jetty's internals.
     */
    static ArchRule noJettyEndPointOrConnector(String packageName) {
        return noClasses().that().resideInAPackage(packageName + "..")
                .should().beAssignableTo("org.eclipse.jetty.io.EndPoint")
                .orShould().beAssignableTo("org.eclipse.jetty.server.Connector")
                .as("no class of " + packageName + " extends Jetty's endpoint or connector internals");
    }

    static ArchRule domainUsesOnlyTheJdk(String domainPackage) {
        return classes().that().resideInAPackage(domainPackage + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", domainPackage + "..")
                .as("the domain imports only java.. (it is what other JVM teams embed)");
    }

    static ArchRule applicationUsesOnlyTheDomain(String applicationPackage, String domainPackage) {
        return classes().that().resideInAPackage(applicationPackage + "..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.crypto..", domainPackage + "..", applicationPackage + "..")
                .as("the application imports only the JDK (java.., javax.crypto..) and the domain");
    }

    static ArchRule noFrameworkInside(String packageName) {
        return noClasses().that().resideInAPackage(packageName + "..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .as("no framework or adapter type inside " + packageName);
    }

    /**
     * Said from the bootstrap's side, so that its subject is the bootstrap's classes: a bootstrap package that was
     * renamed or emptied leaves the rule nothing to check, and ArchUnit fails it, where "no class outside it depends
     * on it" would pass on any name.
     */
    static ArchRule nothingImportsTheBootstrap(String bootstrapPackage) {
        return classes().that().resideInAPackage(bootstrapPackage + "..")
                .should().onlyHaveDependentClassesThat().resideInAPackage(bootstrapPackage + "..")
                .as("nothing imports the bootstrap");
    }

    static ArchRule portsCarryNoFrameworkTypes(String applicationPackage) {
        return noMethods().that().areDeclaredInClassesThat().resideInAPackage(applicationPackage + "..")
                .and().areDeclaredInClassesThat().areInterfaces()
                .should().haveRawReturnType(resideInAnyPackage(FRAMEWORKS))
                .orShould().haveRawParameterTypes(anyElementThat(resideInAnyPackage(FRAMEWORKS)))
                .as("no framework type in a port signature");
    }

    static ArchRule adaptersDoNotImportEachOther(String adaptersPackage) {
        return slices().matching(adaptersPackage + ".(*)..").should().notDependOnEachOther()
                .as("adapters never import each other");
    }

    /**
     * Issue 17, "adding a use case touches one wiring place": every in-port (an interface named {@code *UseCase}) is
     * returned by the facade the adapters take, so it is wired where the facade is implemented and nowhere beside it.
     * {@code drivenByTheNode} is the one in-port no adapter drives (the node runs it on its own schedule).
     */
    static ArchRule everyInPortIsOnTheFacade(String applicationPackage, String facade, String drivenByTheNode) {
        return classes().that().resideInAPackage(applicationPackage + "..").and().areInterfaces()
                .and().haveSimpleNameEndingWith("UseCase").and().doNotHaveFullyQualifiedName(drivenByTheNode)
                .should(beReturnedByAMethodOf(facade))
                .as("every in-port is on the facade " + facade);
    }

    private static ArchCondition<JavaClass> beReturnedByAMethodOf(String facade) {
        return new ArchCondition<>("be returned by a method of " + facade) {
            @Override
            public void check(JavaClass inPort, ConditionEvents events) {
                boolean onTheFacade = inPort.getMethodsWithReturnTypeOfSelf().stream()
                        .anyMatch(method -> method.getOwner().getFullName().equals(facade));
                events.add(new SimpleConditionEvent(inPort, onTheFacade, inPort.getName()
                        + (onTheFacade ? " is" : " is not") + " returned by a method of " + facade));
            }
        };
    }
}
