package io.meshwork.domains.marketing;

import java.time.Instant;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.sdk.simulation.SourceSimulator;
import io.meshwork.sdk.simulation.SourceSimulator.Kind;
import io.meshwork.sdk.simulation.SourceSimulator.SimulatedRecord;
import net.datafaker.Faker;

/**
 * The web shop's clickstream, simulated on {@code marketing.raw-web-events}: page views, clicks and searches in
 * sessions, by signed-in customers of the shop's pool ({@code c-00001} to {@code c-00500}, the customer ids of the
 * order feed) and by anonymous visitors, with a share of malformed events.
 *
 * <p>Run on its own: {@code java ... io.meshwork.domains.marketing.WebEventSimulator [rate/s] [count] [servers]}.
 */
public final class WebEventSimulator implements SourceSimulator.Generator {
    /** Customers in the shop's pool. */
    public static final int CUSTOMERS = 500;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] KINDS = {"view", "view", "view", "view", "click", "click", "search"};

    private final double malformedShare;
    private final double anonymousShare;
    private final Faker faker;

    /**
     * @param malformedShare share of unreadable events, 0–1
     * @param anonymousShare share of events by visitors who are not signed in, 0–1
     * @param seed seed of the fake data
     */
    public WebEventSimulator(double malformedShare, double anonymousShare, long seed) {
        this.malformedShare = malformedShare;
        this.anonymousShare = anonymousShare;
        this.faker = new Faker(Locale.ENGLISH, new Random(seed));
    }

    /** @return the defaults: 2% malformed, 30% anonymous */
    public static WebEventSimulator withDefaults() {
        return new WebEventSimulator(0.02, 0.3, 13);
    }

    @Override
    public SimulatedRecord next(Random random, long sequence) {
        String eventId = String.format(Locale.ROOT, "e-%09d", sequence);
        String session = String.format(Locale.ROOT, "s-%06d", random.nextInt(20_000));
        ObjectNode e = JSON.createObjectNode();
        e.put("eventId", eventId);
        e.put("sessionId", session);
        if (random.nextDouble() < anonymousShare) {
            e.putNull("customerId");
        } else {
            e.put("customerId", String.format(Locale.ROOT, "c-%05d", 1 + random.nextInt(CUSTOMERS)));
        }
        String kind = KINDS[random.nextInt(KINDS.length)];
        e.put("kind", kind);
        e.put(
                "page",
                kind.equals("search")
                        ? "/search?q="
                                + faker.commerce()
                                        .productName()
                                        .toLowerCase(Locale.ROOT)
                                        .replace(' ', '+')
                        : "/p/" + String.format(Locale.ROOT, "SKU-%05d", 1 + random.nextInt(200)));
        e.put("at", Instant.now().toString());
        String valid = e.toString();
        if (random.nextDouble() < malformedShare) {
            String bad =
                    switch (random.nextInt(4)) {
                        case 0 -> valid.substring(0, valid.length() / 3);
                        case 1 -> valid.replaceFirst("\"kind\":\"[a-z]+\"", "\"kind\":\"teleport\"");
                        case 2 -> valid.replaceFirst("\"at\":\"[^\"]*\"", "\"at\":12");
                        default -> "<html>" + faker.lorem().word() + "</html>";
                    };
            return new SimulatedRecord(session, bad, Kind.MALFORMED);
        }
        return new SimulatedRecord(session, valid, Kind.VALID);
    }

    /**
     * Sends simulated web events until stopped.
     *
     * @param args {@code [rate per second, default 20] [count, default unlimited] [bootstrap.servers]}
     */
    public static void main(String[] args) {
        SourceSimulator.main(args, SegmentationPipeline.WEB_EVENTS, withDefaults(), 20);
    }
}
