package io.meshwork.governance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.meshwork.descriptor.PolicySeverity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicySettingsTest {

    @Test
    void shouldStartFromTheDocumentedDefaults() {
        PolicySettings settings = PolicySettings.defaults();

        assertThat(settings.severityOverrides()).isEmpty();
        assertThat(settings.minPartitions()).isEqualTo(1);
        assertThat(settings.maxPartitions()).isEqualTo(64);
        assertThat(settings.minRetention()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.maxRetention()).isEqualTo(Duration.ofDays(3650));
        assertThat(settings.allowInfiniteRetention()).isTrue();
        assertThat(settings.descriptionMinLength()).isEqualTo(20);
        assertThat(settings.piiPatterns())
                .contains("email", "e-mail", "iban", "ipaddress")
                .hasSize(19);
        assertThat(PolicySettings.fromProperties(Map.of())).isEqualTo(settings);
    }

    @Test
    void shouldReadEveryGovernanceProperty() {
        PolicySettings settings = PolicySettings.fromProperties(Map.of(
                "meshwork.governance.policies.docs.every-field.severity", "BLOCKER",
                "meshwork.governance.policies.pii.tagged.severity", "off",
                "meshwork.governance.topic.min-partitions", "3",
                "meshwork.governance.topic.max-partitions", "12",
                "meshwork.governance.topic.min-retention", "PT2H",
                "meshwork.governance.topic.max-retention", "30d",
                "meshwork.governance.topic.allow-infinite-retention", "false",
                "meshwork.governance.pii.patterns", "email, tax-id ,",
                "meshwork.governance.description.min-length", "40"));

        assertThat(settings.severityOverrides())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("docs.every-field", PolicySeverity.BLOCKER, "pii.tagged", PolicySeverity.OFF));
        assertThat(settings.minPartitions()).isEqualTo(3);
        assertThat(settings.maxPartitions()).isEqualTo(12);
        assertThat(settings.minRetention()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.maxRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.allowInfiniteRetention()).isFalse();
        assertThat(settings.piiPatterns()).containsExactly("email", "tax-id");
        assertThat(settings.descriptionMinLength()).isEqualTo(40);
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "15m, PT15M", "1h, PT1H", "7d, PT168H", "P2D, PT48H", "PT1H30M, PT1H30M"
    })
    void shouldReadShortAndIsoDurations(String text, String expected) {
        assertThat(PolicySettings.parseDuration(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void shouldIgnorePropertiesOutsideTheGovernanceSections() {
        PolicySettings settings = PolicySettings.fromProperties(Map.of(
                "meshwork.governance.require-field-docs", "true",
                "meshwork.kafka.bootstrap-servers", "localhost:9092"));

        assertThat(settings).isEqualTo(PolicySettings.defaults());
    }

    @Test
    void shouldRefuseAnUnknownPolicyIdNamingTheKeyAndTheKnownIds() {
        assertThatThrownBy(() -> PolicySettings.fromProperties(
                        Map.of("meshwork.governance.policies.docs.every-feld.severity", "blocker")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meshwork.governance.policies.docs.every-feld.severity=blocker")
                .hasMessageContaining("unknown policy 'docs.every-feld'")
                .hasMessageContaining("docs.every-field");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "meshwork.governance.policies.docs.every-field.severity | critical | off, info, warning or blocker",
                "meshwork.governance.policies.docs.every-field.level | blocker | <policy-id>.severity",
                "meshwork.governance.topic.max-partitions | many | not a whole number",
                "meshwork.governance.topic.min-partitions | 0 | 1 or more",
                "meshwork.governance.topic.min-retention | 1 week | write <n>ms, <n>s, <n>m, <n>h or <n>d",
                "meshwork.governance.topic.max-retention | 0s | not positive",
                "meshwork.governance.topic.allow-infinite-retention | yes | set true or false",
                "meshwork.governance.topic.max-partition | 64 | is not a governance setting",
                "meshwork.governance.pii.patterns | ' , ' | lists no names",
                "meshwork.governance.description.min-length | -1 | 0 or more",
            })
    void shouldRefuseABadValueNamingTheKeyTheValueAndTheFix(String key, String value, String fix) {
        assertThatThrownBy(() -> PolicySettings.fromProperties(Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key + "=" + value.trim())
                .hasMessageContaining(fix);
    }

    @Test
    void shouldRefuseAMinimumAboveTheMaximum() {
        assertThatThrownBy(() -> PolicySettings.fromProperties(Map.of(
                        "meshwork.governance.topic.min-partitions", "10",
                        "meshwork.governance.topic.max-partitions", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min-partitions=10")
                .hasMessageContaining("max-partitions=5");
        assertThatThrownBy(
                        () -> PolicySettings.fromProperties(Map.of("meshwork.governance.topic.min-retention", "4000d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min-retention=4000d");
    }

    @Test
    void shouldMatchPiiNamesIgnoringCaseAndSeparators() {
        PolicySettings settings = PolicySettings.defaults();

        assertThat(settings.piiPatternMatching("customerEmail")).hasValue("email");
        assertThat(settings.piiPatternMatching("E_Mail")).hasValue("email");
        assertThat(settings.piiPatternMatching("date_of_birth")).hasValue("dateofbirth");
        assertThat(settings.piiPatternMatching("billingAddress")).hasValue("address");
        assertThat(settings.piiPatternMatching("amount")).isEmpty();
        assertThat(settings.withPiiPatterns(List.of("tax-id")).piiPatternMatching("customerTaxId"))
                .hasValue("taxid");
    }
}
