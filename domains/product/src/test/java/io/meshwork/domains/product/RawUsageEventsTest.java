package io.meshwork.domains.product;

import java.time.Instant;
import java.util.regex.Pattern;

import io.meshwork.domains.product.internal.Platform;
import io.meshwork.domains.product.internal.UsageEvent;
import io.meshwork.sdk.source.MalformedRecordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawUsageEventsTest {
    @Test
    void shouldReadAWellFormedEvent() {
        UsageEvent e = RawUsageEvents.parse(UsagePipelineTest.EVENT);

        assertThat(e.getEventId()).isEqualTo("e-1");
        assertThat(e.getUserId()).isEqualTo("u-00042");
        assertThat(e.getFeature()).isEqualTo("export-pdf");
        assertThat(e.getDurationMs()).isEqualTo(1_250);
        assertThat(e.getPlatform()).isEqualTo(Platform.IOS);
        assertThat(e.getAt()).isEqualTo(Instant.parse("2026-12-01T10:15:00Z"));
    }

    @Test
    void shouldKeepAFeatureNamedByItsDisplayNameForTheQualityRuleToJudge() {
        UsageEvent e = RawUsageEvents.parse(UsagePipelineTest.EVENT.replace("export-pdf", "Export PDF"));

        assertThat(e.getFeature()).isEqualTo("Export PDF");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "truncated JSON | {\"eventId\": \"e-1\", \"us | not JSON",
                "a JSON array | [1, 2] | not a JSON object",
                "a JSON number | 42 | not a JSON object",
                "empty | ' ' | empty",
                "no event id | {\"userId\": \"u-1\"} | eventId is missing",
            })
    void shouldRefuseTextThatIsNotAUsageEventNamingTheProblem(String what, String text, String message) {
        assertThatThrownBy(() -> RawUsageEvents.parse(text))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no user | \"userId\": \"u-00042\", | '' | userId is missing",
                "user as a number | \"u-00042\" | 42 | userId must be non-empty text, got 42",
                "blank feature | \"export-pdf\" | \"\" | feature must be non-empty text",
                "action as a list | \"completed\" | [\"a\"] | action must be non-empty text",
                "duration as text | 1250 | \"1.25s\" | durationMs \"1.25s\" is not a whole number from 0 to 86400000",
                "fractional duration | 1250 | 12.5 | durationMs 12.5 is not a whole number",
                "negative duration | 1250 | -1 | durationMs -1 is not a whole number",
                "duration over a day | 1250 | 86400001 | durationMs 86400001 is not a whole number",
                "no duration | \"durationMs\": 1250, | '' | durationMs is missing",
                "unknown platform | \"ios\" | \"windows-phone\" | platform 'windows-phone' is not web, ios or android",
                "platform in capitals | \"ios\" | \"IOS\" | platform 'IOS' is not web, ios or android",
                "time not an instant | 2026-12-01T10:15:00Z | yesterday | at 'yesterday' is not an ISO-8601 instant",
                "time before 1970 | 2026-12-01T10:15:00Z | 1960-01-01T00:00:00Z | at 1960-01-01T00:00:00Z is not between",
            })
    void shouldRefuseAnEventWithABadFieldNamingIt(String what, String from, String to, String message) {
        String text = UsagePipelineTest.EVENT.replaceFirst(Pattern.quote(from), to);
        assertThat(text).isNotEqualTo(UsagePipelineTest.EVENT);

        assertThatThrownBy(() -> RawUsageEvents.parse(text))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldRefuseAnOverlongFieldInsteadOfCopyingIt() {
        String text = UsagePipelineTest.EVENT.replace("export-pdf", "x".repeat(10_000));

        assertThatThrownBy(() -> RawUsageEvents.parse(text)).hasMessage("feature is longer than 200 characters");
    }
}
