package io.meshwork.domains.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.meshwork.sdk.source.MalformedRecordException;
import io.meshwork.sdk.source.RawJson;

/**
 * Reads the shop's raw order events ({@code sales.raw-orders}, JSON):
 *
 * <pre>{@code
 * {"orderId": "o-7f3a2c", "customer": {"id": "c-00042", "email": "ada@example.com"}, "currency": "EUR",
 *  "channel": "web", "items": [{"sku": "SKU-00042", "quantity": 2, "unitPrice": "19.99"}],
 *  "placedAt": "2026-12-01T10:00:00Z"}
 * }</pre>
 *
 * An event that is not such an order is refused with a {@link MalformedRecordException} naming the field and what is
 * wrong; the SDK sends it to the dead-letter topic with that cause.
 */
final class RawOrders {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    private static final Set<String> CHANNELS = Set.of("web", "ios", "android");
    private static final int MAX_LINES = 500;
    private static final BigDecimal MAX_PRICE = new BigDecimal("99999999.99");

    private RawOrders() {}

    /**
     * @param text the event's value
     * @return the order
     * @throws MalformedRecordException naming the field and the problem
     */
    static ParsedOrder parse(String text) {
        RawJson json = RawJson.object(text, "order event");
        String orderId = json.text("orderId");
        RawJson customer = json.object("customer");
        String customerId = customer.text("id");
        String email = customer.text("email");
        if (!EMAIL.matcher(email).matches()) {
            throw new MalformedRecordException(
                    "customer.email '" + RawJson.abbreviate(email) + "' is not an email address");
        }
        String currency = json.text("currency").toUpperCase(Locale.ROOT);
        if (!CURRENCY.matcher(currency).matches()) {
            throw new MalformedRecordException(
                    "currency '" + RawJson.abbreviate(currency) + "' is not an ISO 4217 code");
        }
        String channel = json.text("channel").toLowerCase(Locale.ROOT);
        if (!CHANNELS.contains(channel)) {
            throw new MalformedRecordException(
                    "channel '" + RawJson.abbreviate(channel) + "' is not web, ios or android");
        }
        List<ParsedOrder.Line> lines = new ArrayList<>();
        for (RawJson item : json.array("items", 1, MAX_LINES)) {
            lines.add(new ParsedOrder.Line(
                    item.text("sku"),
                    (int) item.wholeNumber("quantity", 1, 10_000),
                    item.decimalText("unitPrice", 2, BigDecimal.ZERO, MAX_PRICE)));
        }
        Instant placedAt = json.instant("placedAt");
        return new ParsedOrder(orderId, customerId, email, currency, channel, lines, placedAt);
    }
}
