package io.meshwork.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.meshwork.schemas.common.Actor;
import io.meshwork.schemas.common.ActorKind;
import io.meshwork.schemas.governance.PolicyOutcome;
import io.meshwork.schemas.governance.PolicyResult;
import io.meshwork.schemas.governance.Severity;
import io.meshwork.schemas.lifecycle.Heartbeat;
import io.meshwork.schemas.lifecycle.InstanceState;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import io.meshwork.schemas.lifecycle.ProductDeclared;
import io.meshwork.schemas.lifecycle.ProductDeprecated;
import io.meshwork.schemas.lifecycle.ProductPaused;
import io.meshwork.schemas.lifecycle.ProductPublished;
import io.meshwork.schemas.lifecycle.ProductRejected;
import io.meshwork.schemas.lifecycle.ProductResumed;
import io.meshwork.schemas.lifecycle.ProductRetired;
import io.meshwork.schemas.lifecycle.PublicationRequested;
import io.meshwork.schemas.lifecycle.SchemaDocument;
import io.meshwork.schemas.lifecycle.SchemaRole;
import io.meshwork.schemas.lifecycle.SubscriptionDenied;
import io.meshwork.schemas.lifecycle.SubscriptionGranted;
import io.meshwork.schemas.lifecycle.SubscriptionRequested;
import io.meshwork.schemas.lifecycle.SubscriptionRevoked;
import org.junit.jupiter.api.Named;

/**
 * One or more realistic {@link LifecycleEvent}s per payload kind, with every optional field both set and unset
 * somewhere. Adding a payload kind to the schema without adding an example here fails the contract tests.
 */
final class LifecycleEventExamples {

    static final Instant T0 = Instant.parse("2025-03-14T09:26:53.589Z");

    static final Actor SALES_SERVICE = Actor.newBuilder()
            .setPrincipal("User:sales-order-pipeline")
            .setKind(ActorKind.DOMAIN)
            .build();
    static final Actor OPERATOR = Actor.newBuilder()
            .setPrincipal("alice@example.com")
            .setKind(ActorKind.OPERATOR)
            .build();
    static final Actor FINANCE_CONSUMER = Actor.newBuilder()
            .setPrincipal("User:finance-revenue")
            .setKind(ActorKind.CONSUMER)
            .build();
    static final Actor PLATFORM = Actor.newBuilder()
            .setPrincipal("platform")
            .setKind(ActorKind.PLATFORM)
            .build();

    static final String ORDER_VALUE_SCHEMA =
            """
            {"type":"record","name":"Order","namespace":"io.meshwork.sales","doc":"A customer order.",\
            "fields":[{"name":"orderId","type":"string","doc":"Order id."},\
            {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2},\
            "doc":"Total in EUR."}]}""";
    static final String ORDER_KEY_SCHEMA =
            """
            {"type":"record","name":"OrderKey","namespace":"io.meshwork.sales","doc":"Key of an order.",\
            "fields":[{"name":"orderId","type":"string","doc":"Order id."}]}""";
    static final String DESCRIPTOR_V1_4 =
            """
            {"classification":"internal","description":"Every confirmed order.","domain":"sales",\
            "id":"sales.orders","owner":{"email":"sales-data@example.com","team":"sales"},\
            "title":"Orders","version":"1.4.0"}""";
    static final String DESCRIPTOR_V1_5 = DESCRIPTOR_V1_4.replace("1.4.0", "1.5.0");

    private LifecycleEventExamples() {}

    /** Every example, named for the test report. */
    static List<Named<LifecycleEvent>> all() {
        return List.of(
                Named.of(
                        "ProductDeclared with key and value schemas",
                        event(
                                SALES_SERVICE,
                                "req-17",
                                ProductDeclared.newBuilder()
                                        .setVersion("1.4.0")
                                        .setDescriptor(DESCRIPTOR_V1_4)
                                        .setSchemas(List.of(valueSchema(), keySchema()))
                                        .build())),
                Named.of(
                        "ProductDeclared with a value schema only and no correlation id",
                        event(
                                SALES_SERVICE,
                                null,
                                ProductDeclared.newBuilder()
                                        .setVersion("1.0.0")
                                        .setDescriptor(DESCRIPTOR_V1_4.replace("1.4.0", "1.0.0"))
                                        .setSchemas(List.of(SchemaDocument.newBuilder()
                                                .setRole(SchemaRole.VALUE)
                                                .setTopic("sales.orders.v1")
                                                .setSubject("sales.orders.v1-value")
                                                .setSchemaText(ORDER_VALUE_SCHEMA)
                                                .build()))
                                        .build())),
                Named.of(
                        "PublicationRequested for a first version",
                        event(
                                SALES_SERVICE,
                                "req-18",
                                PublicationRequested.newBuilder()
                                        .setVersion("1.4.0")
                                        .setDescriptor(DESCRIPTOR_V1_4)
                                        .setSchemas(List.of(valueSchema()))
                                        .build())),
                Named.of(
                        "PublicationRequested replacing an active version",
                        event(
                                SALES_SERVICE,
                                "req-19",
                                PublicationRequested.newBuilder()
                                        .setVersion("1.5.0")
                                        .setPreviousVersion("1.4.0")
                                        .setDescriptor(DESCRIPTOR_V1_5)
                                        .setPreviousDescriptor(DESCRIPTOR_V1_4)
                                        .setSchemas(List.of(valueSchema(), keySchema()))
                                        .build())),
                Named.of(
                        "ProductPublished with a registered key",
                        event(
                                PLATFORM,
                                "req-19",
                                ProductPublished.newBuilder()
                                        .setVersion("1.5.0")
                                        .setMajor(1)
                                        .setTopic("sales.orders.v1")
                                        .setValueSubject("sales.orders.v1-value")
                                        .setValueSchemaId(42)
                                        .setKeySubject("sales.orders.v1-key")
                                        .setKeySchemaId(41)
                                        .setPartitions(12)
                                        .setDecisionId("0b9e5f0c-5d0a-4a53-9a0f-3c0d7f1e2a11")
                                        .build())),
                Named.of(
                        "ProductPublished with a string key and no recorded decision",
                        event(
                                PLATFORM,
                                null,
                                ProductPublished.newBuilder()
                                        .setVersion("2.0.0")
                                        .setMajor(2)
                                        .setTopic("sales.orders.v2")
                                        .setValueSubject("sales.orders.v2-value")
                                        .setValueSchemaId(57)
                                        .setPartitions(6)
                                        .build())),
                Named.of(
                        "ProductRejected by a blocker",
                        event(
                                PLATFORM,
                                "req-20",
                                ProductRejected.newBuilder()
                                        .setVersion("1.6.0")
                                        .setDecisionId("5b2d8f61-0c4e-4e7a-8d35-7c1b9a0e6f42")
                                        .setResults(List.of(
                                                PolicyResult.newBuilder()
                                                        .setPolicyId("pii.not-public")
                                                        .setSeverity(Severity.BLOCKER)
                                                        .setOutcome(PolicyOutcome.FAILED)
                                                        .setMessage(
                                                                "field 'customerEmail' in sales.orders.v1-value is"
                                                                        + " tagged pii but the product is classified public")
                                                        .setFix("set classification: confidential in dataproduct.yaml")
                                                        .setLocation("dataproduct.yaml#classification")
                                                        .build(),
                                                PolicyResult.newBuilder()
                                                        .setPolicyId("docs.every-field")
                                                        .setSeverity(Severity.WARNING)
                                                        .setOutcome(PolicyOutcome.PASSED)
                                                        .setMessage("every field is documented")
                                                        .build()))
                                        .build())),
                Named.of(
                        "Heartbeat of a running instance",
                        event(
                                SALES_SERVICE,
                                null,
                                Heartbeat.newBuilder()
                                        .setInstanceId("order-pipeline-7f9c-1")
                                        .setApplicationId("sales.order-pipeline")
                                        .setMajor(1)
                                        .setState(InstanceState.RUNNING)
                                        .setRecordsIn(1_254_301L)
                                        .setRecordsOut(1_254_188L)
                                        .setRecordsDeadLettered(113L)
                                        .setNewestRecordTime(T0.minusMillis(850))
                                        .setConsumerLag(37L)
                                        .setIntervalMillis(10_000L)
                                        .build())),
                Named.of(
                        "Heartbeat of a rebalancing instance that wrote nothing yet",
                        event(
                                SALES_SERVICE,
                                null,
                                Heartbeat.newBuilder()
                                        .setInstanceId("order-pipeline-7f9c-2")
                                        .setApplicationId("sales.order-pipeline")
                                        .setMajor(1)
                                        .setState(InstanceState.REBALANCING)
                                        .setRecordsIn(0L)
                                        .setRecordsOut(0L)
                                        .setRecordsDeadLettered(0L)
                                        .setConsumerLag(-1L)
                                        .setIntervalMillis(10_000L)
                                        .build())),
                Named.of(
                        "ProductDeprecated with a successor",
                        event(
                                SALES_SERVICE,
                                "req-21",
                                ProductDeprecated.newBuilder()
                                        .setMajor(1)
                                        .setSuccessorProductId("sales.orders")
                                        .setSuccessorMajor(2)
                                        .setSunsetDate(LocalDate.of(2025, 6, 30))
                                        .setReason("amount changed from double to decimal; use sales.orders v2")
                                        .build())),
                Named.of(
                        "ProductDeprecated without a successor",
                        event(
                                OPERATOR,
                                null,
                                ProductDeprecated.newBuilder()
                                        .setMajor(3)
                                        .setSunsetDate(LocalDate.of(2026, 1, 31))
                                        .setReason("the legacy shop is closing")
                                        .build())),
                Named.of(
                        "ProductRetired at its sunset",
                        event(
                                OPERATOR,
                                null,
                                ProductRetired.newBuilder()
                                        .setMajor(1)
                                        .setReason("sunset date 2025-06-30 reached")
                                        .build())),
                Named.of(
                        "ProductPaused by an operator",
                        event(
                                OPERATOR,
                                "INC-1234",
                                ProductPaused.newBuilder()
                                        .setMajor(1)
                                        .setReason("investigating duplicate orders, incident INC-1234")
                                        .build())),
                Named.of(
                        "ProductResumed by an operator",
                        event(
                                OPERATOR,
                                "INC-1234",
                                ProductResumed.newBuilder()
                                        .setMajor(1)
                                        .setReason("INC-1234 fixed in order-pipeline 1.5.1")
                                        .build())),
                Named.of(
                        "SubscriptionRequested by another product",
                        event(
                                FINANCE_CONSUMER,
                                "req-30",
                                SubscriptionRequested.newBuilder()
                                        .setSubscriptionId("c4a1e2d3-6b7f-4e89-a0b1-c2d3e4f5a6b7")
                                        .setConsumer("User:finance-revenue")
                                        .setConsumerProductId("finance.revenue")
                                        .setMajor(1)
                                        .setPurpose("daily revenue per region")
                                        .build())),
                Named.of(
                        "SubscriptionRequested by a consumer that is not a product",
                        event(
                                FINANCE_CONSUMER,
                                null,
                                SubscriptionRequested.newBuilder()
                                        .setSubscriptionId("d5b2f3e4-7c8a-4f9b-b1c2-d3e4f5a6b7c8")
                                        .setConsumer("User:bi-dashboards")
                                        .setMajor(2)
                                        .setPurpose("quarterly board report")
                                        .build())),
                Named.of(
                        "SubscriptionGranted automatically",
                        event(
                                PLATFORM,
                                "req-30",
                                SubscriptionGranted.newBuilder()
                                        .setSubscriptionId("c4a1e2d3-6b7f-4e89-a0b1-c2d3e4f5a6b7")
                                        .setApprovedBy("platform")
                                        .setAutomatic(true)
                                        .build())),
                Named.of(
                        "SubscriptionGranted by an approver",
                        event(
                                OPERATOR,
                                null,
                                SubscriptionGranted.newBuilder()
                                        .setSubscriptionId("d5b2f3e4-7c8a-4f9b-b1c2-d3e4f5a6b7c8")
                                        .setApprovedBy("alice@example.com")
                                        .setAutomatic(false)
                                        .build())),
                Named.of(
                        "SubscriptionDenied by an approver",
                        event(
                                OPERATOR,
                                null,
                                SubscriptionDenied.newBuilder()
                                        .setSubscriptionId("e6c3a4f5-8d9b-4a0c-82d3-e4f5a6b7c8d9")
                                        .setDeniedBy("alice@example.com")
                                        .setReason("restricted product: purpose does not match the terms of use")
                                        .build())),
                Named.of(
                        "SubscriptionRevoked at retirement",
                        event(
                                PLATFORM,
                                null,
                                SubscriptionRevoked.newBuilder()
                                        .setSubscriptionId("c4a1e2d3-6b7f-4e89-a0b1-c2d3e4f5a6b7")
                                        .setRevokedBy("platform")
                                        .setReason("product retired")
                                        .build())));
    }

    /** The first example whose payload is of the given kind. */
    static LifecycleEvent firstOfKind(Class<?> payloadType) {
        return all().stream()
                .map(Named::getPayload)
                .filter(event -> payloadType.isInstance(event.getPayload()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no example with a " + payloadType.getSimpleName()));
    }

    private static LifecycleEvent event(Actor actor, String correlationId, Object payload) {
        return LifecycleEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(payload.toString().getBytes(StandardCharsets.UTF_8))
                        .toString())
                .setTime(T0)
                .setActor(actor)
                .setProductId("sales.orders")
                .setCorrelationId(correlationId)
                .setPayload(payload)
                .build();
    }

    private static SchemaDocument valueSchema() {
        return SchemaDocument.newBuilder()
                .setRole(SchemaRole.VALUE)
                .setTopic("sales.orders.v1")
                .setSubject("sales.orders.v1-value")
                .setSchemaType("AVRO")
                .setSchemaText(ORDER_VALUE_SCHEMA)
                .build();
    }

    private static SchemaDocument keySchema() {
        return SchemaDocument.newBuilder()
                .setRole(SchemaRole.KEY)
                .setTopic("sales.orders.v1")
                .setSubject("sales.orders.v1-key")
                .setSchemaType("AVRO")
                .setSchemaText(ORDER_KEY_SCHEMA)
                .build();
    }
}
