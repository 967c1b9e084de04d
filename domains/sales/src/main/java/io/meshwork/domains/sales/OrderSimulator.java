package io.meshwork.domains.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.sdk.simulation.SourceSimulator;
import io.meshwork.sdk.simulation.SourceSimulator.Kind;
import io.meshwork.sdk.simulation.SourceSimulator.SimulatedRecord;
import net.datafaker.Faker;

/**
 * The shop's order feed, simulated: realistic orders (customers from a fixed pool of 500 with stable e-mail
 * addresses, 1–4 lines of catalogue products, three channels and currencies) on {@code sales.raw-orders}, with a share
 * of malformed events (not JSON, a field missing or mistyped) and of orders with a zero total, which the product's
 * quality rules set aside.
 *
 * <p>Run on its own: {@code java ... io.meshwork.domains.sales.OrderSimulator [rate/s] [count] [bootstrap.servers]}.
 */
public final class OrderSimulator implements SourceSimulator.Generator {
    /** Customers of the shop: {@code c-00001} to {@code c-00500}, shared with the web-events feed of marketing. */
    public static final int CUSTOMERS = 500;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "USD", "GBP"};
    private static final String[] CHANNELS = {"web", "web", "ios", "android"};

    private final double malformedShare;
    private final double rejectedShare;
    private final Faker faker;
    private final List<String> emails = new ArrayList<>();
    private final List<BigDecimal> prices = new ArrayList<>();

    /**
     * @param malformedShare share of unreadable events, 0–1
     * @param rejectedShare share of orders with a zero total, 0–1
     * @param seed seed of the fake data
     */
    public OrderSimulator(double malformedShare, double rejectedShare, long seed) {
        this.malformedShare = malformedShare;
        this.rejectedShare = rejectedShare;
        this.faker = new Faker(Locale.ENGLISH, new Random(seed));
        for (int i = 1; i <= CUSTOMERS; i++) {
            String first = faker.name().firstName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            String last = faker.name().lastName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            emails.add(first + "." + last + i + "@" + faker.internet().domainName());
        }
        for (int i = 0; i < 200; i++) {
            prices.add(BigDecimal.valueOf(199 + faker.number().numberBetween(0, 19_800), 2));
        }
    }

    /** @return the simulator's defaults: 2% malformed, 1% zero-total orders */
    public static OrderSimulator withDefaults() {
        return new OrderSimulator(0.02, 0.01, 7);
    }

    @Override
    public SimulatedRecord next(Random random, long sequence) {
        String orderId = String.format(Locale.ROOT, "o-%08d-%04x", sequence, random.nextInt(0x10000));
        double roll = random.nextDouble();
        if (roll < malformedShare) {
            return new SimulatedRecord(orderId, malformed(random, orderId), Kind.MALFORMED);
        }
        boolean rejected = roll < malformedShare + rejectedShare;
        return new SimulatedRecord(orderId, order(random, orderId, rejected), rejected ? Kind.REJECTED : Kind.VALID);
    }

    private String order(Random random, String orderId, boolean zeroTotal) {
        int customer = 1 + random.nextInt(CUSTOMERS);
        ObjectNode o = JSON.createObjectNode();
        o.put("orderId", orderId);
        o.putObject("customer")
                .put("id", String.format(Locale.ROOT, "c-%05d", customer))
                .put("email", emails.get(customer - 1));
        o.put("currency", CURRENCIES[random.nextInt(CURRENCIES.length)]);
        o.put("channel", CHANNELS[random.nextInt(CHANNELS.length)]);
        ArrayNode items = o.putArray("items");
        int lines = 1 + random.nextInt(4);
        for (int i = 0; i < lines; i++) {
            int product = random.nextInt(prices.size());
            BigDecimal price = zeroTotal ? BigDecimal.ZERO.setScale(2, RoundingMode.UNNECESSARY) : prices.get(product);
            items.addObject()
                    .put("sku", String.format(Locale.ROOT, "SKU-%05d", product + 1))
                    .put("quantity", 1 + random.nextInt(3))
                    .put("unitPrice", price.toPlainString());
        }
        o.put("placedAt", Instant.now().toString());
        return o.toString();
    }

    private String malformed(Random random, String orderId) {
        String valid = order(random, orderId, false);
        return switch (random.nextInt(5)) {
            case 0 -> valid.substring(0, valid.length() / 2);
            case 1 -> valid.replace("\"quantity\":", "\"quantity\":\"several\",\"was\":");
            case 2 -> valid.replaceFirst("\"customer\":\\{[^}]*},", "");
            case 3 -> valid.replaceFirst("\"placedAt\":\"[^\"]*\"", "\"placedAt\":\"yesterday\"");
            default -> faker.lorem().sentence();
        };
    }

    /**
     * Sends simulated orders until stopped.
     *
     * @param args {@code [rate per second, default 5] [count, default unlimited] [bootstrap.servers]}
     */
    public static void main(String[] args) {
        SourceSimulator.main(args, OrderPipeline.RAW_ORDERS, withDefaults(), 5);
    }
}
