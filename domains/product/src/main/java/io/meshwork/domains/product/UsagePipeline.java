package io.meshwork.domains.product;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.meshwork.domains.product.internal.UsageEvent;
import io.meshwork.domains.product.internal.UsageTotals;
import io.meshwork.domains.product.v1.FeatureUsage;
import io.meshwork.sdk.service.MeshTopology;
import io.meshwork.sdk.service.ProductPort;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The product domain's topology: the apps' usage events ({@code product.raw-usage-events}) are read, placed at the time
 * each happened, re-keyed by feature and counted in tumbling UTC hours (ten minutes of grace for events the apps send
 * late) into {@code product.feature-usage.v1}, keyed {@code <feature>|<hour start>}: events, distinct active users,
 * total and mean duration, events per platform. Every event updates its hour at once (no suppression), so the
 * product's newest record per key is the running count.
 *
 * <p>An event that cannot be read, one dated in the future and one for a closed hour go to
 * {@code product.feature-usage.v1.dlq}, as does every update of a feature whose name is not a catalogue id; updates of
 * internal test features ({@code internal-*}) are dropped.
 */
public final class UsagePipeline {
    /** The raw source topic. */
    public static final String RAW_USAGE_EVENTS = "product.raw-usage-events";
    /** The product topic. */
    public static final String FEATURE_USAGE_V1 = "product.feature-usage.v1";
    /** The hours: tumbling, aligned on the UTC hour, taking late events for ten more minutes. */
    public static final TimeWindows HOURS = TimeWindows.ofSizeAndGrace(Duration.ofHours(1), Duration.ofMinutes(10));
    /** The repartition topic's name, after the application id: events keyed by feature. */
    static final String BY_FEATURE = "usage-by-feature";
    /** The window store of the users seen per feature and hour. */
    static final String USERS_SEEN_STORE = "feature-users-seen";
    /** The window store of the running counts. */
    static final String TOTALS_STORE = "feature-usage-totals";

    private UsagePipeline() {}

    /**
     * Builds the topology.
     *
     * @param mesh the service's topology builder
     */
    public static void build(MeshTopology mesh) {
        ProductPort<String, FeatureUsage> port = mesh.port(FEATURE_USAGE_V1, FeatureUsage.class);
        mesh.builder()
                .addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                USERS_SEEN_STORE,
                                Duration.ofMillis(HOURS.size() + HOURS.gracePeriodMs()),
                                Duration.ofMillis(HOURS.size()),
                                false),
                        Serdes.String(),
                        Serdes.Long()));
        KStream<String, FeatureUsage> usage = mesh.source(RAW_USAGE_EVENTS)
                .mapValues(RawUsageEvents::parse, Named.as("parse-usage-event"))
                .processValues(EventTime::new, Named.as("at-event-time"))
                .selectKey((key, event) -> event.getFeature(), Named.as("by-feature"))
                .repartition(Repartitioned.with(Serdes.String(), mesh.serde(UsageEvent.class))
                        .withName(BY_FEATURE))
                .processValues(
                        () -> new HourlyVisitors(HOURS, USERS_SEEN_STORE),
                        Named.as("mark-first-visits"),
                        USERS_SEEN_STORE)
                .groupByKey()
                .windowedBy(HOURS)
                .aggregate(
                        UsagePipeline::noUsage,
                        (feature, visit, totals) -> add(totals, visit),
                        Named.as("count-per-hour"),
                        Materialized.<String, UsageTotals, WindowStore<Bytes, byte[]>>as(TOTALS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(mesh.serde(UsageTotals.class))
                                // every event is an update of its hour: no cache folding updates together
                                .withCachingDisabled())
                .toStream(Named.as("hour-updates"))
                .map((hour, totals) -> KeyValue.pair(key(hour), featureUsage(hour, totals)), Named.as("feature-usage"));
        mesh.to(usage, port);
    }

    /**
     * @param feature the feature id
     * @param hourStart the start of the UTC hour
     * @return the product key, e.g. {@code search|2026-12-01T10:00:00Z}
     */
    public static String key(String feature, Instant hourStart) {
        return feature + "|" + hourStart;
    }

    static UsageTotals noUsage() {
        return UsageTotals.newBuilder()
                .setEvents(0)
                .setActiveUsers(0)
                .setTotalDurationMs(0)
                .setPlatforms(new HashMap<>())
                .build();
    }

    static UsageTotals add(UsageTotals totals, Visit visit) {
        Map<String, Long> platforms = new HashMap<>(totals.getPlatforms());
        platforms.merge(visit.event().getPlatform().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        return UsageTotals.newBuilder()
                .setEvents(totals.getEvents() + 1)
                .setActiveUsers(totals.getActiveUsers() + (visit.firstOfUser() ? 1 : 0))
                .setTotalDurationMs(totals.getTotalDurationMs() + visit.event().getDurationMs())
                .setPlatforms(platforms)
                .build();
    }

    private static String key(Windowed<String> hour) {
        return key(hour.key(), hour.window().startTime());
    }

    static FeatureUsage featureUsage(Windowed<String> hour, UsageTotals totals) {
        return FeatureUsage.newBuilder()
                .setFeature(hour.key())
                .setHourStart(hour.window().startTime())
                .setEvents(totals.getEvents())
                .setActiveUsers(totals.getActiveUsers())
                .setTotalDurationMs(totals.getTotalDurationMs())
                .setAvgDurationMs((double) totals.getTotalDurationMs() / totals.getEvents())
                .setPlatforms(new HashMap<>(totals.getPlatforms()))
                .build();
    }
}
