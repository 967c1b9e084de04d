package io.meshwork.cli.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableTest {
    @Test
    void shouldAlignColumnsWithTwoSpacesAndNoTrailingBlanks() {
        String text = Table.of("id", "status", "title")
                .row("sales.orders", "ACTIVE", "Orders")
                .row("hr.people", "DRAFT", null)
                .render();

        assertThat(text)
                .isEqualTo("ID            STATUS  TITLE\n"
                        + "sales.orders  ACTIVE  Orders\n"
                        + "hr.people     DRAFT   -\n");
    }

    @Test
    void shouldCutCellsWiderThanTheColumnsMaximumWithAnEllipsis() {
        String text = Table.of("id", "purpose")
                .maxWidth(1, 10)
                .row("1", "reconcile orders with invoices")
                .render();

        assertThat(text.split("\n")[1]).isEqualTo("1   reconcile…");
    }

    @Test
    void shouldKeepEachRowOnOneLine() {
        String text = Table.of("a", "b").row("two\nlines", "tab\there").render();

        assertThat(text.split("\n")).hasSize(2);
        assertThat(text).contains("two lines  tab here");
    }

    @Test
    void shouldRefuseARowWithTheWrongNumberOfCells() {
        assertThatThrownBy(() -> Table.of("a", "b").row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 2 cells");
    }
}
