package io.meshwork.domains.finance;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.meshwork.domains.finance.internal.Payment;
import io.meshwork.domains.finance.internal.PaymentKind;
import io.meshwork.domains.finance.internal.RevenueTotals;
import io.meshwork.domains.finance.v1.DailyRevenue;
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
import org.apache.kafka.streams.state.WindowStore;

/**
 * The finance domain's topology: the payment provider's events ({@code finance.raw-payments}) are read, placed at the
 * time each payment was made, re-keyed by currency and summed in tumbling UTC days (one hour of grace for payments
 * that arrive late) into {@code finance.daily-revenue.v1}, keyed {@code <currency>|<day>}. Every payment updates its
 * day at once (no suppression), so the product's newest record per key is the running total.
 *
 * <p>An event that cannot be read, a payment dated in the future and a payment for a closed day go to
 * {@code finance.daily-revenue.v1.dlq}, as does every update of a day that fails a quality rule (a currency that is
 * not an ISO 4217 code).
 */
public final class RevenuePipeline {
    /** The raw source topic. */
    public static final String RAW_PAYMENTS = "finance.raw-payments";
    /** The product topic. */
    public static final String DAILY_REVENUE_V1 = "finance.daily-revenue.v1";
    /** The days: tumbling, aligned on midnight UTC, taking late payments for one more hour. */
    public static final TimeWindows DAYS = TimeWindows.ofSizeAndGrace(Duration.ofDays(1), Duration.ofHours(1));
    /** The repartition topic's name, after the application id: payments keyed by currency. */
    static final String BY_CURRENCY = "payments-by-currency";
    /** The window store of the running totals. */
    static final String TOTALS_STORE = "daily-revenue-totals";

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private RevenuePipeline() {}

    /**
     * Builds the topology.
     *
     * @param mesh the service's topology builder
     */
    public static void build(MeshTopology mesh) {
        ProductPort<String, DailyRevenue> port = mesh.port(DAILY_REVENUE_V1, DailyRevenue.class);
        KStream<String, DailyRevenue> revenue = mesh.source(RAW_PAYMENTS)
                .mapValues(RawPayments::parse, Named.as("parse-payment"))
                .processValues(PaymentTime::new, Named.as("at-payment-time"))
                .selectKey((key, payment) -> payment.getCurrency(), Named.as("by-currency"))
                .repartition(Repartitioned.with(Serdes.String(), mesh.serde(Payment.class))
                        .withName(BY_CURRENCY))
                .processValues(() -> new ClosedDayGuard(DAYS), Named.as("refuse-closed-days"))
                .groupByKey()
                .windowedBy(DAYS)
                .aggregate(
                        RevenuePipeline::noRevenue,
                        (currency, payment, totals) -> add(totals, payment),
                        Named.as("sum-per-day"),
                        Materialized.<String, RevenueTotals, WindowStore<Bytes, byte[]>>as(TOTALS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(mesh.serde(RevenueTotals.class))
                                // every payment is an update of its day: no cache folding updates together
                                .withCachingDisabled())
                .toStream(Named.as("day-updates"))
                .map((day, totals) -> KeyValue.pair(key(day), dailyRevenue(day, totals)), Named.as("daily-revenue"));
        mesh.to(revenue, port);
    }

    /**
     * @param currency the currency code
     * @param day the UTC day
     * @return the product key, e.g. {@code EUR|2026-12-01}
     */
    public static String key(String currency, LocalDate day) {
        return currency + "|" + day;
    }

    static RevenueTotals noRevenue() {
        return RevenueTotals.newBuilder()
                .setCaptured(ZERO)
                .setRefunded(ZERO)
                .setPayments(0)
                .build();
    }

    static RevenueTotals add(RevenueTotals totals, Payment payment) {
        boolean refund = payment.getKind() == PaymentKind.REFUND;
        return RevenueTotals.newBuilder()
                .setCaptured(
                        refund ? totals.getCaptured() : totals.getCaptured().add(payment.getAmount()))
                .setRefunded(refund ? totals.getRefunded().add(payment.getAmount()) : totals.getRefunded())
                .setPayments(totals.getPayments() + 1)
                .build();
    }

    private static String key(Windowed<String> day) {
        return key(day.key(), LocalDate.ofInstant(day.window().startTime(), ZoneOffset.UTC));
    }

    static DailyRevenue dailyRevenue(Windowed<String> day, RevenueTotals totals) {
        return DailyRevenue.newBuilder()
                .setDay(LocalDate.ofInstant(day.window().startTime(), ZoneOffset.UTC))
                .setCurrency(day.key())
                .setCaptured(totals.getCaptured())
                .setRefunded(totals.getRefunded())
                .setNet(totals.getCaptured().subtract(totals.getRefunded()))
                .setPayments(totals.getPayments())
                .setWindowStart(day.window().startTime())
                .build();
    }
}
