package io.meshwork.domains.sales;

import java.time.Instant;

import io.meshwork.sdk.source.MalformedRecordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawOrdersTest {
    @Test
    void shouldReadAWellFormedOrder() {
        ParsedOrder o = RawOrders.parse(OrderPipelineTest.ORDER);

        assertThat(o.orderId()).isEqualTo("o-1");
        assertThat(o.customerId()).isEqualTo("c-00042");
        assertThat(o.total()).hasToString("44.98");
        assertThat(o.itemCount()).isEqualTo(3);
        assertThat(o.placedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "truncated JSON | {\"orderId\": \"o-1\", \"cust | not JSON",
                "a JSON array | [1, 2] | not a JSON object",
                "empty | ' ' | empty",
                "no customer | {\"orderId\": \"o-1\"} | customer is missing",
                "no order id | {\"customer\": {\"id\": \"c\", \"email\": \"a@b\"}} | orderId is missing",
            })
    void shouldRefuseAnEventThatIsNotAnOrderNamingTheProblem(String what, String text, String message) {
        assertThatThrownBy(() -> RawOrders.parse(text))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "quantity as text | \"quantity\": 2 | \"quantity\": \"two\" | items[0].quantity",
                "zero quantity | \"quantity\": 2 | \"quantity\": 0 | items[0].quantity",
                "negative price | \"19.99\" | \"-1\" | items[0].unitPrice",
                "three decimals | \"19.99\" | \"19.999\" | items[0].unitPrice",
                "astronomic exponent | \"19.99\" | \"1e999999999\" | items[0].unitPrice 1e999999999",
                "price as words | \"19.99\" | \"cheap\" | items[0].unitPrice",
                "bad currency | \"EUR\" | \"EURO\" | currency",
                "bad channel | \"ios\" | \"fax\" | channel",
                "bad time | 2026-12-01T10:00:00Z | yesterday | placedAt",
                "bad email | ada.lovelace42@example.com | ada | customer.email",
            })
    void shouldRefuseAnOrderWithABadFieldNamingIt(String what, String from, String to, String field) {
        String text = OrderPipelineTest.ORDER.replaceFirst(java.util.regex.Pattern.quote(from), to);
        assertThat(text).isNotEqualTo(OrderPipelineTest.ORDER);

        assertThatThrownBy(() -> RawOrders.parse(text))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(field);
    }

    @Test
    void shouldRefuseAHugeOrderInsteadOfReadingIt() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            items.append(i == 0 ? "" : ",").append("{\"sku\": \"S\", \"quantity\": 1, \"unitPrice\": \"1.00\"}");
        }
        String text = OrderPipelineTest.ORDER.replaceFirst("(?s)\\[\\{.*}]", "[" + items + "]");

        assertThatThrownBy(() -> RawOrders.parse(text))
                .hasMessageContaining("items must be a list of 1 to 500 entries");
    }
}
