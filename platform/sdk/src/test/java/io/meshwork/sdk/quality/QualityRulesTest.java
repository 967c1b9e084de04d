package io.meshwork.sdk.quality;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.meshwork.descriptor.QualityRule;
import io.meshwork.descriptor.QualityRule.Action;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QualityRulesTest {
    private static final Schema SCHEMA = new Schema.Parser()
            .parse(
                    """
            {"type": "record", "name": "Payment", "namespace": "test", "fields": [
              {"name": "id", "type": "string"},
              {"name": "amount", "type": "double"},
              {"name": "count", "type": "int"},
              {"name": "total", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "settledAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["CAPTURE", "REFUND"]}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "attrs", "type": {"type": "map", "values": "long"}},
              {"name": "payer", "type": {"type": "record", "name": "Payer", "fields": [
                {"name": "country", "type": "string"}, {"name": "score", "type": ["null", "int", "string"]}]}}
            ]}""");

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "record.amount > 0 | true",
                "record.amount > 100 | false",
                "record.count >= 2 | true",
                "record.total > 10 | true",
                "record.total == 12.5 | true",
                "record.at < timestamp('2030-01-01T00:00:00Z') | true",
                "record.settledAt == null | true",
                "record.day == '2026-12-01' | true",
                "record.kind == 'CAPTURE' | true",
                "record.note == null | true",
                "record.tags.exists(t, t == 'vip') | true",
                "size(record.tags) == 2 | true",
                "record.attrs['retries'] < 3 | true",
                "record.payer.country.size() == 2 | true",
                "record.payer.score == 7 | true",
                "record.id.startsWith('p-') && record.id.matches('^p-[0-9]+$') | true",
            })
    void shouldEvaluateExpressionsOverEveryKindOfField(String expression, boolean expected) {
        QualityRules rules =
                QualityRules.compile("test.yaml", List.of(new QualityRule("r", expression, Action.DLQ)), SCHEMA);

        assertThat(rules.check(payment()).passed()).as(expression).isEqualTo(expected);
    }

    @Test
    void shouldReportEveryFailedRuleAndTheStrongestAction() {
        QualityRules rules = QualityRules.compile(
                "test.yaml",
                List.of(
                        new QualityRule("big", "record.amount > 100", Action.DROP),
                        new QualityRule("refund", "record.kind == 'REFUND'", Action.DLQ),
                        new QualityRule("fine", "record.count > 0", Action.FAIL)),
                SCHEMA);

        QualityRules.Verdict verdict = rules.check(payment());

        assertThat(verdict.failures()).extracting(QualityRules.Failure::rule).containsExactly("big", "refund");
        assertThat(verdict.action()).contains(Action.DLQ);
        assertThat(verdict.describe()).contains("big (record.amount > 100): false");
    }

    @Test
    void shouldFailARuleThatCannotBeEvaluatedOnARecordWithTheReason() {
        QualityRules rules = QualityRules.compile(
                "test.yaml", List.of(new QualityRule("note", "record.note.size() > 0", Action.DLQ)), SCHEMA);

        QualityRules.Verdict verdict = rules.check(payment());

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failures().get(0).reason()).startsWith("cannot be evaluated on this record");
    }

    @Test
    void shouldRefuseRulesThatDoNotCompileNamingEachOne() {
        assertThatThrownBy(() -> QualityRules.compile(
                        "domains/x/dataproduct.yaml",
                        List.of(
                                new QualityRule("syntax", "record.amount >", Action.DLQ),
                                new QualityRule("not-bool", "record.amount + 1.0", Action.DLQ),
                                new QualityRule("typo", "record.payer.contry == 'DE'", Action.DLQ)),
                        SCHEMA))
                .isInstanceOf(QualityRuleException.class)
                .satisfies(e -> assertThat(((QualityRuleException) e).problems())
                        .hasSize(3)
                        .anySatisfy(p -> assertThat(p).contains("'syntax'").contains("does not compile"))
                        .anySatisfy(p -> assertThat(p).contains("'not-bool'").contains("not bool"))
                        .anySatisfy(p ->
                                assertThat(p).contains("record.payer.contry").contains("domains/x/dataproduct.yaml")));
    }

    private static GenericRecord payment() {
        GenericData.Record payer =
                new GenericData.Record(SCHEMA.getField("payer").schema());
        payer.put("country", "DE");
        payer.put("score", 7);
        GenericData.Record r = new GenericData.Record(SCHEMA);
        r.put("id", "p-123");
        r.put("amount", 12.5);
        r.put("count", 2);
        Schema total = SCHEMA.getField("total").schema();
        r.put(
                "total",
                new Conversions.DecimalConversion()
                        .toBytes(new BigDecimal("12.50"), total, LogicalTypes.decimal(10, 2)));
        r.put("at", Instant.parse("2026-12-01T10:00:00Z"));
        r.put("settledAt", null);
        r.put("day", LocalDate.parse("2026-12-01"));
        r.put("kind", new GenericData.EnumSymbol(SCHEMA.getField("kind").schema(), "CAPTURE"));
        r.put("note", null);
        r.put("tags", List.of("vip", "eu"));
        r.put("attrs", Map.of("retries", 1L));
        r.put("payer", payer);
        return r;
    }

    @Test
    void shouldReadAUnionBranchHoldingALogicalType() {
        QualityRules rules = QualityRules.compile(
                "test.yaml", List.of(new QualityRule("settled", "record.settledAt > record.at", Action.DLQ)), SCHEMA);
        GenericRecord r = payment();
        r.put("settledAt", Instant.parse("2026-12-02T10:00:00Z"));

        assertThat(rules.check(r).passed()).isTrue();
    }
}
