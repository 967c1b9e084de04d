package io.meshwork.domains.marketing;

import java.time.Instant;

import io.meshwork.sdk.source.MalformedRecordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebEventsTest {
    private static final String EVENT = "{\"eventId\": \"e-1\", \"sessionId\": \"s-1\", \"customerId\": \"c-00042\","
            + " \"kind\": \"search\", \"page\": \"/search?q=lamp\", \"at\": \"2026-12-01T10:00:00Z\"}";

    @Test
    void shouldReadASignedInEvent() {
        WebEvent e = WebEvents.parse(EVENT);

        assertThat(e.customerId()).isEqualTo("c-00042");
        assertThat(e.kind()).isEqualTo(WebEvent.Kind.SEARCH);
        assertThat(e.at()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void shouldReadAnAnonymousEvent() {
        assertThat(WebEvents.parse(EVENT.replace("\"c-00042\"", "null")).customerId())
                .isNull();
        assertThat(WebEvents.parse(EVENT.replace("\"customerId\": \"c-00042\",", ""))
                        .customerId())
                .isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown kind | \"search\" | \"teleport\" | kind",
                "kind missing | \"kind\": \"search\", | '' | kind is missing",
                "numeric time | \"2026-12-01T10:00:00Z\" | 12 | at",
                "bad time | 2026-12-01T10:00:00Z | soon | at",
                "bad customer | \"c-00042\" | \"bob\" | customerId",
                "numeric customer | \"c-00042\" | 42 | customerId",
                "empty session | \"s-1\" | \"\" | sessionId",
            })
    void shouldRefuseAnEventWithABadFieldNamingIt(String what, String from, String to, String message) {
        String text = EVENT.replace(from, to);
        assertThat(text).isNotEqualTo(EVENT);

        assertThatThrownBy(() -> WebEvents.parse(text))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"html | <html>x</html> | not JSON", "array | [] | not a JSON object", "blank | ' ' | empty"})
    void shouldRefuseWhatIsNotAnEvent(String what, String text, String message) {
        assertThatThrownBy(() -> WebEvents.parse(text)).hasMessageContaining(message);
    }
}
