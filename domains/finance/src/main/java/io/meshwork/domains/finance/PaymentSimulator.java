package io.meshwork.domains.finance;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
 * The payment provider's feed, simulated: captures of realistic order amounts (mostly in EUR, some in USD and GBP)
 * and about one refund in ten, partial or full, on {@code finance.raw-payments}, made now. A share of the events is
 * malformed (not JSON, an amount as a JSON number or with a decimal comma, an unknown kind, no order id, a time that is
 * not an instant or in the future) and a share names its currency by its ISO 4217 number ({@code 978}) instead of its
 * code, which the product's quality rule {@code currency-code} sets aside.
 *
 * <p>Run on its own: {@code java ... io.meshwork.domains.finance.PaymentSimulator [rate/s] [count]
 * [bootstrap.servers]}.
 */
public final class PaymentSimulator implements SourceSimulator.Generator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "USD", "GBP"};
    private static final String[] NUMERIC_CODES = {"978", "840", "826"};
    private static final double REFUND_SHARE = 0.1;

    private final double malformedShare;
    private final double rejectedShare;
    private final Faker faker;

    /**
     * @param malformedShare share of unreadable events, 0–1
     * @param rejectedShare share of payments with a numeric currency code, 0–1
     * @param seed seed of the fake data
     */
    public PaymentSimulator(double malformedShare, double rejectedShare, long seed) {
        this.malformedShare = malformedShare;
        this.rejectedShare = rejectedShare;
        this.faker = new Faker(Locale.ENGLISH, new Random(seed));
    }

    /** @return the simulator's defaults: 2% malformed events, 1% payments with a numeric currency code */
    public static PaymentSimulator withDefaults() {
        return new PaymentSimulator(0.02, 0.01, 13);
    }

    @Override
    public SimulatedRecord next(Random random, long sequence) {
        String paymentId = "pay_" + faker.regexify("[a-z0-9]{16}");
        double roll = random.nextDouble();
        if (roll < malformedShare) {
            return new SimulatedRecord(paymentId, malformed(random, paymentId, sequence), Kind.MALFORMED);
        }
        boolean rejected = roll < malformedShare + rejectedShare;
        String currency = rejected
                ? NUMERIC_CODES[random.nextInt(NUMERIC_CODES.length)]
                : CURRENCIES[random.nextInt(CURRENCIES.length)];
        return new SimulatedRecord(
                paymentId,
                payment(random, paymentId, sequence, currency).toString(),
                rejected ? Kind.REJECTED : Kind.VALID);
    }

    private ObjectNode payment(Random random, String paymentId, long sequence, String currency) {
        // order amounts from 1.99 to 499.99; a refund pays back all of an order or a part of it
        BigDecimal amount = BigDecimal.valueOf(199 + random.nextInt(49_801), 2);
        boolean refund = random.nextDouble() < REFUND_SHARE;
        if (refund && random.nextBoolean()) {
            amount = BigDecimal.valueOf(
                    1 + random.nextInt((int) amount.unscaledValue().longValue()), 2);
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("paymentId", paymentId);
        p.put("orderId", String.format(Locale.ROOT, "o-%08d-%04x", sequence, random.nextInt(0x10000)));
        p.put("amount", amount.toPlainString());
        p.put("currency", currency);
        p.put("kind", refund ? "refund" : "capture");
        p.put("at", Instant.now().toString());
        return p;
    }

    private String malformed(Random random, String paymentId, long sequence) {
        ObjectNode p = payment(random, paymentId, sequence, CURRENCIES[random.nextInt(CURRENCIES.length)]);
        String amount = p.get("amount").asText();
        switch (random.nextInt(8)) {
            case 0 -> {
                String valid = p.toString();
                return valid.substring(0, valid.length() / 2);
            }
            case 1 -> p.put("amount", new BigDecimal(amount).doubleValue());
            case 2 -> p.put("amount", amount.replace('.', ','));
            case 3 -> p.put("kind", "chargeback");
            case 4 -> p.remove("orderId");
            case 5 -> p.put("at", faker.timeAndDate().past(30, TimeUnit.DAYS, "dd/MM/yyyy HH:mm"));
            case 6 -> p.put("at", Instant.now().plus(Duration.ofDays(2)).toString());
            default -> {
                return faker.lorem().sentence();
            }
        }
        return p.toString();
    }

    /**
     * Sends simulated payments until stopped.
     *
     * @param args {@code [rate per second, default 5] [count, default unlimited] [bootstrap.servers]}
     */
    public static void main(String[] args) {
        SourceSimulator.main(args, RevenuePipeline.RAW_PAYMENTS, withDefaults(), 5);
    }
}
