package io.meshwork.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.meshwork.descriptor.CanonicalJson;
import io.meshwork.descriptor.Classification;
import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.descriptor.SchemaSource;
import io.meshwork.schemas.common.Actor;
import io.meshwork.schemas.common.ActorKind;
import io.meshwork.schemas.lifecycle.Heartbeat;
import io.meshwork.schemas.lifecycle.InstanceState;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import io.meshwork.schemas.lifecycle.ProductDeclared;
import io.meshwork.schemas.lifecycle.ProductDeprecated;
import io.meshwork.schemas.lifecycle.ProductPublished;
import io.meshwork.schemas.lifecycle.ProductRejected;
import io.meshwork.schemas.lifecycle.ProductRetired;
import io.meshwork.schemas.lifecycle.PublicationRequested;
import io.meshwork.schemas.lifecycle.SchemaDocument;
import io.meshwork.schemas.lifecycle.SchemaRole;
import io.meshwork.schemas.lifecycle.SubscriptionGranted;
import io.meshwork.schemas.lifecycle.SubscriptionRequested;

/** Builds lifecycle events for tests, with increasing event times. */
final class Events {
    static final String ORDER_V1 =
            "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"sales\",\"doc\":\"An order\","
                    + "\"fields\":[{\"name\":\"orderId\",\"type\":\"string\",\"doc\":\"Order id\"},"
                    + "{\"name\":\"customerEmail\",\"type\":\"string\",\"doc\":\"Who ordered\"}]}";

    private long clock = 1_700_000_000_000L;

    static ProductDescriptor descriptor(String id, String version, Classification classification) {
        String domain = id.substring(0, id.indexOf('.'));
        int major = Integer.parseInt(version.substring(0, version.indexOf('.')));
        return new ProductDescriptor(
                id,
                version,
                domain,
                "Orders of " + domain,
                "Every order placed in the web shop, cleaned and deduplicated.",
                new ProductDescriptor.Owner(domain + "-team", domain + "@example.com"),
                null,
                List.of("orders"),
                classification,
                List.of(new OutputPort(
                        id + ".v" + major, SchemaSource.ofPath("order.avsc"), null, 3, null, null, null)),
                List.of(),
                null,
                List.of(),
                null,
                null,
                null);
    }

    LifecycleEvent event(String productId, Object payload) {
        clock += 1_000;
        return LifecycleEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setTime(Instant.ofEpochMilli(clock))
                .setActor(new Actor("User:" + productId, ActorKind.DOMAIN))
                .setProductId(productId)
                .setPayload(payload)
                .build();
    }

    static List<SchemaDocument> schemas(String topic) {
        return List.of(SchemaDocument.newBuilder()
                .setRole(SchemaRole.VALUE)
                .setTopic(topic)
                .setSubject(topic + "-value")
                .setSchemaText(ORDER_V1)
                .build());
    }

    LifecycleEvent declared(String id, String version) {
        return declared(id, version, Classification.INTERNAL);
    }

    LifecycleEvent declared(String id, String version, Classification classification) {
        ProductDescriptor d = descriptor(id, version, classification);
        return event(
                id,
                ProductDeclared.newBuilder()
                        .setVersion(version)
                        .setDescriptor(CanonicalJson.write(d))
                        .setSchemas(schemas(d.expectedTopic()))
                        .build());
    }

    LifecycleEvent requested(String id, String version, String previous) {
        ProductDescriptor d = descriptor(id, version, Classification.INTERNAL);
        return event(
                id,
                PublicationRequested.newBuilder()
                        .setVersion(version)
                        .setPreviousVersion(previous)
                        .setDescriptor(CanonicalJson.write(d))
                        .setPreviousDescriptor(
                                previous == null
                                        ? null
                                        : CanonicalJson.write(descriptor(id, previous, Classification.INTERNAL)))
                        .setSchemas(schemas(d.expectedTopic()))
                        .build());
    }

    LifecycleEvent published(String id, String version, int schemaId) {
        int major = Integer.parseInt(version.substring(0, version.indexOf('.')));
        return event(
                id,
                ProductPublished.newBuilder()
                        .setVersion(version)
                        .setMajor(major)
                        .setTopic(id + ".v" + major)
                        .setValueSubject(id + ".v" + major + "-value")
                        .setValueSchemaId(schemaId)
                        .setPartitions(3)
                        .setDecisionId(UUID.randomUUID().toString())
                        .build());
    }

    LifecycleEvent rejected(String id, String version) {
        return event(
                id,
                ProductRejected.newBuilder()
                        .setVersion(version)
                        .setDecisionId(UUID.randomUUID().toString())
                        .setResults(List.of())
                        .build());
    }

    LifecycleEvent deprecated(String id, int major) {
        return event(
                id,
                ProductDeprecated.newBuilder()
                        .setMajor(major)
                        .setSuccessorProductId(id)
                        .setSuccessorMajor(major + 1)
                        .setSunsetDate(LocalDate.of(2030, 1, 31))
                        .setReason("amount became a decimal")
                        .build());
    }

    LifecycleEvent retired(String id, int major) {
        return event(
                id,
                ProductRetired.newBuilder()
                        .setMajor(major)
                        .setReason("sunset reached")
                        .build());
    }

    LifecycleEvent heartbeat(String id, int major, String instance, long recordsOut) {
        return event(
                id,
                Heartbeat.newBuilder()
                        .setInstanceId(instance)
                        .setApplicationId(id.replace('.', '-'))
                        .setMajor(major)
                        .setState(InstanceState.RUNNING)
                        .setRecordsIn(recordsOut)
                        .setRecordsOut(recordsOut)
                        .setRecordsDeadLettered(0)
                        .setNewestRecordTime(Instant.ofEpochMilli(clock))
                        .setConsumerLag(0)
                        .setIntervalMillis(5_000)
                        .build());
    }

    LifecycleEvent subscriptionRequested(String id, int major, String subscriptionId, String consumerProduct) {
        return event(
                id,
                SubscriptionRequested.newBuilder()
                        .setSubscriptionId(subscriptionId)
                        .setConsumer("User:reader")
                        .setConsumerProductId(consumerProduct)
                        .setMajor(major)
                        .setPurpose("daily revenue report")
                        .build());
    }

    LifecycleEvent granted(String id, String subscriptionId) {
        return event(
                id,
                SubscriptionGranted.newBuilder()
                        .setSubscriptionId(subscriptionId)
                        .setApprovedBy("platform")
                        .setAutomatic(true)
                        .build());
    }
}
