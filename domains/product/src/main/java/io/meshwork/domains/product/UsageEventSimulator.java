package io.meshwork.domains.product;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.sdk.simulation.SourceSimulator;
import io.meshwork.sdk.simulation.SourceSimulator.Kind;
import io.meshwork.sdk.simulation.SourceSimulator.SimulatedRecord;
import net.datafaker.Faker;

/**
 * The apps' usage feed, simulated: events of a dozen catalogue features (search far more used than export), by 2,000
 * signed-in users, from the web app (about half), iOS and Android, with realistic durations, on
 * {@code product.raw-usage-events}, happening now. A share of the events is malformed (not JSON, a duration as text or
 * negative, an unknown platform, no user id, a time that is not an instant or in the future) and a share comes from an
 * old app version that names the feature by its display name ({@code Export PDF}) instead of its id, which the
 * product's quality rule {@code feature-id} sets aside.
 *
 * <p>Run on its own: {@code java ... io.meshwork.domains.product.UsageEventSimulator [rate/s] [count]
 * [bootstrap.servers]}.
 */
public final class UsageEventSimulator implements SourceSimulator.Generator {
    /** Signed-in users: {@code u-00001} to {@code u-02000}. */
    public static final int USERS = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Feature> FEATURES = List.of(
            new Feature("search", "Search", 30, 4_000),
            new Feature("dashboard", "Dashboard", 20, 25_000),
            new Feature("notifications", "Notifications", 12, 2_000),
            new Feature("comments", "Comments", 9, 15_000),
            new Feature("share-link", "Share link", 6, 3_000),
            new Feature("file-upload", "File upload", 6, 9_000),
            new Feature("calendar", "Calendar", 5, 12_000),
            new Feature("dark-mode", "Dark mode", 4, 500),
            new Feature("export-pdf", "Export PDF", 3, 6_000),
            new Feature("team-invite", "Team invite", 2, 20_000),
            new Feature("billing", "Billing", 2, 40_000),
            new Feature("two-factor-setup", "Two-factor setup", 1, 60_000));
    private static final int TOTAL_WEIGHT =
            FEATURES.stream().mapToInt(Feature::weight).sum();
    private static final String[] PLATFORMS = {"web", "web", "web", "web", "ios", "ios", "ios", "android", "android"};
    private static final String[] ACTIONS = {"opened", "used", "used", "completed"};

    private final double malformedShare;
    private final double rejectedShare;
    private final Faker faker;

    /**
     * A feature of the apps.
     *
     * @param id its catalogue id
     * @param displayName its name on screen, which an old app version sends instead of the id
     * @param weight how often it is used, relative to the others
     * @param medianMs the median time spent per event
     */
    private record Feature(String id, String displayName, int weight, int medianMs) {}

    /**
     * @param malformedShare share of unreadable events, 0–1
     * @param rejectedShare share of events naming the feature by its display name, 0–1
     * @param seed seed of the fake data
     */
    public UsageEventSimulator(double malformedShare, double rejectedShare, long seed) {
        this.malformedShare = malformedShare;
        this.rejectedShare = rejectedShare;
        this.faker = new Faker(Locale.ENGLISH, new Random(seed));
    }

    /** @return the simulator's defaults: 2% malformed events, 1% events naming a feature by its display name */
    public static UsageEventSimulator withDefaults() {
        return new UsageEventSimulator(0.02, 0.01, 17);
    }

    @Override
    public SimulatedRecord next(Random random, long sequence) {
        String eventId = faker.internet().uuid();
        double roll = random.nextDouble();
        if (roll < malformedShare) {
            return new SimulatedRecord(eventId, malformed(random, eventId), Kind.MALFORMED);
        }
        boolean rejected = roll < malformedShare + rejectedShare;
        return new SimulatedRecord(
                eventId, event(random, eventId, rejected).toString(), rejected ? Kind.REJECTED : Kind.VALID);
    }

    private ObjectNode event(Random random, String eventId, boolean displayName) {
        Feature feature = feature(random);
        // durations spread around the feature's median, log-normally, within a day
        long durationMs = Math.min(
                RawUsageEvents.MAX_DURATION_MS, Math.round(feature.medianMs() * Math.exp(random.nextGaussian() * 0.8)));
        ObjectNode e = JSON.createObjectNode();
        e.put("eventId", eventId);
        e.put("userId", String.format(Locale.ROOT, "u-%05d", 1 + random.nextInt(USERS)));
        e.put("feature", displayName ? feature.displayName() : feature.id());
        e.put("action", ACTIONS[random.nextInt(ACTIONS.length)]);
        e.put("durationMs", durationMs);
        e.put("platform", PLATFORMS[random.nextInt(PLATFORMS.length)]);
        e.put("at", Instant.now().toString());
        return e;
    }

    private static Feature feature(Random random) {
        int pick = random.nextInt(TOTAL_WEIGHT);
        for (Feature f : FEATURES) {
            pick -= f.weight();
            if (pick < 0) {
                return f;
            }
        }
        throw new IllegalStateException("the weights add up to " + TOTAL_WEIGHT);
    }

    private String malformed(Random random, String eventId) {
        ObjectNode e = event(random, eventId, false);
        switch (random.nextInt(8)) {
            case 0 -> {
                String valid = e.toString();
                return valid.substring(0, valid.length() / 2);
            }
            case 1 -> e.put("durationMs", (e.get("durationMs").asLong() / 1000.0) + "s");
            case 2 -> e.put("durationMs", -e.get("durationMs").asLong() - 1);
            case 3 -> e.put("platform", "windows-phone");
            case 4 -> e.remove("userId");
            case 5 -> e.put("at", faker.timeAndDate().past(30, TimeUnit.DAYS, "dd/MM/yyyy HH:mm"));
            case 6 -> e.put("at", Instant.now().plus(Duration.ofDays(2)).toString());
            default -> {
                return faker.lorem().sentence();
            }
        }
        return e.toString();
    }

    /**
     * Sends simulated usage events until stopped.
     *
     * @param args {@code [rate per second, default 10] [count, default unlimited] [bootstrap.servers]}
     */
    public static void main(String[] args) {
        SourceSimulator.main(args, UsagePipeline.RAW_USAGE_EVENTS, withDefaults(), 20);
    }
}
