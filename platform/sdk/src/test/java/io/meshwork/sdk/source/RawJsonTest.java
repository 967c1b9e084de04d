package io.meshwork.sdk.source;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawJsonTest {
    private static final String ORDER =
            "{\"id\": \"o-1\", \"at\": \"2026-12-01T10:00:00Z\", \"customer\": {\"email\": \"a@b\"},"
                    + " \"items\": [{\"quantity\": 2, \"price\": \"19.99\"}, {\"quantity\": 1, \"price\": \"0.50\"}]}";

    @Test
    void shouldReadFieldsNestedObjectsAndLists() {
        RawJson order = RawJson.object(ORDER, "order event");
        List<RawJson> items = order.array("items", 1, 10);

        assertThat(order.text("id")).isEqualTo("o-1");
        assertThat(order.instant("at")).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(order.object("customer").text("email")).isEqualTo("a@b");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).wholeNumber("quantity", 1, 100)).isEqualTo(2);
        assertThat(items.get(1).decimalText("price", 2, BigDecimal.ZERO, new BigDecimal("100")))
                .isEqualTo(new BigDecimal("0.50"));
        assertThat(items.get(1).path("price")).isEqualTo("items[1].price");
        assertThat(order.get("missing")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty | ' ' | the order event is empty",
                "not JSON | {\"id\": | the order event is not JSON",
                "a list | [1] | the order event is not a JSON object",
                "a string | \"text\" | the order event is not a JSON object",
            })
    void shouldRefuseWhatIsNotAJsonObject(String what, String text, String message) {
        assertThatThrownBy(() -> RawJson.object(text, "order event"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldNameTheFieldsPathInEveryRefusal() {
        RawJson order = RawJson.object(ORDER.replace("\"quantity\": 1", "\"quantity\": \"one\""), "order event");
        RawJson second = order.array("items", 1, 10).get(1);

        assertThatThrownBy(() -> second.wholeNumber("quantity", 1, 100))
                .hasMessage("items[1].quantity \"one\" is not a whole number from 1 to 100");
        assertThatThrownBy(() -> order.object("customer").text("name")).hasMessage("customer.name is missing");
        assertThatThrownBy(() -> order.object("nobody")).hasMessage("nobody is missing or not an object");
        assertThatThrownBy(() -> order.array("items", 3, 10))
                .hasMessage("items must be a list of 3 to 10 entries, it has 2");
        assertThatThrownBy(() -> order.text("items")).hasMessageStartingWith("items must be non-empty text, got [");
    }

    @Test
    void shouldRefuseDecimalsThatAreNumbersOutOfRangeOrTooPrecise() {
        BigDecimal max = new BigDecimal("1000.00");
        assertThatThrownBy(() -> RawJson.object("{\"p\": 19.99}", "x").decimalText("p", 2, BigDecimal.ZERO, max))
                .hasMessageContaining("p must be decimal text such as \"49.90\"");
        assertThatThrownBy(() -> RawJson.object("{\"p\": \"19.999\"}", "x").decimalText("p", 2, BigDecimal.ZERO, max))
                .hasMessageContaining("with at most 2 decimals");
        assertThatThrownBy(() -> RawJson.object("{\"p\": \"-1\"}", "x").decimalText("p", 2, BigDecimal.ZERO, max))
                .hasMessageContaining("is not an amount from 0 to 1000.00");
        assertThatThrownBy(() -> RawJson.object("{\"p\": \"cheap\"}", "x").decimalText("p", 2, BigDecimal.ZERO, max))
                .hasMessageContaining("'cheap' is not a decimal number");
    }

    @Test
    void shouldRefuseAnAstronomicExponentWithoutExpandingIt() {
        RawJson json = RawJson.object("{\"p\": \"1e999999999\"}", "x");

        assertThatThrownBy(() -> json.decimalText("p", 2, BigDecimal.ZERO, new BigDecimal("1000")))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("p 1e999999999 is not an amount");
    }

    @Test
    void shouldRefuseOverlongTextAndAbbreviateValuesInMessages() {
        String longText = "x".repeat(500);
        RawJson json = RawJson.object("{\"name\": \"" + longText + "\", \"n\": \"" + longText + "\"}", "x");

        assertThatThrownBy(() -> json.text("name")).hasMessage("name is longer than 200 characters");
        assertThat(json.text("name", 1000)).hasSize(500);
        assertThatThrownBy(() -> json.wholeNumber("n", 0, 1))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(140).contains("…"));
    }

    @Test
    void shouldRefuseInstantsThatAreNotIsoOrOutOfRange() {
        assertThatThrownBy(() -> RawJson.object("{\"at\": \"yesterday\"}", "x").instant("at"))
                .hasMessageContaining("at 'yesterday' is not an ISO-8601 instant");
        assertThatThrownBy(() -> RawJson.object("{\"at\": \"1960-01-01T00:00:00Z\"}", "x")
                        .instant("at"))
                .hasMessageContaining("is not between 1970 and 9999");
    }
}
