package io.meshwork.domains.finance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Pattern;

import io.meshwork.domains.finance.internal.Payment;
import io.meshwork.domains.finance.internal.PaymentKind;
import io.meshwork.sdk.source.MalformedRecordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawPaymentsTest {
    @Test
    void shouldReadAWellFormedPayment() {
        Payment p = RawPayments.parse(RevenuePipelineTest.PAYMENT);

        assertThat(p.getPaymentId()).isEqualTo("pay_1");
        assertThat(p.getOrderId()).isEqualTo("o-00000001-0a0b");
        assertThat(p.getAmount()).isEqualTo(new BigDecimal("49.90"));
        assertThat(p.getCurrency()).isEqualTo("EUR");
        assertThat(p.getKind()).isEqualTo(PaymentKind.CAPTURE);
        assertThat(p.getAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void shouldGiveEveryAmountTwoDecimalsAndUpperCaseTheCurrency() {
        Payment p = RawPayments.parse(RevenuePipelineTest.PAYMENT
                .replace("\"49.90\"", "\"7\"")
                .replace("EUR", "gbp")
                .replace("capture", "refund"));

        assertThat(p.getAmount()).hasToString("7.00");
        assertThat(p.getCurrency()).isEqualTo("GBP");
        assertThat(p.getKind()).isEqualTo(PaymentKind.REFUND);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "truncated JSON | {\"paymentId\": \"pay_1\", \"am | not JSON",
                "a JSON array | [1, 2] | not a JSON object",
                "a JSON string | '\"pay_1\"' | not a JSON object",
                "empty | ' ' | empty",
                "no payment id | {\"orderId\": \"o-1\"} | paymentId is missing",
            })
    void shouldRefuseAnEventThatIsNotAPaymentNamingTheProblem(String what, String text, String message) {
        assertThatThrownBy(() -> RawPayments.parse(text))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "amount as a JSON number | \"49.90\" | 49.90 | amount must be decimal text",
                "amount with a comma | \"49.90\" | \"49,90\" | amount '49,90' is not a decimal number",
                "zero amount | \"49.90\" | \"0.00\" | amount 0.00 is not an amount from 0.01",
                "negative amount | \"49.90\" | \"-5.00\" | amount -5.00 is not an amount",
                "three decimals | \"49.90\" | \"49.901\" | amount 49.901 is not an amount",
                "huge amount | \"49.90\" | \"1e999999999\" | amount 1e999999999 is not an amount",
                "no amount | \"amount\": \"49.90\", | '' | amount is missing",
                "unknown kind | \"capture\" | \"chargeback\" | kind 'chargeback' is not capture or refund",
                "order id as a number | \"o-00000001-0a0b\" | 42 | orderId must be non-empty text",
                "blank currency | \"EUR\" | \"  \" | currency must be non-empty text",
                "time not an instant | 2026-12-01T10:00:00Z | 2026-12-01 10:00 | at '2026-12-01 10:00' is not an ISO-8601",
                "time before 1970 | 2026-12-01T10:00:00Z | 1969-12-31T23:59:59Z | at 1969-12-31T23:59:59Z is not between",
            })
    void shouldRefuseAPaymentWithABadFieldNamingIt(String what, String from, String to, String message) {
        String text = RevenuePipelineTest.PAYMENT.replaceFirst(Pattern.quote(from), to);
        assertThat(text).isNotEqualTo(RevenuePipelineTest.PAYMENT);

        assertThatThrownBy(() -> RawPayments.parse(text))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldRefuseAnOverlongFieldInsteadOfCopyingIt() {
        String text = RevenuePipelineTest.PAYMENT.replace("pay_1", "p".repeat(10_000));

        assertThatThrownBy(() -> RawPayments.parse(text)).hasMessage("paymentId is longer than 200 characters");
    }
}
