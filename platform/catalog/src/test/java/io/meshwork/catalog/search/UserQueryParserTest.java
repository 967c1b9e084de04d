package io.meshwork.catalog.search;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UserQueryParserTest {

    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '\'',
            value = {
                "ord => (ord|ord*)",
                "big ord => big (ord|ord*)",
                "-ord => -(ord|ord*)",
                "+ord => +(ord|ord*)",
                "(ord => ((ord|ord*)",
                "customer.em => (customer.em|customer.em*)",
                "'ord ' => 'ord '",
                "o => o",
                "ord* => ord*",
                "\"net rev => \"net rev",
                "\"net revenue\" ord => \"net revenue\" (ord|ord*)",
                "sales-ord => sales-ord",
                "a\\ ord => a\\ ord",
                "ord) => ord)",
            })
    void shouldTreatOnlyATrailingPlainWordAsPrefix(String typed, String expected) {
        assertThat(UserQueryParser.withLastWordAsPrefix(typed)).isEqualTo(expected);
    }
}
