package io.meshwork.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.cli.kafka.KafkaSettings;
import io.meshwork.cli.output.Documents;
import io.meshwork.cli.platform.PlatformClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import picocli.CommandLine.Command;

/**
 * {@code meshctl doctor}: can meshctl reach the platform and Kafka, and do they answer as they should? Each check
 * says what it found and, when something is wrong, what to do. Exit code 3 when the platform or Kafka cannot be
 * reached, 1 when something else is wrong, 0 when all is well.
 */
@Command(
        name = "doctor",
        description = "Check that the platform and Kafka are reachable and healthy; print versions; say what is wrong"
                + " and how to fix it. Exit code 3 when something is unreachable, 1 for other problems.")
final class DoctorCommand extends MeshctlCommand {
    private static final String OK = "ok";
    private static final String FAIL = "FAIL";
    private static final String WARN = "warn";

    /** One finding. */
    private record Finding(String check, String status, String detail, String fix, boolean unreachable) {}

    @Override
    int execute(Session session) {
        List<Finding> findings = new ArrayList<>();
        ObjectNode doc = Documents.object();
        doc.put("meshctl", Meshctl.version());
        doc.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        doc.put("kafkaClients", Meshctl.kafkaClientsVersion());
        doc.put("platform", session.platformUrl());
        doc.put("bootstrapServers", session.bootstrapServers());
        checkPlatform(session, findings, doc);
        checkKafka(session, findings, doc);

        ArrayNode checks = doc.putArray("checks");
        for (Finding f : findings) {
            ObjectNode c = checks.addObject()
                    .put("check", f.check())
                    .put("status", f.status())
                    .put("detail", f.detail());
            if (f.fix() != null) {
                c.put("fix", f.fix());
            }
        }
        boolean unreachable = findings.stream().anyMatch(Finding::unreachable);
        boolean failed = findings.stream().anyMatch(f -> f.status().equals(FAIL));
        doc.put("healthy", !failed);
        session.print(doc, out -> {
            out.println("meshctl " + doc.path("meshctl").asText() + " on Java "
                    + doc.path("java").asText() + ", kafka-clients "
                    + doc.path("kafkaClients").asText());
            out.println("platform " + session.platformUrl() + ", Kafka " + session.bootstrapServers());
            out.println();
            for (Finding f : findings) {
                out.println(String.format(Locale.ROOT, "%-4s  %-9s  %s", f.status(), f.check(), f.detail()));
                if (f.fix() != null) {
                    out.println("                 fix: " + f.fix());
                }
            }
            out.println();
            long problems =
                    findings.stream().filter(f -> f.status().equals(FAIL)).count();
            out.println(problems == 0 ? "all good" : Text.count(problems, "problem", "problems") + " found");
        });
        if (unreachable) {
            return ExitCode.UNREACHABLE;
        }
        return failed ? ExitCode.FAILED : ExitCode.OK;
    }

    private static void checkPlatform(Session session, List<Finding> findings, ObjectNode doc) {
        PlatformClient platform = session.platform();
        String url = platform.displayUrl();
        PlatformClient.Reply root;
        try {
            root = platform.fetch("");
        } catch (MeshctlException e) {
            findings.add(new Finding("platform", FAIL, e.getMessage(), e.fix(), true));
            return;
        }
        if (root.status() == 200 && root.body().strip().startsWith("{")) {
            findings.add(new Finding("platform", OK, url + " answers (registry protocol at GET /)", null, false));
        } else {
            findings.add(new Finding(
                    "platform",
                    FAIL,
                    url + " answers GET / with HTTP " + root.status() + ", not the registry's {}",
                    "check that --platform points at the Meshwork platform (and its context path, if it has one)",
                    false));
            return;
        }
        try {
            PlatformClient.Reply catalog = platform.fetch("api/v1/catalog");
            if (catalog.status() == 200) {
                JsonNode state = Documents.parse(catalog.body());
                doc.set("catalog", state);
                String hash = state.path("stateHash").asText("");
                findings.add(new Finding(
                        "catalog",
                        OK,
                        Text.count(state.path("products").asInt(), "product", "products") + ", "
                                + state.path("eventsApplied").asLong() + " events applied, state hash "
                                + (hash.length() > 12 ? hash.substring(0, 12) + "…" : hash)
                                + (state.path("quarantined").asLong() > 0
                                        ? ", " + state.path("quarantined").asLong() + " records quarantined"
                                        : ""),
                        null,
                        false));
            } else {
                findings.add(new Finding(
                        "catalog",
                        FAIL,
                        "GET /api/v1/catalog answered HTTP " + catalog.status(),
                        "this platform has no catalog API: upgrade it, or point --platform at a Meshwork platform",
                        false));
            }
        } catch (MeshctlException e) {
            findings.add(new Finding("catalog", FAIL, e.getMessage(), e.fix(), e.exitCode() == ExitCode.UNREACHABLE));
        } catch (IOException e) {
            findings.add(new Finding(
                    "catalog",
                    FAIL,
                    "GET /api/v1/catalog did not answer JSON",
                    "check that --platform points at the Meshwork platform",
                    false));
        }
        try {
            PlatformClient.Reply openapi = platform.fetch("openapi/meshwork-platform-v1.yml");
            if (openapi.status() == 200 && openapi.body().startsWith("openapi:")) {
                findings.add(
                        new Finding("openapi", OK, url + "/openapi/meshwork-platform-v1.yml is served", null, false));
            } else {
                findings.add(new Finding(
                        "openapi",
                        WARN,
                        "GET /openapi/meshwork-platform-v1.yml answered HTTP " + openapi.status(),
                        "the API still works; the platform was built without its OpenAPI document",
                        false));
            }
        } catch (MeshctlException e) {
            findings.add(new Finding("openapi", FAIL, e.getMessage(), e.fix(), e.exitCode() == ExitCode.UNREACHABLE));
        }
    }

    private static void checkKafka(Session session, List<Finding> findings, ObjectNode doc) {
        KafkaSettings settings = session.kafka();
        long wait = session.timeout().toMillis();
        Admin admin;
        try {
            admin = Admin.create(settings.admin());
        } catch (KafkaException e) {
            MeshctlException m = settings.failure("connecting", e);
            findings.add(new Finding("kafka", FAIL, m.getMessage(), m.fix(), m.exitCode() == ExitCode.UNREACHABLE));
            return;
        }
        try {
            DescribeClusterResult cluster = admin.describeCluster();
            String clusterId = cluster.clusterId().get(wait, TimeUnit.MILLISECONDS);
            Collection<Node> nodes = cluster.nodes().get(wait, TimeUnit.MILLISECONDS);
            Node controller = cluster.controller().get(wait, TimeUnit.MILLISECONDS);
            String version = metadataVersion(admin, wait);
            ObjectNode kafka = doc.putObject("kafka")
                    .put("clusterId", clusterId)
                    .put("brokers", nodes.size())
                    .put("controller", controller == null ? null : controller.idString());
            if (version != null) {
                kafka.put("metadataVersion", version);
            }
            findings.add(new Finding(
                    "kafka",
                    nodes.isEmpty() ? FAIL : OK,
                    settings.bootstrapServers() + ": cluster " + clusterId + ", "
                            + Text.count(nodes.size(), "broker", "brokers")
                            + (version == null ? "" : ", " + version),
                    nodes.isEmpty() ? "the cluster reports no live broker; look at the brokers' logs" : null,
                    false));
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof TimeoutException
                    ? new org.apache.kafka.common.errors.TimeoutException(e.getMessage(), e)
                    : e;
            MeshctlException m = settings.failure("describing the cluster", cause);
            findings.add(new Finding("kafka", FAIL, m.getMessage(), m.fix(), m.exitCode() == ExitCode.UNREACHABLE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            findings.add(new Finding("kafka", FAIL, "interrupted", null, false));
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /** @return {@code metadata.version level 27}, or null when the cluster does not say */
    private static String metadataVersion(Admin admin, long wait) {
        try {
            FeatureMetadata features =
                    admin.describeFeatures().featureMetadata().get(wait, TimeUnit.MILLISECONDS);
            Map<String, FinalizedVersionRange> finalized = features.finalizedFeatures();
            FinalizedVersionRange metadata = finalized.get("metadata.version");
            return metadata == null ? null : "metadata.version level " + metadata.maxVersionLevel();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
