package io.meshwork.domains.marketing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;

import io.meshwork.domains.marketing.internal.OrderStats;
import io.meshwork.domains.marketing.internal.WebStats;
import io.meshwork.domains.marketing.v1.CustomerSegment;
import io.meshwork.domains.marketing.v1.Segment;
import io.meshwork.domains.sales.v2.Currency;
import io.meshwork.domains.sales.v2.Order;

/** The segmentation rules, and the running totals they are computed from. */
final class Segments {
    /** Spend from which a customer is a VIP, in EUR. */
    static final BigDecimal VIP_SPEND = new BigDecimal("1000.00");

    /** The shop's fixed reference rates to EUR. */
    private static final Map<Currency, BigDecimal> TO_EUR = Map.of(
            Currency.EUR,
            BigDecimal.ONE,
            Currency.USD,
            new BigDecimal("0.92"),
            Currency.GBP,
            new BigDecimal("1.17"),
            Currency.OTHER,
            BigDecimal.ONE);

    private Segments() {}

    /** @return the totals of one order */
    static OrderStats of(Order order) {
        return OrderStats.newBuilder()
                .setOrders(1)
                .setSpendEur(order.getTotal()
                        .multiply(TO_EUR.get(order.getCurrency()))
                        .setScale(2, RoundingMode.HALF_UP))
                .setLastOrderAt(order.getPlacedAt())
                .build();
    }

    /** @return the totals of one web event */
    static WebStats of(WebEvent event) {
        return WebStats.newBuilder()
                .setPageViews(event.kind() == WebEvent.Kind.VIEW ? 1 : 0)
                .setSearches(event.kind() == WebEvent.Kind.SEARCH ? 1 : 0)
                .setLastSeenAt(event.at())
                .build();
    }

    static OrderStats plus(OrderStats a, OrderStats b) {
        return OrderStats.newBuilder()
                .setOrders(a.getOrders() + b.getOrders())
                .setSpendEur(a.getSpendEur().add(b.getSpendEur()))
                .setLastOrderAt(later(a.getLastOrderAt(), b.getLastOrderAt()))
                .build();
    }

    static WebStats plus(WebStats a, WebStats b) {
        return WebStats.newBuilder()
                .setPageViews(a.getPageViews() + b.getPageViews())
                .setSearches(a.getSearches() + b.getSearches())
                .setLastSeenAt(later(a.getLastSeenAt(), b.getLastSeenAt()))
                .build();
    }

    /**
     * @param customerId the customer
     * @param orders their order totals, or null when they never ordered
     * @param web their web activity, or null when never seen signed in
     * @return the customer's segment record
     */
    static CustomerSegment segment(String customerId, OrderStats orders, WebStats web) {
        int count = orders == null ? 0 : orders.getOrders();
        BigDecimal spend = orders == null ? BigDecimal.ZERO.setScale(2) : orders.getSpendEur();
        return CustomerSegment.newBuilder()
                .setCustomerId(customerId)
                .setSegment(segment(count, spend))
                .setOrders(count)
                .setSpendEur(spend)
                .setPageViews(web == null ? 0 : web.getPageViews())
                .setSearches(web == null ? 0 : web.getSearches())
                .setLastOrderAt(orders == null ? null : orders.getLastOrderAt())
                .setLastSeenAt(web == null ? null : web.getLastSeenAt())
                .build();
    }

    static Segment segment(int orders, BigDecimal spendEur) {
        if (spendEur.compareTo(VIP_SPEND) >= 0) {
            return Segment.VIP;
        }
        if (orders >= 5) {
            return Segment.LOYAL;
        }
        if (orders >= 2) {
            return Segment.OCCASIONAL;
        }
        return orders == 1 ? Segment.NEW : Segment.BROWSER;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
