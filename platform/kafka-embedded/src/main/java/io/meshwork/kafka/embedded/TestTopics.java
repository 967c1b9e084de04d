package io.meshwork.kafka.embedded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The topics of one test on the shared broker. Every name it hands out is unique in the JVM, so tests never see each
 * other's records; the topics are deleted when the test ends.
 */
public final class TestTopics implements AutoCloseable {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final int MAX_TOPIC_NAME = 249;

    private final String bootstrapServers;
    private final String owner;
    private final List<String> created = new ArrayList<>();
    private Admin admin;

    TestTopics(String bootstrapServers, String owner) {
        this.bootstrapServers = bootstrapServers;
        this.owner = sanitize(owner);
    }

    /** @return the shared broker's {@code bootstrap.servers} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A unique topic name derived from {@code base}, without creating the topic. */
    public String uniqueName(String base) {
        String name = sanitize(base) + "." + owner + "-" + SEQUENCE.incrementAndGet();
        return name.length() <= MAX_TOPIC_NAME ? name : name.substring(name.length() - MAX_TOPIC_NAME);
    }

    /** Creates a one-partition topic with a unique name derived from {@code base} and returns the name. */
    public String create(String base) {
        return create(base, 1, Map.of());
    }

    /** Creates a topic with a unique name derived from {@code base} and returns the name. */
    public String create(String base, int partitions) {
        return create(base, partitions, Map.of());
    }

    /** Creates a topic with a unique name, {@code partitions} partitions and topic {@code configs}; returns the name. */
    public String create(String base, int partitions, Map<String, String> configs) {
        return createNamed(uniqueName(base), partitions, configs);
    }

    /**
     * Creates a topic with exactly this name (for code that derives topic names itself); it is deleted after the test
     * like the others.
     */
    public String createNamed(String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
        try {
            admin().createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create test topic " + name + ": " + e.getMessage(), e);
        }
        synchronized (created) {
            created.add(name);
        }
        awaitVisible(name, partitions);
        return name;
    }

    /**
     * The controller has accepted the topic when {@code createTopics} returns; the broker's metadata may show it a
     * moment later. Wait for that, so that a test can list, describe and use the topic at once.
     */
    private void awaitVisible(String name, int partitions) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                if (admin().listTopics().names().get(10, TimeUnit.SECONDS).contains(name)
                        && admin().describeTopics(List.of(name))
                                        .allTopicNames()
                                        .get(10, TimeUnit.SECONDS)
                                        .get(name)
                                        .partitions()
                                        .size()
                                == partitions) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not visible yet (UnknownTopicOrPartition): look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topic " + name, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topic " + name + " was created but is not visible after 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topic " + name, e);
            }
        }
    }

    /** An admin client on the shared broker, closed with this object. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        }
        return admin;
    }

    /** Producer settings for the shared broker: {@code acks=all}, idempotent. Add serializers. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    /** Consumer settings for the shared broker: a unique group, reading from the earliest offset. Add deserializers. */
    public Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, uniqueName("group"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /** Deletes the topics this object created and closes its admin client. */
    @Override
    public synchronized void close() {
        if (admin == null) {
            return;
        }
        List<String> names;
        synchronized (created) {
            names = List.copyOf(created);
            created.clear();
        }
        try {
            if (!names.isEmpty()) {
                admin.deleteTopics(names).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // A topic the test deleted itself, or a broker already stopping: the broker is temporary anyway.
        } finally {
            admin.close();
            admin = null;
        }
    }

    private static String sanitize(String text) {
        String cleaned = text.replaceAll("[^a-zA-Z0-9._-]", "_");
        return cleaned.isEmpty() ? "topic" : cleaned;
    }
}
