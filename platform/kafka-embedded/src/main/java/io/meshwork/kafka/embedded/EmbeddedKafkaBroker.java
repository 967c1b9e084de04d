package io.meshwork.kafka.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The real Apache Kafka broker (KRaft, broker and controller in one process) running inside this JVM.
 *
 * <p>Data is kept in a folder: start a broker on the same folder again and it resumes with its topics, records and
 * committed offsets. Ports given as 0 are chosen once and kept for restarts.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataFolder(Path.of(".meshwork/kafka")).build()) {
 *     broker.start();
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private final KafkaNode node;
    private final boolean temporaryFolder;

    private EmbeddedKafkaBroker(KafkaNode node, boolean temporaryFolder) {
        this.node = node;
        this.temporaryFolder = temporaryFolder;
    }

    /** A builder with defaults: a temporary data folder, free ports on 127.0.0.1. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker and waits until it accepts clients. Starting a running broker does nothing.
     *
     * @return this broker
     * @throws EmbeddedKafkaException with a message for a person when a port is taken, the folder cannot be written,
     *     the folder is used by another broker, or the broker fails to start
     */
    public EmbeddedKafkaBroker start() {
        node.start(KafkaNode.clusterIdFor(List.of(node.dataFolder())));
        return this;
    }

    /** Stops the broker cleanly; its data stays in the folder. Stopping a stopped broker does nothing. */
    public void stop() {
        node.stop();
    }

    /** @return {@code host:port} for {@code bootstrap.servers} */
    public String bootstrapServers() {
        return node.bootstrapServer();
    }

    /** @return the folder that holds the broker's data */
    public Path dataFolder() {
        return node.dataFolder();
    }

    /** @return whether the broker is started */
    public boolean isRunning() {
        return node.isRunning();
    }

    /** Stops the broker and, when its folder was a temporary one, deletes the folder. */
    @Override
    public void close() {
        stop();
        if (temporaryFolder) {
            DataFolders.deleteRecursively(node.dataFolder());
        }
    }

    /** Configures an {@link EmbeddedKafkaBroker}. */
    public static final class Builder {
        private Path dataFolder;
        private String host = "127.0.0.1";
        private int port;
        private int controllerPort;
        private final Map<String, String> brokerProperties = new HashMap<>();

        private Builder() {}

        /** Keeps the data in this folder (created if missing); by default a temporary folder deleted on close. */
        public Builder dataFolder(Path folder) {
            this.dataFolder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /** The host the broker binds to and advertises; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The client port; 0 (default) picks a free one, kept across restarts of this instance. */
        public Builder port(int port) {
            this.port = checkPort(port, "port");
            return this;
        }

        /** The KRaft controller port; 0 (default) picks a free one, kept across restarts of this instance. */
        public Builder controllerPort(int port) {
            this.controllerPort = checkPort(port, "controllerPort");
            return this;
        }

        /** Sets any broker property (e.g. {@code auto.create.topics.enable}); these win over the defaults. */
        public Builder brokerProperty(String name, String value) {
            brokerProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @return a stopped broker; call {@link EmbeddedKafkaBroker#start()} */
        public EmbeddedKafkaBroker build() {
            boolean temporary = dataFolder == null;
            Path folder = temporary ? DataFolders.createTemporary("meshwork-kafka-") : dataFolder;
            int[] free = NodePreflight.freePorts(host, 2);
            int clientPort = port == 0 ? free[0] : port;
            int quorumPort = controllerPort == 0 ? free[1] : controllerPort;
            if (clientPort == quorumPort) {
                throw new EmbeddedKafkaException("The embedded Kafka port and controller port are both " + clientPort
                        + ". Give them different values.");
            }
            Map<String, String> props = new HashMap<>();
            props.put("offsets.topic.replication.factor", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.putAll(brokerProperties);
            KafkaNode node =
                    new KafkaNode(1, host, clientPort, quorumPort, folder, "1@" + host + ":" + quorumPort, props);
            return new EmbeddedKafkaBroker(node, temporary);
        }

        static int checkPort(int port, String name) {
            if (port < 0 || port > 65_535) {
                throw new EmbeddedKafkaException("The embedded Kafka " + name + " " + port
                        + " is out of range. Use 1-65535, or 0 for a free port.");
            }
            return port;
        }
    }
}
