package com.dataquality.dqs.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package layering every {@code package-info.java} states, enforced: packages by stage of the
 * dataflow, each importing only the layers below it, no cycles, pure logic free of Flink, and no
 * benchmark code in the product. A wrong import fails the build here.
 *
 * <pre>
 * cli                        the dqs sub-commands
 * launch                     plans and runs jobs (embedded or submitted)
 * report                     the HTML report, from output files (no Flink)
 * io                         connectors: sources, sinks, file and topic formats
 * pipeline                   the job graph
 * retrain                    the job's retrainer
 * drift                      drift detection
 * scoring                    forecasting: scorers, the forecast operator, served models
 * model                      model files, training, registry
 * features, summary, generate
 * parse, format, stats, stream
 * record                     (and the root package's exceptions)
 * </pre>
 */
@AnalyzeClasses(
        packages = "com.dataquality.dqs",
        importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    private static final String BASE = "com.dataquality.dqs";

    private static String pkg(String name) {
        return BASE + "." + name + "..";
    }

    @ArchTest
    static final ArchRule packagesFormNoCycle =
            slices().matching(BASE + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersOnlyImportLayersBelow =
            layeredArchitecture()
                    .consideringOnlyDependenciesInLayers()
                    .layer("Root")
                    .definedBy(BASE)
                    .layer("Record")
                    .definedBy(pkg("record"))
                    .layer("Stream")
                    .definedBy(pkg("stream"))
                    .layer("Format")
                    .definedBy(pkg("format"))
                    .layer("Stats")
                    .definedBy(pkg("stats"))
                    .layer("Parse")
                    .definedBy(pkg("parse"))
                    .layer("Features")
                    .definedBy(pkg("features"))
                    .layer("Summary")
                    .definedBy(pkg("summary"))
                    .layer("Generate")
                    .definedBy(pkg("generate"))
                    .layer("Model")
                    .definedBy(pkg("model"))
                    .layer("Scoring")
                    .definedBy(pkg("scoring"))
                    .layer("Drift")
                    .definedBy(pkg("drift"))
                    .layer("Retrain")
                    .definedBy(pkg("retrain"))
                    .layer("Pipeline")
                    .definedBy(pkg("pipeline"))
                    .layer("Io")
                    .definedBy(pkg("io"))
                    .layer("Report")
                    .definedBy(pkg("report"))
                    .layer("Launch")
                    .definedBy(pkg("launch"))
                    .layer("Cli")
                    .definedBy(pkg("cli"))
                    .whereLayer("Record")
                    .mayOnlyAccessLayers("Root")
                    .whereLayer("Stream")
                    .mayOnlyAccessLayers("Root", "Record")
                    .whereLayer("Format")
                    .mayOnlyAccessLayers("Root", "Record")
                    .whereLayer("Stats")
                    .mayOnlyAccessLayers("Root")
                    .whereLayer("Parse")
                    .mayOnlyAccessLayers("Root", "Record")
                    .whereLayer("Features")
                    .mayOnlyAccessLayers("Root", "Record")
                    .whereLayer("Summary")
                    .mayOnlyAccessLayers("Root", "Record", "Stream")
                    .whereLayer("Generate")
                    .mayOnlyAccessLayers("Root", "Record", "Format", "Parse")
                    .whereLayer("Model")
                    .mayOnlyAccessLayers("Root", "Record", "Features", "Stats")
                    .whereLayer("Scoring")
                    .mayOnlyAccessLayers(
                            "Root",
                            "Record",
                            "Stream",
                            "Format",
                            "Stats",
                            "Parse",
                            "Features",
                            "Model")
                    .whereLayer("Drift")
                    .mayOnlyAccessLayers(
                            "Root", "Record", "Stream", "Stats", "Features", "Model", "Scoring")
                    .whereLayer("Retrain")
                    .mayOnlyAccessLayers(
                            "Root",
                            "Record",
                            "Stream",
                            "Parse",
                            "Features",
                            "Model",
                            "Scoring",
                            "Drift")
                    .whereLayer("Pipeline")
                    .mayOnlyAccessLayers(
                            "Root",
                            "Record",
                            "Stream",
                            "Features",
                            "Summary",
                            "Model",
                            "Scoring",
                            "Drift",
                            "Retrain")
                    .whereLayer("Io")
                    .mayOnlyAccessLayers(
                            "Root", "Record", "Stream", "Format", "Parse", "Model", "Pipeline")
                    .whereLayer("Report")
                    .mayOnlyAccessLayers("Root", "Record", "Format", "Parse", "Model", "Io")
                    .whereLayer("Report")
                    .mayOnlyBeAccessedByLayers("Cli")
                    .whereLayer("Launch")
                    .mayOnlyBeAccessedByLayers("Cli")
                    .whereLayer("Cli")
                    .mayNotBeAccessedByAnyLayer();

    @ArchTest
    static final ArchRule pureLogicIsFreeOfFlink =
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            pkg("record"),
                            pkg("format"),
                            pkg("stats"),
                            pkg("parse"),
                            pkg("features"),
                            pkg("model"),
                            pkg("generate"),
                            pkg("report"))
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.apache.flink..")
                    .because(
                            "parsing, formats, statistics, features, models and the report are plain"
                                    + " Java, tested without Flink");

    @ArchTest
    static final ArchRule benchmarksStayOutOfTheProduct =
            noClasses()
                    .should()
                    .haveSimpleNameStartingWith("Bench")
                    .orShould()
                    .resideInAPackage(pkg("bench"))
                    .because("benchmarks live in src/bench/java (mvn -Pbench)");
}
