package io.meshwork.domains.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * An order as read from the raw feed, before it is written as a product record of either major version.
 *
 * @param orderId the order id
 * @param customerId the customer id
 * @param customerEmail the customer's email address
 * @param currency ISO 4217 code, upper case
 * @param channel web, ios or android (lower case)
 * @param lines the order lines, at least one
 * @param placedAt when it was placed
 */
record ParsedOrder(
        String orderId,
        String customerId,
        String customerEmail,
        String currency,
        String channel,
        List<Line> lines,
        Instant placedAt) {

    /** One order line. */
    record Line(String sku, int quantity, BigDecimal unitPrice) {}

    /** @return the sum of quantity × unit price, with 2 decimals */
    BigDecimal total() {
        BigDecimal total = BigDecimal.ZERO;
        for (Line l : lines) {
            total = total.add(l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())));
        }
        return total.setScale(2, RoundingMode.HALF_UP);
    }

    /** @return the number of units ordered */
    int itemCount() {
        return lines.stream().mapToInt(Line::quantity).sum();
    }
}
