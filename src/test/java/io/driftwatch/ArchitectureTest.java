package io.driftwatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.driftwatch.io.CsvOptions;
import io.driftwatch.io.Datasets;
import java.nio.file.Path;
import java.util.List;

/**
 * Dependencies point down the layers of DESIGN.md only: api and cli on top, then monitor, then
 * the analyses (drift, integrity, quality, estimate, multivariate: one floor, none using another), report,
 * store, notify and trigger, then analysis (what every analysis of a
 * check shares) and delivery (the model notify and trigger share), then profile and stats, then io
 * and data. The root package holds the application (which wires
 * everything) and the exception base (used by all). Inside monitor, the sub-packages point one way
 * too (schedule and outbox on top, then checks, policy, definitions, sources; the monitor package
 * itself only holds what they all share), and inside api only {@code Api} reaches the dashboard.
 */
@AnalyzeClasses(packages = "io.driftwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layersPointDown = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Root").definedBy("io.driftwatch")
            .layer("Api").definedBy("io.driftwatch.api..")
            .layer("Cli").definedBy("io.driftwatch.cli..")
            .layer("Monitor").definedBy("io.driftwatch.monitor..")
            .layer("Analyses").definedBy("io.driftwatch.drift..", "io.driftwatch.integrity..", "io.driftwatch.quality..",
                    "io.driftwatch.estimate..", "io.driftwatch.multivariate..")
            .layer("Analysis").definedBy("io.driftwatch.analysis..")
            .layer("Report").definedBy("io.driftwatch.report..")
            .layer("Store").definedBy("io.driftwatch.store..")
            .layer("Notify").definedBy("io.driftwatch.notify..")
            .layer("Trigger").definedBy("io.driftwatch.trigger..")
            .layer("Delivery").definedBy("io.driftwatch.delivery..")
            .layer("Profile").definedBy("io.driftwatch.profile..")
            .layer("Stats").definedBy("io.driftwatch.stats..")
            .layer("Io").definedBy("io.driftwatch.io..")
            .layer("Data").definedBy("io.driftwatch.data..")
            .whereLayer("Api").mayOnlyBeAccessedByLayers("Root")
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Root")
            .whereLayer("Monitor").mayOnlyBeAccessedByLayers("Root", "Api", "Cli")
            .whereLayer("Report").mayOnlyBeAccessedByLayers("Root", "Api", "Cli", "Monitor")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Root", "Api", "Cli", "Monitor")
            .whereLayer("Notify").mayOnlyBeAccessedByLayers("Root", "Api", "Cli", "Monitor")
            .whereLayer("Trigger").mayOnlyBeAccessedByLayers("Root", "Api", "Cli", "Monitor")
            .whereLayer("Delivery").mayOnlyBeAccessedByLayers("Root", "Api", "Cli", "Monitor", "Notify", "Trigger")
            .whereLayer("Analyses").mayOnlyBeAccessedByLayers("Root", "Api", "Cli", "Monitor", "Report", "Store",
                    "Notify", "Trigger")
            .whereLayer("Analysis").mayOnlyBeAccessedByLayers("Root", "Api", "Cli", "Monitor", "Analyses", "Report",
                    "Store", "Notify", "Trigger")
            .whereLayer("Profile").mayOnlyBeAccessedByLayers("Root", "Api", "Cli", "Monitor", "Analyses", "Report",
                    "Store", "Analysis")
            .whereLayer("Stats").mayOnlyBeAccessedByLayers("Root", "Api", "Cli", "Monitor", "Analyses", "Report",
                    "Store", "Profile")
            .whereLayer("Io").mayOnlyBeAccessedByLayers("Root", "Api", "Cli", "Monitor", "Profile", "Store");

    /** The analyses sit on one floor, independent of each other (DESIGN.md, "Layers and data flow"). */
    private static final List<String> ANALYSES = List.of("drift", "integrity", "quality", "estimate", "multivariate");

    @ArchTest
    static final ArchRule driftUsesNoOtherAnalysis = analysisUsesNoOther("drift");

    @ArchTest
    static final ArchRule integrityUsesNoOtherAnalysis = analysisUsesNoOther("integrity");

    @ArchTest
    static final ArchRule qualityUsesNoOtherAnalysis = analysisUsesNoOther("quality");

    @ArchTest
    static final ArchRule estimateUsesNoOtherAnalysis = analysisUsesNoOther("estimate");

    @ArchTest
    static final ArchRule multivariateUsesNoOtherAnalysis = analysisUsesNoOther("multivariate");

    private static ArchRule analysisUsesNoOther(String analysis) {
        String[] others = ANALYSES.stream().filter(a -> !a.equals(analysis))
                .map(a -> "io.driftwatch." + a + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage("io.driftwatch." + analysis + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .allowEmptyShould(true);
    }

    /**
     * A batch is parsed once per check (DESIGN.md, "io"): in the service, only the intake reads
     * batches (and counts every read in the {@code datasets.read} timer, which ParseOnceTest
     * watches); the runner reads only the files named on the command line.
     */
    @ArchTest
    static final ArchRule batchesAreParsedOnlyByTheIntake = noClasses()
            .that().resideInAnyPackage("io.driftwatch.monitor..", "io.driftwatch.api..", "io.driftwatch")
            .and().doNotHaveFullyQualifiedName("io.driftwatch.monitor.checks.DatasetIntake")
            .and().doNotHaveFullyQualifiedName("io.driftwatch.monitor.checks.CheckRunner")
            .should().callMethod(Datasets.class, "read", Path.class)
            .orShould().callMethod(Datasets.class, "read", Path.class, CsvOptions.class)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.driftwatch.io.CsvReader")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.driftwatch.io.ArrowReader")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.driftwatch.io.CsvSource")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.driftwatch.io.MappedArrowFileReader")
            .because("a batch is parsed once, by the intake, and its table handed on");

    /**
     * The shared delivery model sits below the two siblings that use it and above nothing of ours: it
     * may use the root package's exception base and the data model, no other Driftwatch package.
     */
    @ArchTest
    static final ArchRule deliveryDependsOnNothingAboveData = noClasses()
            .that().resideInAPackage("io.driftwatch.delivery..")
            .should().dependOnClassesThat().resideInAnyPackage("io.driftwatch.api..", "io.driftwatch.cli..",
                    "io.driftwatch.monitor..", "io.driftwatch.drift..", "io.driftwatch.integrity..",
                    "io.driftwatch.quality..", "io.driftwatch.report..",
                    "io.driftwatch.store..", "io.driftwatch.notify..", "io.driftwatch.trigger..",
                    "io.driftwatch.profile..", "io.driftwatch.stats..", "io.driftwatch.io..",
                    "io.driftwatch.analysis..");

    /**
     * The sub-packages of monitor point one way: schedule and outbox (neither uses the other) on
     * checks, checks on policy, policy on definitions, definitions on sources; each may also use what
     * lies further down. The monitor package itself (the request exceptions, Leftovers) is shared by
     * all and uses none of them.
     */
    @ArchTest
    static final ArchRule monitorSubPackagesPointDown = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Schedule").definedBy("io.driftwatch.monitor.schedule..")
            .layer("Outbox").definedBy("io.driftwatch.monitor.outbox..")
            .layer("Checks").definedBy("io.driftwatch.monitor.checks..")
            .layer("Policy").definedBy("io.driftwatch.monitor.policy..")
            .layer("Definitions").definedBy("io.driftwatch.monitor.definitions..")
            .layer("Sources").definedBy("io.driftwatch.monitor.sources..")
            .layer("Shared").definedBy("io.driftwatch.monitor")
            .whereLayer("Schedule").mayNotBeAccessedByAnyLayer()
            .whereLayer("Outbox").mayNotBeAccessedByAnyLayer()
            .whereLayer("Checks").mayOnlyBeAccessedByLayers("Schedule", "Outbox")
            .whereLayer("Policy").mayOnlyBeAccessedByLayers("Schedule", "Outbox", "Checks")
            .whereLayer("Definitions").mayOnlyBeAccessedByLayers("Schedule", "Outbox", "Checks", "Policy")
            .whereLayer("Sources").mayOnlyBeAccessedByLayers("Schedule", "Outbox", "Checks", "Policy",
                    "Definitions")
            .whereLayer("Shared").mayOnlyBeAccessedByLayers("Schedule", "Outbox", "Checks", "Policy",
                    "Definitions", "Sources");

    /** Whatever the layers allow, no two sub-packages of monitor depend on each other. */
    @ArchTest
    static final ArchRule monitorSubPackagesAreFreeOfCycles = slices()
            .matching("io.driftwatch.monitor.(*)..")
            .should().beFreeOfCycles();

    /**
     * The dashboard sits on top of the API: it uses the API's roles, headers and links, the API never
     * uses it, and only the application (which registers its resource) depends on it.
     */
    @ArchTest
    static final ArchRule onlyTheApplicationRegistersTheDashboard = noClasses()
            .that().resideOutsideOfPackage("io.driftwatch.api.dashboard..")
            .and().doNotHaveFullyQualifiedName("io.driftwatch.DriftwatchApplication")
            .should().dependOnClassesThat().resideInAPackage("io.driftwatch.api.dashboard..")
            .because("the dashboard sits on the API (its roles, headers, links), which never reaches up to it;"
                    + " the application registers it");
}
