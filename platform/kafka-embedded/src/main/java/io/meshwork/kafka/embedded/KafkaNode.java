package io.meshwork.kafka.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KRaft process with the broker and controller roles combined: the unit that both the single broker and the
 * cluster are made of. Ports and folder are fixed at construction, so a restart comes back where it was.
 */
final class KafkaNode {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaNode.class);
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String BROKER_LISTENER = "PLAINTEXT";

    private final int nodeId;
    private final String host;
    private final int brokerPort;
    private final int controllerPort;
    private final Path dataFolder;
    private final Map<String, String> properties;
    private KafkaRaftServer server;

    KafkaNode(
            int nodeId,
            String host,
            int brokerPort,
            int controllerPort,
            Path dataFolder,
            String quorumVoters,
            Map<String, String> overrides) {
        this.nodeId = nodeId;
        this.host = host;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.dataFolder = dataFolder.toAbsolutePath().normalize();
        this.properties = brokerProperties(quorumVoters, overrides);
    }

    int nodeId() {
        return nodeId;
    }

    String bootstrapServer() {
        return host + ":" + brokerPort;
    }

    Path dataFolder() {
        return dataFolder;
    }

    synchronized boolean isRunning() {
        return server != null;
    }

    /** Checks the ports and folder, formats the folder once (a formatted folder is reused) and starts the node. */
    synchronized void start(String clusterId) {
        if (server != null) {
            return;
        }
        NodePreflight.requireWritableFolder(dataFolder);
        NodePreflight.requireFolderUnlocked(dataFolder);
        NodePreflight.requirePortFree(host, brokerPort, "broker");
        NodePreflight.requirePortFree(host, controllerPort, "controller");
        format(clusterId);
        KafkaRaftServer candidate;
        try {
            candidate = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new EmbeddedKafkaException(
                    "The embedded Kafka configuration of node " + nodeId + " is invalid: " + e.getMessage()
                            + ". Check the broker properties passed to the builder.",
                    e);
        }
        try {
            candidate.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(candidate);
            throw new EmbeddedKafkaException(
                    "The embedded Kafka node " + nodeId + " on " + bootstrapServer() + " (data in " + dataFolder
                            + ") failed to start: " + e.getMessage()
                            + ". The broker log above has the details; a clean data folder usually fixes a"
                            + " damaged one.",
                    e);
        }
        server = candidate;
        LOG.info("Kafka node {} started on {} with data in {}", nodeId, bootstrapServer(), dataFolder);
    }

    /** Stops the node cleanly and waits until it has released its ports and folder. */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        shutdownQuietly(stopping);
        LOG.info("Kafka node {} stopped", nodeId);
    }

    /** The cluster id written in the folder by an earlier format, if any. */
    static Optional<String> formattedClusterId(Path folder) {
        Path meta = folder.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            props.load(in);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("The embedded Kafka data folder " + folder + " has an unreadable"
                    + " meta.properties (" + e.getMessage() + "). Fix its permissions or remove the folder.");
        }
        return Optional.ofNullable(props.getProperty("cluster.id"));
    }

    /**
     * The cluster id already written in the first formatted folder, or a new one: a restart keeps its cluster.
     */
    static String clusterIdFor(Iterable<Path> folders) {
        for (Path folder : folders) {
            Optional<String> existing = formattedClusterId(folder);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        return Uuid.randomUuid().toString();
    }

    private void format(String clusterId) {
        Optional<String> existing = formattedClusterId(dataFolder);
        if (existing.isPresent() && !existing.get().equals(clusterId)) {
            throw new EmbeddedKafkaException("The embedded Kafka data folder " + dataFolder + " belongs to cluster "
                    + existing.get() + ", not " + clusterId + ". Use that folder only with its own cluster, or"
                    + " remove it to start afresh.");
        }
        if (existing.isPresent()) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .addDirectory(dataFolder.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new EmbeddedKafkaException(
                    "Cannot format the embedded Kafka data folder " + dataFolder + ": " + e.getMessage()
                            + ". Remove the folder or choose another one.",
                    e);
        }
    }

    private Map<String, String> brokerProperties(String quorumVoters, Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", quorumVoters);
        props.put(
                "listeners",
                BROKER_LISTENER + "://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":"
                        + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put(
                "listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dataFolder.toString());
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        // One dedupe buffer per node; the default (128 MiB) is sized for a production broker, not for three in a JVM.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        props.put("controlled.shutdown.enable", "true");
        props.putAll(overrides);
        return Map.copyOf(props);
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka node did not shut down cleanly: {}", e.toString());
        }
    }
}
