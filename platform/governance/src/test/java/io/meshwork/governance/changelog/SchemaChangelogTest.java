package io.meshwork.governance.changelog;

import java.util.List;

import io.meshwork.registry.CompatibilityLevel;
import io.meshwork.schemas.governance.ChangeClassification;
import io.meshwork.schemas.governance.ChangeKind;
import io.meshwork.schemas.governance.SchemaChange;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static io.meshwork.governance.changelog.TestSchemas.field;
import static io.meshwork.governance.changelog.TestSchemas.order;
import static io.meshwork.governance.changelog.TestSchemas.parse;
import static io.meshwork.governance.changelog.TestSchemas.quoted;
import static io.meshwork.registry.CompatibilityLevel.BACKWARD;
import static io.meshwork.registry.CompatibilityLevel.BACKWARD_TRANSITIVE;
import static io.meshwork.registry.CompatibilityLevel.FORWARD;
import static io.meshwork.registry.CompatibilityLevel.FORWARD_TRANSITIVE;
import static io.meshwork.registry.CompatibilityLevel.FULL;
import static io.meshwork.registry.CompatibilityLevel.FULL_TRANSITIVE;
import static io.meshwork.registry.CompatibilityLevel.NONE;
import static io.meshwork.schemas.governance.ChangeClassification.BREAKING;
import static io.meshwork.schemas.governance.ChangeClassification.INFO;
import static io.meshwork.schemas.governance.ChangeClassification.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SchemaChangelogTest {
    private static final String ID = field("id", quoted("string"));
    private static final String STATUS_ENUM = "{'type': 'enum', 'name': 'Status', 'symbols': ['OPEN', 'PAID'%s]%s}";

    @Test
    void shouldReturnNoChangesForIdenticalSchemas() {
        String json = "{'type': 'record', 'name': 'Order', 'doc': 'An order.', 'fields': ["
                + "{'name': 'id', 'type': 'string', 'doc': 'Order id.', 'aliases': ['orderId'], 'owner': 'sales'},"
                + "{'name': 'lines', 'type': {'type': 'array', 'items': {'type': 'record', 'name': 'Line',"
                + "  'fields': [{'name': 'sku', 'type': 'string'}, {'name': 'next', 'type': ['null', 'Line'],"
                + "  'default': null}]}}},"
                + "{'name': 'status', 'type': {'type': 'enum', 'name': 'Status', 'symbols': ['OPEN'],"
                + "  'default': 'OPEN'}, 'default': 'OPEN'}]}";

        assertThat(SchemaChangelog.between(parse(json), parse(json), FULL_TRANSITIVE))
                .isEmpty();
        Schema same = parse(json);
        assertThat(SchemaChangelog.between(same, same, FULL_TRANSITIVE)).isEmpty();
    }

    @Test
    void shouldClassifyRequiredFieldAdditionAsBreakingUnderBackward() {
        List<SchemaChange> changes =
                SchemaChangelog.between(order(ID), order(ID, field("total", quoted("long"))), BACKWARD);

        assertThat(changes)
                .extracting(SchemaChange::getPath, SchemaChange::getKind, SchemaChange::getClassification)
                .containsExactly(tuple("total", ChangeKind.FIELD_ADDED, BREAKING));
        assertThat(changes.get(0).getDescription())
                .isEqualTo("field 'total' added as long without a default: the new schema cannot read data written"
                        + " with the previous one; give it a default");
        assertThat(SchemaChangelog.hasBreaking(changes)).isTrue();
    }

    @Test
    void shouldDescribeOptionalFieldAdditionWithItsTypeAndDefault() {
        List<SchemaChange> changes = SchemaChangelog.between(
                order(ID), order(ID, field("discountCode", "['null', 'string']", "null")), BACKWARD);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.getKind()).isEqualTo(ChangeKind.FIELD_ADDED);
            assertThat(change.getClassification()).isEqualTo(INFO);
            assertThat(change.getDescription())
                    .isEqualTo("field 'discountCode' added as optional [null, string] with default null");
        });
    }

    @Test
    void shouldWarnAboutRequiredFieldAdditionUnderForward() {
        // Allowed under FORWARD, but a consumer on the new schema cannot replay older records.
        assertThat(classifications(order(ID), order(ID, field("total", quoted("long")))))
                .containsExactly(
                        BREAKING /* BACKWARD */,
                        BREAKING,
                        WARNING /* FORWARD */,
                        WARNING,
                        BREAKING /* FULL */,
                        BREAKING,
                        WARNING /* NONE */);
    }

    @Test
    void shouldClassifyRemovalOfFieldWithoutDefaultAsBreakingUnderForwardOnly() {
        List<SchemaChange> changes =
                SchemaChangelog.between(order(ID, field("note", quoted("string"))), order(ID), FORWARD);

        assertThat(changes)
                .extracting(SchemaChange::getPath, SchemaChange::getKind, SchemaChange::getClassification)
                .containsExactly(tuple("note", ChangeKind.FIELD_REMOVED, BREAKING));
        assertThat(changes.get(0).getDescription())
                .startsWith("field 'note' removed (was string without a default): readers on the previous schema"
                        + " cannot read data written with the new one");
        assertThat(classifications(order(ID, field("note", quoted("string"))), order(ID)))
                .containsExactly(WARNING, WARNING, BREAKING, BREAKING, BREAKING, BREAKING, WARNING);
    }

    @Test
    void shouldClassifyRemovalOfFieldWithDefaultAsInfoUnderEveryLevel() {
        Schema previous = order(ID, field("note", "['null', 'string']", "null"));

        assertThat(classifications(previous, order(ID))).containsOnly(INFO);
        assertThat(SchemaChangelog.between(previous, order(ID), FULL))
                .singleElement()
                .extracting(SchemaChange::getDescription)
                .isEqualTo("field 'note' removed (was optional [null, string] with default null)");
    }

    @Test
    void shouldClassifyPromotionAsCompatibleForBackwardOnly() {
        Schema previous = order(field("amount", quoted("int")));
        Schema proposed = order(field("amount", quoted("long")));

        assertThat(classifications(previous, proposed))
                .containsExactly(WARNING, WARNING, BREAKING, BREAKING, BREAKING, BREAKING, WARNING);
        assertThat(SchemaChangelog.between(previous, proposed, BACKWARD))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.getKind()).isEqualTo(ChangeKind.TYPE_CHANGED);
                    assertThat(change.getDescription())
                            .startsWith("field 'amount' changed type from int to long: readers on the previous"
                                    + " schema cannot read long values");
                });
        assertThat(classifications(proposed, previous))
                .containsExactly(BREAKING, BREAKING, WARNING, WARNING, BREAKING, BREAKING, WARNING);
    }

    @Test
    void shouldWarnAboutStringAndBytesSwapThatBothDirectionsRead() {
        List<SchemaChange> changes = SchemaChangelog.between(
                order(field("payload", quoted("string"))), order(field("payload", quoted("bytes"))), FULL);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.getClassification()).isEqualTo(WARNING);
            assertThat(change.getDescription()).contains("not UTF-8");
        });
    }

    @Test
    void shouldClassifyMakingFieldOptionalAsBreakingUnderForwardAndRequiredAsBreakingUnderBackward() {
        Schema required = order(field("note", quoted("string")));
        Schema optional = order(field("note", "['null', 'string']", "null"));

        List<SchemaChange> madeOptional = SchemaChangelog.between(required, optional, FORWARD);
        assertThat(madeOptional)
                .extracting(SchemaChange::getKind, SchemaChange::getClassification)
                .containsExactly(tuple(ChangeKind.TYPE_CHANGED, BREAKING), tuple(ChangeKind.DEFAULT_ADDED, INFO));
        assertThat(madeOptional.get(0).getDescription())
                .startsWith("field 'note' made optional, from string to [null, string]: readers on the previous"
                        + " schema cannot read null values");
        assertThat(SchemaChangelog.between(required, optional, BACKWARD))
                .extracting(SchemaChange::getClassification)
                .containsExactly(WARNING, INFO);

        List<SchemaChange> madeRequired = SchemaChangelog.between(optional, required, BACKWARD);
        assertThat(madeRequired)
                .extracting(SchemaChange::getKind, SchemaChange::getClassification)
                .containsExactly(tuple(ChangeKind.TYPE_CHANGED, BREAKING), tuple(ChangeKind.DEFAULT_REMOVED, WARNING));
        assertThat(madeRequired.get(0).getDescription())
                .startsWith("field 'note' made required, from [null, string] to string: the new schema cannot read old"
                        + " null values");
    }

    @Test
    void shouldClassifyEnumSymbolAdditionAsBreakingUnderForwardUnlessPreviousEnumHasDefault() {
        Schema previous = order(field("status", STATUS_ENUM.formatted("", "")));
        Schema proposed = order(field("status", STATUS_ENUM.formatted(", 'REFUNDED'", "")));

        assertThat(SchemaChangelog.between(previous, proposed, FORWARD))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.getPath()).isEqualTo("status");
                    assertThat(change.getKind()).isEqualTo(ChangeKind.ENUM_SYMBOL_ADDED);
                    assertThat(change.getClassification()).isEqualTo(BREAKING);
                    assertThat(change.getDescription())
                            .startsWith("enum 'Status' in field 'status' gained symbol 'REFUNDED': readers on the"
                                    + " previous schema cannot read");
                });
        assertThat(classifications(previous, proposed))
                .containsExactly(WARNING, WARNING, BREAKING, BREAKING, BREAKING, BREAKING, WARNING);

        Schema previousWithDefault = order(field("status", STATUS_ENUM.formatted("", ", 'default': 'OPEN'")));
        Schema proposedWithDefault =
                order(field("status", STATUS_ENUM.formatted(", 'REFUNDED'", ", 'default': 'OPEN'")));
        assertThat(SchemaChangelog.between(previousWithDefault, proposedWithDefault, FULL))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.getClassification()).isEqualTo(INFO);
                    assertThat(change.getDescription()).contains("read it as its default 'OPEN'");
                });
    }

    @Test
    void shouldClassifyEnumSymbolRemovalAsBreakingUnderBackwardUnlessNewEnumHasDefault() {
        Schema previous = order(field("status", STATUS_ENUM.formatted(", 'REFUNDED'", "")));
        Schema proposed = order(field("status", STATUS_ENUM.formatted("", "")));
        Schema proposedWithDefault = order(field("status", STATUS_ENUM.formatted("", ", 'default': 'OPEN'")));

        assertThat(SchemaChangelog.between(previous, proposed, BACKWARD))
                .extracting(SchemaChange::getKind, SchemaChange::getClassification)
                .containsExactly(tuple(ChangeKind.ENUM_SYMBOL_REMOVED, BREAKING));
        assertThat(SchemaChangelog.between(previous, proposedWithDefault, BACKWARD))
                .extracting(SchemaChange::getKind, SchemaChange::getClassification)
                .containsExactly(tuple(ChangeKind.DEFAULT_ADDED, INFO), tuple(ChangeKind.ENUM_SYMBOL_REMOVED, INFO));
    }

    @Test
    void shouldClassifyFixedSizeChangeAsBreakingInBothDirections() {
        Schema previous = order(field("hash", "{'type': 'fixed', 'name': 'Hash', 'size': 16}"));
        Schema proposed = order(field("hash", "{'type': 'fixed', 'name': 'Hash', 'size': 32}"));

        assertThat(classifications(previous, proposed))
                .containsExactly(BREAKING, BREAKING, BREAKING, BREAKING, BREAKING, BREAKING, WARNING);
        assertThat(SchemaChangelog.between(previous, proposed, FULL))
                .singleElement()
                .extracting(SchemaChange::getDescription)
                .asString()
                .startsWith("fixed 'Hash' in field 'hash' changed size from 16 to 32 bytes");
    }

    @Test
    void shouldClassifyDefaultRemovalAsWarningUnderEveryLevel() {
        Schema previous = order(field("currency", quoted("string"), "'EUR'"));
        Schema proposed = order(field("currency", quoted("string")));

        assertThat(classifications(previous, proposed)).containsOnly(WARNING);
        assertThat(SchemaChangelog.between(previous, proposed, FULL))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.getKind()).isEqualTo(ChangeKind.DEFAULT_REMOVED);
                    assertThat(change.getDescription())
                            .isEqualTo("field 'currency' lost its default \"EUR\": compatible now, but removing the"
                                    + " field later will break readers on this version");
                });
    }

    @Test
    void shouldClassifyDocAliasAndDefaultAdditionsAsInfo() {
        Schema previous = order(field("total", quoted("long")));
        Schema proposed =
                order("{'name': 'total', 'type': 'long', 'default': 0, 'doc': 'In cents.', 'aliases': ['sum']}");

        assertThat(SchemaChangelog.between(previous, proposed, FULL_TRANSITIVE))
                .extracting(SchemaChange::getKind, SchemaChange::getClassification, SchemaChange::getDescription)
                .containsExactly(
                        tuple(ChangeKind.DEFAULT_ADDED, INFO, "field 'total' gained default 0"),
                        tuple(ChangeKind.DOC_CHANGED, INFO, "field 'total' gained doc 'In cents.'"),
                        tuple(ChangeKind.ALIAS_ADDED, INFO, "field 'total' gained alias 'sum'"));
    }

    @Test
    void shouldReportRenamedFieldWithAliasAsNameChangeNotRemovalAndAddition() {
        Schema previous = order(field("customer", quoted("string")));
        Schema proposed = order("{'name': 'customerId', 'type': 'string', 'aliases': ['customer']}");

        List<SchemaChange> changes = SchemaChangelog.between(previous, proposed, BACKWARD);

        assertThat(changes)
                .extracting(SchemaChange::getPath, SchemaChange::getKind, SchemaChange::getClassification)
                .containsExactly(tuple("customerId", ChangeKind.NAME_CHANGED, WARNING));
        assertThat(changes.get(0).getDescription())
                .isEqualTo("field 'customer' renamed to 'customerId' (the alias 'customer' lets the new schema read"
                        + " old data): readers on the previous schema cannot read data written with the new one; keep"
                        + " the old name, or rename it in a new major version");
        // Readers on the previous schema look for 'customer', find nothing, and have no default.
        assertThat(SchemaChangelog.between(previous, proposed, FULL))
                .extracting(SchemaChange::getClassification)
                .containsExactly(BREAKING);
    }

    @Test
    void shouldClassifyRenamedRecordAsBreakingUnlessAnAliasCoversTheOldName() {
        String fields = "'fields': [{'name': 'street', 'type': 'string'}]";
        Schema previous = order(field("address", "{'type': 'record', 'name': 'Address', " + fields + "}"));
        Schema renamed = order(field("address", "{'type': 'record', 'name': 'PostalAddress', " + fields + "}"));
        Schema aliased = order(field(
                "address",
                "{'type': 'record', 'name': 'PostalAddress', 'aliases': ['io.meshwork.test.Address'], " + fields
                        + "}"));

        assertThat(SchemaChangelog.between(previous, renamed, BACKWARD))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.getKind()).isEqualTo(ChangeKind.NAME_CHANGED);
                    assertThat(change.getClassification()).isEqualTo(BREAKING);
                    assertThat(change.getDescription())
                            .startsWith("record 'Address' in field 'address' renamed from 'io.meshwork.test.Address'"
                                    + " to 'io.meshwork.test.PostalAddress'")
                            .endsWith("add the alias 'io.meshwork.test.Address' to it");
                });
        assertThat(SchemaChangelog.between(previous, aliased, BACKWARD))
                .extracting(SchemaChange::getKind, SchemaChange::getClassification)
                .containsExactly(tuple(ChangeKind.NAME_CHANGED, WARNING));
        assertThat(SchemaChangelog.between(previous, aliased, FULL))
                .extracting(SchemaChange::getClassification)
                .containsExactly(BREAKING);
    }

    @Test
    void shouldClassifyNamespaceMoveAsBreakingUnlessAnAliasCoversTheOldFullName() {
        Schema previous = parse("{'type': 'record', 'name': 'Order', 'namespace': 'sales.v1', 'fields': []}");
        Schema moved = parse("{'type': 'record', 'name': 'Order', 'namespace': 'sales.v2', 'fields': []}");
        Schema aliased = parse("{'type': 'record', 'name': 'Order', 'namespace': 'sales.v2',"
                + " 'aliases': ['sales.v1.Order'], 'fields': []}");

        assertThat(SchemaChangelog.between(previous, moved, BACKWARD))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.getPath()).isEmpty();
                    assertThat(change.getKind()).isEqualTo(ChangeKind.NAME_CHANGED);
                    assertThat(change.getClassification()).isEqualTo(BREAKING);
                    assertThat(change.getDescription())
                            .isEqualTo("root record 'Order' moved from namespace 'sales.v1' to namespace 'sales.v2'"
                                    + " (generated classes and specific-record deserializers find types by full"
                                    + " name): neither schema can read data written with the other; add the alias"
                                    + " 'sales.v1.Order' to it");
                });
        assertThat(SchemaChangelog.between(previous, aliased, BACKWARD))
                .extracting(SchemaChange::getClassification)
                .containsExactly(WARNING);
    }

    @Test
    void shouldClassifyCustomPropertyChangesAsOtherInfo() {
        Schema previous = order("{'name': 'email', 'type': 'string', 'tags': ['pii']}");
        Schema proposed = order("{'name': 'email', 'type': 'string', 'tags': ['pii', 'contact'], 'owner': 'crm'}");

        assertThat(SchemaChangelog.between(previous, proposed, FULL))
                .extracting(SchemaChange::getKind, SchemaChange::getClassification, SchemaChange::getDescription)
                .containsExactly(
                        tuple(
                                ChangeKind.OTHER,
                                INFO,
                                "field 'email' changed property 'tags' from [\"pii\"] to [\"pii\", \"contact\"]"),
                        tuple(ChangeKind.OTHER, INFO, "field 'email' gained property 'owner' = \"crm\""));
    }

    @Test
    void shouldWarnAboutLogicalTypeChangeThatAvroDoesNotCheck() {
        Schema previous = order(field("at", "{'type': 'long', 'logicalType': 'timestamp-millis'}"));
        Schema proposed = order(field("at", "{'type': 'long', 'logicalType': 'timestamp-micros'}"));

        assertThat(SchemaChangelog.between(previous, proposed, FULL))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.getKind()).isEqualTo(ChangeKind.TYPE_CHANGED);
                    assertThat(change.getClassification()).isEqualTo(WARNING);
                    assertThat(change.getDescription())
                            .startsWith("field 'at' changed logical type from timestamp-millis to timestamp-micros");
                });
    }

    @Test
    void shouldDowngradeBreakingToWarningUnderNone() {
        List<SchemaChange> changes = SchemaChangelog.between(
                order(ID, field("note", quoted("string"))), order(ID, field("total", quoted("long"))), NONE);

        assertThat(changes).extracting(SchemaChange::getClassification).containsOnly(WARNING);
        assertThat(SchemaChangelog.hasBreaking(changes)).isFalse();
    }

    @Test
    void shouldClassifyTransitiveLevelsLikeTheirNonTransitiveForm() {
        Schema previous = order(ID, field("note", quoted("string")), field("amount", quoted("int")));
        Schema proposed = order(ID, field("amount", quoted("double")), field("total", quoted("long"), "0"));

        assertThat(SchemaChangelog.between(previous, proposed, BACKWARD_TRANSITIVE))
                .isEqualTo(SchemaChangelog.between(previous, proposed, BACKWARD));
        assertThat(SchemaChangelog.between(previous, proposed, FORWARD_TRANSITIVE))
                .isEqualTo(SchemaChangelog.between(previous, proposed, FORWARD));
        assertThat(SchemaChangelog.between(previous, proposed, FULL_TRANSITIVE))
                .isEqualTo(SchemaChangelog.between(previous, proposed, FULL));
    }

    @Test
    void shouldWalkNestedRecordsArraysMapsAndUnionBranches() {
        Schema previous = parse(
                """
                {'type': 'record', 'name': 'Order', 'fields': [
                  {'name': 'customer', 'type': {'type': 'record', 'name': 'Customer', 'fields': [
                    {'name': 'address', 'type': ['null', {'type': 'record', 'name': 'Address', 'fields': [
                      {'name': 'postcode', 'type': 'string'}]}], 'default': null}]}},
                  {'name': 'lines', 'type': {'type': 'array', 'items': {'type': 'record', 'name': 'Line',
                    'fields': [{'name': 'sku', 'type': 'string'}, {'name': 'qty', 'type': 'int'}]}}},
                  {'name': 'attributes', 'type': {'type': 'map', 'values': 'int'}}]}
                """);
        Schema proposed = parse(
                """
                {'type': 'record', 'name': 'Order', 'fields': [
                  {'name': 'customer', 'type': {'type': 'record', 'name': 'Customer', 'fields': [
                    {'name': 'address', 'type': ['null', {'type': 'record', 'name': 'Address', 'fields': [
                      {'name': 'postcode', 'type': 'string', 'doc': 'As printed on the envelope.'},
                      {'name': 'country', 'type': 'string'}]}], 'default': null}]}},
                  {'name': 'lines', 'type': {'type': 'array', 'items': {'type': 'record', 'name': 'Line',
                    'fields': [{'name': 'sku', 'type': 'string'}, {'name': 'qty', 'type': 'long'}]}}},
                  {'name': 'attributes', 'type': {'type': 'map', 'values': 'long'}}]}
                """);

        assertThat(SchemaChangelog.between(previous, proposed, BACKWARD))
                .extracting(SchemaChange::getPath, SchemaChange::getKind, SchemaChange::getClassification)
                .containsExactly(
                        tuple("attributes", ChangeKind.TYPE_CHANGED, WARNING),
                        tuple("customer.address.country", ChangeKind.FIELD_ADDED, BREAKING),
                        tuple("customer.address.postcode", ChangeKind.DOC_CHANGED, INFO),
                        tuple("lines.qty", ChangeKind.TYPE_CHANGED, WARNING));
        assertThat(SchemaChangelog.between(previous, proposed, BACKWARD).get(0).getDescription())
                .startsWith("values of field 'attributes' changed type from int to long");
    }

    @Test
    void shouldMatchUnionBranchesByFullNameRegardlessOfOrder() {
        String card = "{'type': 'record', 'name': 'Card', 'fields': [{'name': 'last4', 'type': 'string'}%s]}";
        String transfer = "{'type': 'record', 'name': 'Transfer', 'fields': [{'name': 'iban', 'type': 'string'}]}";
        Schema previous = order(field("payment", "[" + card.formatted("") + ", " + transfer + "]"));
        Schema proposed = order(field(
                "payment", "[" + transfer + ", " + card.formatted(", {'name': 'brand', 'type': 'string'}") + "]"));

        assertThat(SchemaChangelog.between(previous, proposed, FULL))
                .extracting(SchemaChange::getPath, SchemaChange::getKind, SchemaChange::getClassification)
                .containsExactly(
                        tuple("payment", ChangeKind.TYPE_CHANGED, INFO),
                        tuple("payment.brand", ChangeKind.FIELD_ADDED, BREAKING));
    }

    @Test
    void shouldReportUnionBranchesAddedAndRemoved() {
        Schema previous = order(field("value", "['null', 'int', 'string']", "null"));
        Schema proposed = order(field("value", "['null', 'long', 'boolean']", "null"));

        List<SchemaChange> changes = SchemaChangelog.between(previous, proposed, FULL);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.getClassification()).isEqualTo(BREAKING);
            assertThat(change.getDescription())
                    .startsWith("field 'value' changed type from [null, int, string] to [null, long, boolean]"
                            + " (added long, boolean, removed int, string): the new schema cannot read old string"
                            + " values; readers on the previous schema cannot read long, boolean values");
        });
    }

    @Test
    void shouldTerminateOnRecursiveTypesAndReportChangesInside() {
        String node = "{'type': 'record', 'name': 'Node', 'fields': [{'name': 'value', 'type': '%s'},"
                + " {'name': 'next', 'type': ['null', 'Node'], 'default': null}]}";

        List<SchemaChange> changes =
                SchemaChangelog.between(parse(node.formatted("int")), parse(node.formatted("long")), FORWARD);

        assertThat(changes)
                .extracting(SchemaChange::getPath, SchemaChange::getKind, SchemaChange::getClassification)
                .containsExactly(tuple("value", ChangeKind.TYPE_CHANGED, BREAKING));
    }

    @Test
    void shouldReportATypeUsedTwiceOnceAtItsFirstPath() {
        String address = "{'type': 'record', 'name': 'Address', 'fields': [{'name': 'street', 'type': 'string'}%s]}";
        Schema previous = order(field("billing", address.formatted("")), field("shipping", quoted("Address")));
        Schema proposed = order(
                field("billing", address.formatted(", {'name': 'city', 'type': 'string', 'default': ''}")),
                field("shipping", quoted("Address")));

        assertThat(SchemaChangelog.between(previous, proposed, FULL))
                .extracting(SchemaChange::getPath, SchemaChange::getDescription)
                .containsExactly(tuple("billing.city", "field 'billing.city' added as string with default \"\""));
    }

    @Test
    void shouldOrderChangesByPathThenKind() {
        Schema previous = order(
                field("b", quoted("int")),
                "{'name': 'a', 'type': 'string', 'doc': 'old'}",
                field("c", quoted("string"), "'x'"));
        Schema proposed = order(
                "{'name': 'a', 'type': 'string', 'doc': 'new'}",
                field("b", quoted("long"), "1"),
                field("aa", quoted("string"), "''"));

        assertThat(SchemaChangelog.between(previous, proposed, FULL))
                .extracting(SchemaChange::getPath, SchemaChange::getKind)
                .containsExactly(
                        tuple("", ChangeKind.OTHER),
                        tuple("a", ChangeKind.DOC_CHANGED),
                        tuple("aa", ChangeKind.FIELD_ADDED),
                        tuple("b", ChangeKind.TYPE_CHANGED),
                        tuple("b", ChangeKind.DEFAULT_ADDED),
                        tuple("c", ChangeKind.FIELD_REMOVED));
    }

    @Test
    void shouldTreatAnUnknownClassificationAsBreaking() {
        SchemaChange fromNewerPlatform = SchemaChange.newBuilder()
                .setPath("total")
                .setKind(ChangeKind.UNKNOWN)
                .setClassification(ChangeClassification.UNKNOWN)
                .setDescription("a change this platform does not know")
                .build();

        assertThat(SchemaChangelog.hasBreaking(List.of(fromNewerPlatform))).isTrue();
        assertThat(SchemaChangelog.hasBreaking(List.of())).isFalse();
    }

    /** @return the classifications of the single change, in {@link CompatibilityLevel} declaration order */
    private static List<ChangeClassification> classifications(Schema previous, Schema proposed) {
        return List.of(CompatibilityLevel.values()).stream()
                .sorted((left, right) -> Integer.compare(rank(left), rank(right)))
                .map(level -> {
                    List<SchemaChange> changes = SchemaChangelog.between(previous, proposed, level);
                    assertThat(changes).as("changes under %s", level).hasSize(1);
                    return changes.get(0).getClassification();
                })
                .toList();
    }

    /** BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE. */
    private static int rank(CompatibilityLevel level) {
        return level == NONE ? Integer.MAX_VALUE : level.ordinal();
    }
}
