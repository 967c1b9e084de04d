package io.meshwork.domains.finance;

import java.math.BigDecimal;
import java.util.Locale;

import io.meshwork.domains.finance.internal.Payment;
import io.meshwork.domains.finance.internal.PaymentKind;
import io.meshwork.sdk.source.MalformedRecordException;
import io.meshwork.sdk.source.RawJson;

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
 * with a {@link MalformedRecordException} naming the field and what is wrong; the SDK sends it to the dead-letter topic with that cause.
 */
final class RawPayments {
    /** The largest amount one payment may move. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");

    private static final BigDecimal MIN_AMOUNT = new BigDecimal("0.01");

    private RawPayments() {}

    /**
     * @param text the event's value
     * @return the payment
     * @throws MalformedRecordException naming the field and the problem
     */
    static Payment parse(String text) {
        RawJson json = RawJson.object(text, "payment event");
        return Payment.newBuilder()
                .setPaymentId(json.text("paymentId"))
                .setOrderId(json.text("orderId"))
                .setAmount(json.decimalText("amount", 2, MIN_AMOUNT, MAX_AMOUNT))
                .setCurrency(json.text("currency").toUpperCase(Locale.ROOT))
                .setKind(kind(json.text("kind")))
                .setAt(json.instant("at"))
                .build();
    }

    private static PaymentKind kind(String kind) {
        return switch (kind) {
            case "capture" -> PaymentKind.CAPTURE;
            case "refund" -> PaymentKind.REFUND;
            default ->
                throw new MalformedRecordException("kind '" + RawJson.abbreviate(kind) + "' is not capture or refund");
        };
    }
}
