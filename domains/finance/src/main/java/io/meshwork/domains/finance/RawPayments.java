package io.meshwork.domains.finance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.domains.finance.internal.Payment;
import io.meshwork.domains.finance.internal.PaymentKind;

/**
 * Reads the payment provider's raw events ({@code finance.raw-payments}, JSON):
 *
 * <pre>{@code
 * {"paymentId": "pay_3f9a1c", "orderId": "o-00000042-1a2b", "amount": "49.90", "currency": "EUR",
 *  "kind": "capture", "at": "2026-12-01T10:00:00Z"}
 * }</pre>
 *
 * The amount is decimal text (never a JSON number, which would lose cents), positive, with at most 2 decimals;
 * {@code kind} is {@code capture} or {@code refund}. The currency is only required to be text here: whether it is an
 * ISO 4217 code is the product's quality rule {@code currency-code}. An event that is not such a payment is refused
 * with an exception naming the field and what is wrong; the SDK sends it to the dead-letter topic with that cause.
 */
final class RawPayments {
    /** The largest amount one payment may move. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");
    /** The latest instant {@code at} may name. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 200;

    private RawPayments() {}

    /** A raw payment event that cannot be read. */
    static final class MalformedPaymentException extends IllegalArgumentException {
        MalformedPaymentException(String message) {
            super(message);
        }
    }

    /**
     * @param text the event's value
     * @return the payment
     * @throws MalformedPaymentException naming the field and the problem
     */
    static Payment parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedPaymentException("the payment event is empty");
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedPaymentException("the payment event is not JSON: " + e.getOriginalMessage());
        }
        if (!json.isObject()) {
            throw new MalformedPaymentException("the payment event is not a JSON object");
        }
        String paymentId = text(json, "paymentId");
        String orderId = text(json, "orderId");
        BigDecimal amount = amount(json);
        String currency = text(json, "currency").toUpperCase(Locale.ROOT);
        PaymentKind kind = kind(text(json, "kind"));
        Instant at = instant(json, "at");
        return Payment.newBuilder()
                .setPaymentId(paymentId)
                .setOrderId(orderId)
                .setAmount(amount)
                .setCurrency(currency)
                .setKind(kind)
                .setAt(at)
                .build();
    }

    private static BigDecimal amount(JsonNode json) {
        JsonNode value = json.get("amount");
        if (value == null || value.isNull()) {
            throw new MalformedPaymentException("amount is missing");
        }
        if (!value.isTextual()) {
            throw new MalformedPaymentException("amount must be decimal text such as \"49.90\", got "
                    + abbreviate(value.toString()) + " (a JSON number may lose cents)");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
            throw new MalformedPaymentException(
                    "amount '" + abbreviate(value.asText()) + "' is not a decimal number such as 49.90");
        }
        if (amount.signum() <= 0 || amount.scale() > 2 || amount.compareTo(MAX_AMOUNT) > 0) {
            // the text as sent, not toPlainString(): "1e999999999" would expand to a billion digits
            throw new MalformedPaymentException("amount " + abbreviate(value.asText())
                    + " is not an amount from 0.01 to " + MAX_AMOUNT.toPlainString() + " with at most 2 decimals");
        }
        return amount.setScale(2);
    }

    private static PaymentKind kind(String kind) {
        return switch (kind) {
            case "capture" -> PaymentKind.CAPTURE;
            case "refund" -> PaymentKind.REFUND;
            default -> throw new MalformedPaymentException("kind '" + abbreviate(kind) + "' is not capture or refund");
        };
    }

    private static Instant instant(JsonNode json, String field) {
        String text = text(json, field);
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedPaymentException(
                    field + " '" + abbreviate(text) + "' is not an ISO-8601 instant such as 2026-12-01T10:00:00Z");
        }
        if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST)) {
            throw new MalformedPaymentException(field + " " + at + " is not between 1970 and 9999");
        }
        return at;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedPaymentException(field + " is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedPaymentException(field + " must be non-empty text, got " + abbreviate(value.toString()));
        }
        if (value.asText().length() > MAX_TEXT) {
            throw new MalformedPaymentException(field + " is longer than " + MAX_TEXT + " characters");
        }
        return value.asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
