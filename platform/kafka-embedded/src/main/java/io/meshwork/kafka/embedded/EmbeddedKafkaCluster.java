package io.meshwork.kafka.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Several real Kafka nodes (KRaft, each broker and controller) in this JVM, for fault tests: by default three nodes,
 * replication factor 3 and {@code min.insync.replicas} 2, so that one node can be stopped and restarted while
 * producers with {@code acks=all} carry on.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
    private final List<KafkaNode> nodes;
    private final Path baseFolder;
    private final boolean temporaryFolder;
    private String clusterId;

    private EmbeddedKafkaCluster(List<KafkaNode> nodes, Path baseFolder, boolean temporaryFolder) {
        this.nodes = List.copyOf(nodes);
        this.baseFolder = baseFolder;
        this.temporaryFolder = temporaryFolder;
    }

    /** A builder with defaults: three nodes in a temporary folder, free ports on 127.0.0.1. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every node and waits until all accept clients. The nodes start together, since each one's broker waits
     * for a controller quorum.
     *
     * @return this cluster
     * @throws EmbeddedKafkaException with a message for a person when a node cannot start
     */
    public EmbeddedKafkaCluster start() {
        if (clusterId == null) {
            clusterId = KafkaNode.clusterIdFor(
                    nodes.stream().map(KafkaNode::dataFolder).toList());
        }
        List<CompletableFuture<Void>> starts = nodes.stream()
                .map(node -> CompletableFuture.runAsync(() -> node.start(clusterId)))
                .toList();
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            stop();
            if (e.getCause() instanceof EmbeddedKafkaException cause) {
                throw cause;
            }
            throw new EmbeddedKafkaException("The embedded Kafka cluster failed to start: " + e.getCause(), e);
        }
        return this;
    }

    /** Stops one node cleanly, as a broker crash that loses no disk; the others carry on. */
    public void stopNode(int nodeId) {
        node(nodeId).stop();
    }

    /** Starts a stopped node again on its own folder and ports. */
    public void restartNode(int nodeId) {
        node(nodeId).start(clusterId);
    }

    /** @return whether the node is running */
    public boolean isRunning(int nodeId) {
        return node(nodeId).isRunning();
    }

    /** @return the ids of the nodes, from 1 */
    public List<Integer> nodeIds() {
        return nodes.stream().map(KafkaNode::nodeId).toList();
    }

    /** @return every node's {@code host:port}, comma-separated, for {@code bootstrap.servers} */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaNode::bootstrapServer).collect(Collectors.joining(","));
    }

    /**
     * Stops every node; the data stays in the folders. The nodes stop together: one by one, the last brokers would
     * wait for a controller quorum that the first ones took with them.
     */
    public void stop() {
        CompletableFuture.allOf(nodes.stream()
                        .map(node -> CompletableFuture.runAsync(node::stop))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    /** Stops every node and, when the folder was temporary, deletes it. */
    @Override
    public void close() {
        stop();
        if (temporaryFolder) {
            DataFolders.deleteRecursively(baseFolder);
        }
    }

    private KafkaNode node(int nodeId) {
        return nodes.stream()
                .filter(node -> node.nodeId() == nodeId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "No node " + nodeId + " in this cluster; node ids are " + nodeIds() + "."));
    }

    /** Configures an {@link EmbeddedKafkaCluster}. */
    public static final class Builder {
        private int size = 3;
        private Path baseFolder;
        private String host = "127.0.0.1";
        private final Map<String, String> brokerProperties = new HashMap<>();

        private Builder() {}

        /** The number of nodes, 1 to 9; default 3. Replication is min(3, size), min ISR one less (at least 1). */
        public Builder size(int size) {
            if (size < 1 || size > 9) {
                throw new EmbeddedKafkaException("An embedded Kafka cluster has 1 to 9 nodes, not " + size + ".");
            }
            this.size = size;
            return this;
        }

        /** Keeps node {@code n}'s data in {@code <folder>/node-n}; by default a temporary folder. */
        public Builder baseFolder(Path folder) {
            this.baseFolder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /** The host every node binds to and advertises; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Sets a property on every node; these win over the defaults. */
        public Builder brokerProperty(String name, String value) {
            brokerProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @return a stopped cluster; call {@link EmbeddedKafkaCluster#start()} */
        public EmbeddedKafkaCluster build() {
            boolean temporary = baseFolder == null;
            Path base = temporary ? DataFolders.createTemporary("meshwork-kafka-cluster-") : baseFolder;
            int replication = Math.min(3, size);
            String minIsr = Integer.toString(Math.max(1, replication - 1));
            Map<String, String> props = new HashMap<>();
            props.put("default.replication.factor", Integer.toString(replication));
            props.put("min.insync.replicas", minIsr);
            props.put("offsets.topic.replication.factor", Integer.toString(replication));
            props.put("transaction.state.log.replication.factor", Integer.toString(replication));
            props.put("transaction.state.log.min.isr", minIsr);
            props.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
            props.put("share.coordinator.state.topic.min.isr", minIsr);
            props.putAll(brokerProperties);

            int[] ports = NodePreflight.freePorts(host, 2 * size);
            List<String> voters = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                voters.add((i + 1) + "@" + host + ":" + ports[2 * i + 1]);
            }
            String quorumVoters = String.join(",", voters);
            List<KafkaNode> nodes = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                nodes.add(new KafkaNode(
                        i + 1,
                        host,
                        ports[2 * i],
                        ports[2 * i + 1],
                        base.resolve("node-" + (i + 1)),
                        quorumVoters,
                        props));
            }
            return new EmbeddedKafkaCluster(nodes, base, temporary);
        }
    }
}
