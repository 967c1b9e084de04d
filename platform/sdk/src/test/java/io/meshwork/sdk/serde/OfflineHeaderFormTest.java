package io.meshwork.sdk.serde;

import java.util.Map;

import io.meshwork.sdk.fixtures.Order;
import io.meshwork.sdk.fixtures.OrderStatus;
import io.meshwork.sdk.registry.SchemaRegistryClient;
import io.meshwork.sdk.serde.internal.WireFormat;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The header schema-id form where no registry runs (topology tests): the offline client gives GUIDs itself. */
class OfflineHeaderFormTest {

    @Test
    void shouldRoundTripTheHeaderFormOnAnOfflineClient() {
        SchemaRegistryClient offline = SchemaRegistryClient.offline();
        MeshAvroSerde<Order> serde = new MeshAvroSerde<>(offline);
        serde.configure(
                Map.of(
                        MeshAvroSerdeConfig.VALUE_SCHEMA_ID_SERIALIZER,
                        "header",
                        MeshAvroSerdeConfig.SPECIFIC_AVRO_READER,
                        true),
                false);
        Order order = Order.newBuilder()
                .setOrderId("o-1")
                .setQuantity(1)
                .setPrice(2.5)
                .setStatus(OrderStatus.PAID)
                .setNote(null)
                .setCreatedAtMillis(1L)
                .build();
        RecordHeaders headers = new RecordHeaders();

        byte[] bare = serde.serializer().serialize("orders", headers, order);

        byte[] header = headers.lastHeader(WireFormat.VALUE_SCHEMA_ID_HEADER).value();
        assertThat(header).hasSize(WireFormat.GUID_FORM_LENGTH).startsWith(WireFormat.MAGIC_BYTE_GUID);
        assertThat(serde.deserializer().deserialize("orders", headers, bare)).isEqualTo(order);
        assertThat(offline.requestCount()).isZero();
    }
}
