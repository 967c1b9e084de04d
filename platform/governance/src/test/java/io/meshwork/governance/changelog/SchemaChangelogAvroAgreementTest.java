package io.meshwork.governance.changelog;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.meshwork.registry.CompatibilityLevel;
import io.meshwork.schemas.governance.ChangeKind;
import io.meshwork.schemas.governance.SchemaChange;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.meshwork.governance.changelog.TestSchemas.field;
import static io.meshwork.governance.changelog.TestSchemas.order;
import static io.meshwork.governance.changelog.TestSchemas.parse;
import static io.meshwork.governance.changelog.TestSchemas.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The changelog must never call a change harmless where Avro's own checker refuses it, nor call it breaking
 * where Avro accepts it. Each pair is checked in both orientations, under every level.
 */
class SchemaChangelogAvroAgreementTest {
    private static final String ID = field("id", quoted("string"));
    private static final String ADDRESS = "{'type': 'record', 'name': 'Address', 'fields': [%s]}";
    private static final String STREET = field("street", quoted("string"));
    private static final String STATUS = "{'type': 'enum', 'name': 'Status', 'symbols': [%s]%s}";
    private static final String NODE = "{'type': 'record', 'name': 'Node', 'fields': [%s,"
            + " {'name': 'next', 'type': ['null', 'Node'], 'default': null}]}";

    private record Pair(String change, Schema first, Schema second) {}

    static Stream<Arguments> pairsUnderEveryLevel() {
        List<Arguments> cases = new ArrayList<>();
        for (Pair pair : pairs()) {
            for (CompatibilityLevel level : CompatibilityLevel.values()) {
                cases.add(Arguments.of(pair.change(), level, pair.first(), pair.second()));
                cases.add(Arguments.of(pair.change() + ", reversed", level, pair.second(), pair.first()));
            }
        }
        return cases.stream();
    }

    private static List<Pair> pairs() {
        return List.of(
                new Pair("required field added", order(ID), order(ID, field("total", quoted("long")))),
                new Pair("optional field added", order(ID), order(ID, field("note", "['null', 'string']", "null"))),
                new Pair(
                        "one field swapped for another",
                        order(ID, field("a", quoted("int"), "0")),
                        order(ID, field("b", quoted("int")))),
                new Pair("int to long", order(field("n", quoted("int"))), order(field("n", quoted("long")))),
                new Pair("int to float", order(field("n", quoted("int"))), order(field("n", quoted("float")))),
                new Pair("long to double", order(field("n", quoted("long"))), order(field("n", quoted("double")))),
                new Pair("float to double", order(field("n", quoted("float"))), order(field("n", quoted("double")))),
                new Pair("string to bytes", order(field("s", quoted("string"))), order(field("s", quoted("bytes")))),
                new Pair("int to string", order(field("n", quoted("int"))), order(field("n", quoted("string")))),
                new Pair(
                        "made optional",
                        order(field("s", quoted("string"))),
                        order(field("s", "['null', 'string']", "null"))),
                new Pair(
                        "promotion inside a union",
                        order(field("n", "['null', 'int']", "null")),
                        order(field("n", "['null', 'long']", "null"))),
                new Pair(
                        "union branch added",
                        order(field("v", "['null', 'string']", "null")),
                        order(field("v", "['null', 'string', 'int']", "null"))),
                new Pair(
                        "union branches reordered",
                        order(field("v", "['int', 'string']")),
                        order(field("v", "['string', 'int']"))),
                new Pair(
                        "union branch removed but promoted",
                        order(field("v", "['null', 'int', 'long']", "null")),
                        order(field("v", "['null', 'long']", "null"))),
                new Pair(
                        "enum symbol added, no default",
                        order(field("status", STATUS.formatted("'OPEN'", ""))),
                        order(field("status", STATUS.formatted("'OPEN', 'PAID'", "")))),
                new Pair(
                        "enum symbol added, both with default",
                        order(field("status", STATUS.formatted("'OPEN'", ", 'default': 'OPEN'"))),
                        order(field("status", STATUS.formatted("'OPEN', 'PAID'", ", 'default': 'OPEN'")))),
                new Pair(
                        "enum symbol added with a new default",
                        order(field("status", STATUS.formatted("'OPEN'", ""))),
                        order(field("status", STATUS.formatted("'OPEN', 'PAID'", ", 'default': 'OPEN'")))),
                new Pair(
                        "enum to string",
                        order(field("status", STATUS.formatted("'OPEN'", ""))),
                        order(field("status", quoted("string")))),
                new Pair(
                        "fixed size changed",
                        order(field("hash", "{'type': 'fixed', 'name': 'Hash', 'size': 16}")),
                        order(field("hash", "{'type': 'fixed', 'name': 'Hash', 'size': 32}"))),
                new Pair(
                        "record renamed without alias",
                        order(field("address", ADDRESS.formatted(STREET))),
                        order(field(
                                "address", "{'type': 'record', 'name': 'PostalAddress', 'fields': [" + STREET + "]}"))),
                new Pair(
                        "record renamed with alias",
                        order(field("address", ADDRESS.formatted(STREET))),
                        order(field(
                                "address",
                                "{'type': 'record', 'name': 'PostalAddress', 'aliases': ['io.meshwork.test.Address'],"
                                        + " 'fields': [" + STREET + "]}"))),
                new Pair(
                        "root record renamed",
                        order(ID),
                        parse("{'type': 'record', 'name': 'Purchase', 'namespace': 'io.meshwork.test', 'fields': [" + ID
                                + "]}")),
                new Pair(
                        "field renamed with alias, no defaults",
                        order(field("customer", quoted("string"))),
                        order("{'name': 'customerId', 'type': 'string', 'aliases': ['customer']}")),
                new Pair(
                        "field renamed with alias, both with defaults",
                        order(field("customer", quoted("string"), "''")),
                        order("{'name': 'customerId', 'type': 'string', 'aliases': ['customer'], 'default': ''}")),
                new Pair(
                        "required field added in a nested optional record",
                        order(field("address", "['null', " + ADDRESS.formatted(STREET) + "]", "null")),
                        order(field(
                                "address",
                                "['null', " + ADDRESS.formatted(STREET + ", " + field("city", quoted("string"))) + "]",
                                "null"))),
                new Pair(
                        "array items promoted",
                        order(field("tags", "{'type': 'array', 'items': 'int'}")),
                        order(field("tags", "{'type': 'array', 'items': 'long'}"))),
                new Pair(
                        "map values made optional",
                        order(field("attributes", "{'type': 'map', 'values': 'string'}")),
                        order(field("attributes", "{'type': 'map', 'values': ['null', 'string']}"))),
                new Pair(
                        "array replaced by map",
                        order(field("tags", "{'type': 'array', 'items': 'int'}")),
                        order(field("tags", "{'type': 'map', 'values': 'int'}"))),
                new Pair(
                        "required field added in a recursive type",
                        parse(NODE.formatted(field("value", quoted("int")))),
                        parse(NODE.formatted(field("value", quoted("int")) + ", " + field("label", quoted("string"))))),
                new Pair(
                        "union of records, one branch gains a required field",
                        order(field(
                                "payment",
                                "[{'type': 'record', 'name': 'Card', 'fields': [" + field("last4", quoted("string"))
                                        + "]}, {'type': 'record', 'name': 'Cash', 'fields': []}]")),
                        order(field(
                                "payment",
                                "[{'type': 'record', 'name': 'Card', 'fields': [" + field("last4", quoted("string"))
                                        + ", " + field("brand", quoted("string"))
                                        + "]}, {'type': 'record', 'name': 'Cash', 'fields': []}]"))),
                new Pair(
                        "optional record branch renamed without alias",
                        order(field("address", "['null', " + ADDRESS.formatted(STREET) + "]", "null")),
                        order(field(
                                "address",
                                "['null', {'type': 'record', 'name': 'Location', 'fields': [" + STREET + "]}]",
                                "null"))),
                new Pair(
                        "docs, aliases and properties only",
                        order(ID, field("total", quoted("long"))),
                        order(
                                "{'name': 'id', 'type': 'string', 'doc': 'Order id.', 'aliases': ['orderId']}",
                                "{'name': 'total', 'type': 'long', 'owner': 'finance'}")),
                new Pair(
                        "default removed",
                        order(field("currency", quoted("string"), "'EUR'")),
                        order(field("currency", quoted("string")))),
                new Pair(
                        "logical type changed",
                        order(field("at", "{'type': 'long', 'logicalType': 'timestamp-millis'}")),
                        order(field("at", "{'type': 'long', 'logicalType': 'timestamp-micros'}"))),
                new Pair(
                        "nested enum renamed with alias and gains a symbol",
                        order(field("status", STATUS.formatted("'OPEN'", ""))),
                        order(field(
                                "status",
                                "{'type': 'enum', 'name': 'OrderStatus', 'aliases': ['io.meshwork.test.Status'],"
                                        + " 'symbols': ['OPEN', 'PAID']}"))),
                new Pair(
                        "fields reordered",
                        order(field("a", quoted("int")), field("b", quoted("string"))),
                        order(field("b", quoted("string")), field("a", quoted("int")))));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("pairsUnderEveryLevel")
    void shouldAgreeWithAvroOnWhetherAChangeBreaks(
            String change, CompatibilityLevel level, Schema previous, Schema proposed) {
        List<SchemaChange> changes = SchemaChangelog.between(previous, proposed, level);

        assertThat(SchemaChangelog.hasBreaking(changes))
                .as("%s under %s; changelog: %s", change, level, changes)
                .isEqualTo(avroRefuses(previous, proposed, level));
    }

    @Test
    void shouldBeStricterThanAvroOnlyAboutNamespaceMoves() {
        Schema previous = parse("{'type': 'record', 'name': 'Order', 'namespace': 'sales.v1', 'fields': ["
                + field("status", "{'type': 'enum', 'name': 'Status', 'symbols': ['OPEN']}") + "]}");
        Schema proposed = parse("{'type': 'record', 'name': 'Order', 'namespace': 'sales.v2', 'fields': ["
                + field("status", "{'type': 'enum', 'name': 'Status', 'symbols': ['OPEN']}") + "]}");

        // Avro's checker compares short names only; generated classes are found by full name.
        assertThat(avroRefuses(previous, proposed, CompatibilityLevel.FULL)).isFalse();
        List<SchemaChange> changes = SchemaChangelog.between(previous, proposed, CompatibilityLevel.FULL);
        assertThat(changes)
                .extracting(SchemaChange::getPath, SchemaChange::getKind)
                .containsExactly(tuple("", ChangeKind.NAME_CHANGED), tuple("status", ChangeKind.NAME_CHANGED));
        assertThat(SchemaChangelog.hasBreaking(changes)).isTrue();
    }

    private static boolean avroRefuses(Schema previous, Schema proposed, CompatibilityLevel level) {
        if (level == CompatibilityLevel.NONE) {
            return false;
        }
        boolean backward = level.backward() && !reads(proposed, previous);
        boolean forward = level.forward() && !reads(previous, proposed);
        return backward || forward;
    }

    private static boolean reads(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                        .getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }
}
