package com.dataquality.dqs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.io.KafkaOutputSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The cluster deployment without a Docker engine: {@code docker-compose.yml} and {@code
 * flink-conf/} are parsed, and everything they reference is checked to exist: mounted files (or the
 * build's outputs), the main class, the options the submitted command line passes, and the Flink
 * settings the job relies on, read by Flink's own configuration loader.
 */
class ClusterDeploymentTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static JsonNode compose;
    private static Document pom;

    @BeforeAll
    static void parse() throws Exception {
        // SnakeYAML resolves the "<<: *flink" merge keys as Docker Compose does.
        Object yaml = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        compose = new ObjectMapper().valueToTree(yaml);
        pom =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(ROOT.resolve("pom.xml").toFile());
    }

    private static JsonNode service(String name) {
        JsonNode s = compose.path("services").path(name);
        assertTrue(s.isObject(), "service " + name);
        return s;
    }

    private static String pomProperty(String name) {
        return pom.getElementsByTagName(name).item(0).getTextContent().trim();
    }

    /** The cluster profile's jar and lib names, as the build produces them. */
    private static Map<String, String> clusterBuildOutputs() {
        Map<String, String> out = new HashMap<>();
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element p = (Element) profiles.item(i);
            if (!p.getElementsByTagName("id").item(0).getTextContent().equals("cluster")) {
                continue;
            }
            out.put(
                    "./target/"
                            + p.getElementsByTagName("finalName").item(0).getTextContent()
                            + ".jar",
                    "shaded job jar");
            out.put(
                    "./target/flink-lib/"
                            + p.getElementsByTagName("destFileName").item(0).getTextContent(),
                    "lightgbm4j for lib/");
            assertEquals(
                    "provided",
                    p.getElementsByTagName("flink.scope").item(0).getTextContent(),
                    "the cluster jar leaves Flink to the cluster");
        }
        return out;
    }

    /** {@code source -> target} of a service's bind mounts and volumes. */
    private static Map<String, String> mounts(String service) {
        Map<String, String> m = new HashMap<>();
        for (JsonNode v : service(service).path("volumes")) {
            String[] parts = v.asText().split(":");
            m.put(parts[0], parts[1]);
        }
        return m;
    }

    @Test
    void imagesMatchTheBuildsVersions() {
        String flink = "flink:" + pomProperty("flink.version") + "-java17";
        for (String s : List.of("jobmanager", "taskmanager", "client", "state-init")) {
            assertEquals(flink, service(s).path("image").asText(), s);
        }
        assertEquals(
                "apache/kafka:" + pomProperty("kafka.version"),
                service("kafka").path("image").asText());
    }

    @Test
    void everyMountedFileExistsOrIsBuilt() {
        Map<String, String> built = clusterBuildOutputs();
        for (JsonNode name : iterable(compose.path("services").fieldNames())) {
            for (String source : mounts(name.asText()).keySet()) {
                if (!source.startsWith("./")) {
                    assertTrue(
                            compose.path("volumes").has(source),
                            "named volume " + source + " is declared");
                } else if (source.equals("./data")) {
                    // The user's rules (and data): docs/deployment.md says how to fill it.
                    assertTrue(readDoc("docs/deployment.md").contains("data/rules.json"));
                } else {
                    assertTrue(
                            built.containsKey(source) || Files.exists(ROOT.resolve(source)),
                            name.asText() + " mounts " + source + ", which nothing provides");
                }
            }
        }
    }

    @Test
    void flinkContainersReadTheMountedConfiguration() {
        for (String s : List.of("jobmanager", "taskmanager", "client")) {
            String confDir = service(s).path("environment").path("FLINK_CONF_DIR").asText();
            assertEquals(confDir, mounts(s).get("./flink-conf"), s);
            assertTrue(
                    mounts(s).get("./flink-conf") != null && mounts(s).containsKey("dqs-state"), s);
        }
        // FLINK_CONF_DIR replaces conf/: the launch scripts' log settings must be there too.
        assertTrue(Files.exists(ROOT.resolve("flink-conf/log4j-console.properties")));
        assertTrue(Files.exists(ROOT.resolve("flink-conf/log4j-cli.properties")));
        assertTrue(
                mounts("jobmanager").containsValue("/opt/flink/lib/lightgbm4j.jar")
                        && mounts("taskmanager").containsValue("/opt/flink/lib/lightgbm4j.jar"));
    }

    @Test
    void flinkConfigurationHasWhatTheJobNeeds() {
        Configuration conf =
                GlobalConfiguration.loadConfiguration(ROOT.resolve("flink-conf").toString());
        Duration interval = conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        assertNotNull(interval);
        assertTrue(interval.compareTo(KafkaOutputSettings.MAX_TRANSACTION_TIMEOUT) < 0);
        assertEquals(
                CheckpointingMode.EXACTLY_ONCE,
                conf.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE));
        String state = mounts("jobmanager").get("dqs-state");
        assertTrue(
                conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY).startsWith("file://" + state));
        assertTrue(
                conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY).startsWith("file://" + state));
        assertEquals("rocksdb", conf.get(StateBackendOptions.STATE_BACKEND));
        assertEquals("exponential-delay", conf.get(RestartStrategyOptions.RESTART_STRATEGY));
        assertEquals(
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                conf.toMap().get("metrics.reporter.prom.factory.class"));
        assertTrue(
                conf.get(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL)
                        .containsAll(
                                List.of(
                                        "io.github.metarank.lightgbm4j",
                                        "com.microsoft.ml.lightgbm")));
        assertEquals(
                service("jobmanager").path("hostname").asText(), conf.get(RestOptions.ADDRESS));
        assertEquals(
                service("jobmanager").path("hostname").asText(),
                conf.toMap().get("jobmanager.rpc.address"));
    }

    @Test
    void kafkaAllowsTheSinksTransactionTimeout() {
        long max =
                service("kafka")
                        .path("environment")
                        .path("KAFKA_TRANSACTION_MAX_TIMEOUT_MS")
                        .asLong();
        assertTrue(max >= KafkaOutputSettings.MAX_TRANSACTION_TIMEOUT.toMillis());
    }

    @Test
    void clientSubmitsTheJobWithOptionsItAccepts() throws Exception {
        List<List<String>> commands = clientCommands();
        List<String> flinkRun =
                commands.stream().filter(c -> c.get(0).equals("flink")).findFirst().orElseThrow();
        assertEquals("run", flinkRun.get(1));
        int c = flinkRun.indexOf("-c");
        assertTrue(flinkRun.contains("-d"), "detached: the client container exits");
        String mainClass = flinkRun.get(c + 1);
        assertEquals(Dqs.class.getName(), mainClass);
        String jar = flinkRun.get(c + 2);
        assertTrue(mounts("client").containsValue(jar), "the submitted jar is mounted");
        String jarSource =
                mounts("client").entrySet().stream()
                        .filter(e -> e.getValue().equals(jar))
                        .findFirst()
                        .orElseThrow()
                        .getKey();
        assertTrue(clusterBuildOutputs().containsKey(jarSource), jarSource + " is the cluster jar");

        List<String> jobArgs = flinkRun.subList(c + 3, flinkRun.size());
        CommandLine.ParseResult parsed = parse(jobArgs);
        assertEquals("run", parsed.subcommand().commandSpec().name());
        assertTrue(parsed.subcommand().hasMatchedOption("--kafka"));
        String rules = parsed.subcommand().matchedOptionValue("--rules", (Object) "").toString();
        assertTrue(rules.startsWith(mounts("client").get("./data") + "/"), rules);
        String outputDir =
                parsed.subcommand().matchedOptionValue("--output-dir", (Object) "").toString();
        assertTrue(outputDir.startsWith(mounts("client").get("dqs-state")), outputDir);

        List<String> topics =
                commands.stream()
                        .filter(cmd -> cmd.get(0).equals("java"))
                        .findFirst()
                        .orElseThrow();
        int main = topics.indexOf(Dqs.class.getName());
        assertTrue(main > 0);
        assertEquals(
                "topics",
                parse(topics.subList(main + 1, topics.size())).subcommand().commandSpec().name());
    }

    private static CommandLine.ParseResult parse(List<String> args) {
        // Throws on an unknown option or a bad value: what the job would do on the cluster.
        return new CommandLine(new Dqs()).parseArgs(args.toArray(String[]::new));
    }

    /** The client's shell script split into commands and words (single quotes honoured). */
    private static List<List<String>> clientCommands() {
        JsonNode command = service("client").path("command");
        assertEquals("bash", command.get(0).asText());
        assertEquals("-c", command.get(1).asText());
        List<List<String>> commands = new ArrayList<>();
        for (String part : command.get(2).asText().split("&&")) {
            List<String> words = new ArrayList<>();
            StringBuilder w = new StringBuilder();
            boolean quoted = false;
            for (char ch : part.trim().toCharArray()) {
                if (ch == '\'') {
                    quoted = !quoted;
                } else if (Character.isWhitespace(ch) && !quoted) {
                    if (w.length() > 0) {
                        words.add(w.toString());
                        w.setLength(0);
                    }
                } else {
                    w.append(ch);
                }
            }
            if (w.length() > 0) {
                words.add(w.toString());
            }
            commands.add(words);
        }
        return commands;
    }

    private static JsonNode yaml(String path) throws Exception {
        return new ObjectMapper()
                .valueToTree(new Yaml().load(Files.readString(ROOT.resolve(path))));
    }

    @Test
    void nothingIsPublishedOnAPublicInterface() throws Exception {
        for (JsonNode name : iterable(compose.path("services").fieldNames())) {
            for (JsonNode port : service(name.asText()).path("ports")) {
                assertTrue(
                        port.asText().startsWith("127.0.0.1:"),
                        name.asText() + " publishes " + port.asText() + " beyond the loopback");
            }
        }
        // Kafka has no authentication: not published at all, unless the host override is used.
        assertTrue(service("kafka").path("ports").isMissingNode());
        for (JsonNode port :
                yaml("compose.kafka-host.yml").path("services").path("kafka").path("ports")) {
            assertTrue(port.asText().startsWith("127.0.0.1:"), port.asText());
        }
        Configuration conf =
                GlobalConfiguration.loadConfiguration(ROOT.resolve("flink-conf").toString());
        assertEquals("false", conf.toMap().get("web.submit.enable"));
        assertTrue(readDoc("docs/deployment.md").contains("reverse proxy"));
    }

    @Test
    void monitoringProfileScrapesFlinksReporterAndProvisionsTheDashboard() throws Exception {
        for (String s : List.of("prometheus", "grafana")) {
            assertEquals("monitoring", service(s).path("profiles").get(0).asText(), s);
        }
        Configuration conf =
                GlobalConfiguration.loadConfiguration(ROOT.resolve("flink-conf").toString());
        String reporterPort = conf.toMap().get("metrics.reporter.prom.port");
        assertEquals("false", conf.toMap().get("metrics.reporter.prom.filterLabelValueCharacters"));
        JsonNode scrape =
                yaml(mountSource("prometheus", "/etc/prometheus/prometheus.yml"))
                        .path("scrape_configs")
                        .get(0)
                        .path("dns_sd_configs")
                        .get(0);
        assertEquals(reporterPort, scrape.path("port").asText());
        for (JsonNode host : scrape.path("names")) {
            assertTrue(compose.path("services").has(host.asText()), host.asText());
        }
        JsonNode datasource =
                yaml(mountSource("grafana", "/etc/grafana/provisioning")
                                + "/datasources/prometheus.yml")
                        .path("datasources")
                        .get(0);
        assertEquals("http://prometheus:9090", datasource.path("url").asText());
        JsonNode dashboards =
                yaml(mountSource("grafana", "/etc/grafana/provisioning") + "/dashboards/dqs.yml")
                        .path("providers")
                        .get(0);
        String dashboardDir = dashboards.path("options").path("path").asText();
        String dashboardSource = mountSource("grafana", dashboardDir);
        JsonNode dashboard =
                new ObjectMapper()
                        .readTree(
                                Files.readString(
                                        ROOT.resolve(dashboardSource).resolve("dqs.json")));
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                assertEquals(
                        datasource.path("uid").asText(),
                        panel.path("datasource").path("uid").asText(),
                        panel.path("title").asText());
                assertTrue(!t.path("expr").asText().isBlank(), panel.path("title").asText());
                queries++;
            }
        }
        assertTrue(queries >= 15, queries + " queries");
    }

    /** The host path a service mounts at {@code target}. */
    private static String mountSource(String service, String target) {
        return mounts(service).entrySet().stream()
                .filter(e -> e.getValue().equals(target))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + target));
    }

    private static String readDoc(String path) {
        try {
            return Files.readString(ROOT.resolve(path));
        } catch (java.io.IOException e) {
            throw new AssertionError(path + " is missing", e);
        }
    }

    private static Iterable<JsonNode> iterable(java.util.Iterator<String> names) {
        List<JsonNode> out = new ArrayList<>();
        names.forEachRemaining(n -> out.add(new TextNode(n)));
        return out;
    }
}
