package io.meshwork.sdk.service.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.meshwork.schemas.common.Actor;
import io.meshwork.schemas.common.ActorKind;
import io.meshwork.schemas.lifecycle.Heartbeat;
import io.meshwork.schemas.lifecycle.InstanceState;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.serde.MeshAvroSerdeConfig;
import io.meshwork.sdk.serde.MeshAvroSerializer;
import io.meshwork.sdk.service.ProductRelease;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a heartbeat for every major version a service writes to {@code mesh.lifecycle.v1}, at a fixed interval: the
 * instance's Streams state, records in and out, dead letters, the newest record time (what freshness is judged on) and
 * the consumer lag. A last one with the final state is sent on close. Not part of the public API.
 */
public final class HeartbeatEmitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatEmitter.class);

    private final String lifecycleTopic;
    private final String applicationId;
    private final String instanceId;
    private final Actor actor;
    private final Duration interval;
    private final List<ProductRelease> live;
    private final ServiceMetrics metrics;
    private final Supplier<KafkaStreams> streams;
    private final KafkaProducer<String, LifecycleEvent> producer;
    private final ScheduledExecutorService timer;
    private volatile boolean failing;

    /**
     * @param bootstrapServers Kafka
     * @param registry the registry client (the lifecycle schema is registered by the platform)
     * @param lifecycleTopic the platform's lifecycle topic
     * @param applicationId the service's application id
     * @param instanceId this instance
     * @param principal who the heartbeats are from
     * @param interval how often
     * @param live the releases the service writes, one heartbeat per release per interval
     * @param metrics the counts to report
     * @param streams the running Streams instance (its state and lag)
     */
    public HeartbeatEmitter(
            String bootstrapServers,
            SchemaRegistryClient registry,
            String lifecycleTopic,
            String applicationId,
            String instanceId,
            String principal,
            Duration interval,
            List<ProductRelease> live,
            ServiceMetrics metrics,
            Supplier<KafkaStreams> streams) {
        this.lifecycleTopic = lifecycleTopic;
        this.applicationId = applicationId;
        this.instanceId = instanceId;
        this.actor = new Actor(principal, ActorKind.DOMAIN);
        this.interval = interval;
        this.live = List.copyOf(live);
        this.metrics = metrics;
        this.streams = streams;
        MeshAvroSerializer<LifecycleEvent> serializer = new MeshAvroSerializer<>(registry);
        serializer.configure(Map.of(MeshAvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        applicationId + "-heartbeats-" + instanceId,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        15_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) Math.max(30_000, interval.toMillis() * 3),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        10_000),
                new StringSerializer(),
                serializer);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, applicationId + "-heartbeats");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends one heartbeat now and then one every interval. */
    public void start() {
        timer.scheduleAtFixedRate(this::beatSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends one heartbeat per live release now. */
    public void beat() {
        KafkaStreams s = streams.get();
        InstanceState state = s == null ? InstanceState.CREATED : state(s.state());
        long lag = s == null ? 0 : lag(s.metrics());
        for (ProductRelease release : live) {
            String topic = release.descriptor().outputPorts().get(0).topic();
            long out = 0;
            long dead = 0;
            Long newest = null;
            for (var port : release.descriptor().outputPorts()) {
                out += metrics.recordsOut(port.topic());
                dead += metrics.deadLettered(port.topic());
                Long n = metrics.newestRecordTime(port.topic());
                if (n != null && (newest == null || n > newest)) {
                    newest = n;
                }
            }
            Heartbeat heartbeat = Heartbeat.newBuilder()
                    .setInstanceId(instanceId)
                    .setApplicationId(applicationId)
                    .setMajor(release.major())
                    .setState(state)
                    .setRecordsIn(metrics.recordsIn())
                    .setRecordsOut(out)
                    .setRecordsDeadLettered(dead)
                    .setNewestRecordTime(newest == null ? null : Instant.ofEpochMilli(newest))
                    .setConsumerLag(lag)
                    .setIntervalMillis(interval.toMillis())
                    .build();
            LifecycleEvent event = LifecycleEvent.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setTime(Instant.now())
                    .setActor(actor)
                    .setProductId(release.productId())
                    .setCorrelationId(null)
                    .setPayload(heartbeat)
                    .build();
            producer.send(new ProducerRecord<>(lifecycleTopic, release.productId(), event), (meta, error) -> {
                if (error != null && !failing) {
                    failing = true;
                    LOG.warn("Heartbeat of {} for {} not sent: {}", applicationId, topic, error.toString());
                } else if (error == null && failing) {
                    failing = false;
                    LOG.info("Heartbeats of {} are sent again", applicationId);
                }
            });
        }
    }

    /** Stops the timer, sends a last heartbeat with the final state and closes the producer. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            beat();
            producer.flush();
        } catch (RuntimeException e) {
            LOG.debug("Last heartbeat of {} not sent: {}", applicationId, e.toString());
        }
        producer.close(Duration.ofSeconds(5));
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Heartbeat of {} failed: {}", applicationId, e.toString());
            }
        }
    }

    /** @return the lag of the main consumers: the sum of {@code records-lag} over the assigned partitions */
    static long lag(Map<MetricName, ? extends Metric> metrics) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            if (!name.name().equals("records-lag") || !name.group().equals("consumer-fetch-manager-metrics")) {
                continue;
            }
            String client = name.tags().getOrDefault("client-id", "");
            if (client.endsWith("restore-consumer") || !name.tags().containsKey("partition")) {
                continue;
            }
            Object value = e.getValue().metricValue();
            if (value instanceof Number n && !Double.isNaN(n.doubleValue()) && n.doubleValue() > 0) {
                total += n.doubleValue();
            }
        }
        return (long) total;
    }

    static InstanceState state(KafkaStreams.State state) {
        return switch (state) {
            case CREATED -> InstanceState.CREATED;
            case REBALANCING -> InstanceState.REBALANCING;
            case RUNNING -> InstanceState.RUNNING;
            case PENDING_SHUTDOWN -> InstanceState.PENDING_SHUTDOWN;
            case NOT_RUNNING -> InstanceState.NOT_RUNNING;
            case PENDING_ERROR -> InstanceState.PENDING_ERROR;
            case ERROR -> InstanceState.ERROR;
        };
    }
}
