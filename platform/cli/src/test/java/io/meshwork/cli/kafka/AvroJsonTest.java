package io.meshwork.cli.kafka;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AvroJsonTest {
    private static final Schema SCHEMA = new Schema.Parser()
            .parse(
                    """
                    {"type": "record", "name": "Order", "fields": [
                      {"name": "id", "type": "string"},
                      {"name": "note", "type": ["null", "string"], "default": null},
                      {"name": "count", "type": ["null", "int"], "default": null},
                      {"name": "state", "type": {"type": "enum", "name": "State", "symbols": ["NEW", "PAID"]}},
                      {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line",
                        "fields": [{"name": "sku", "type": "string"}, {"name": "qty", "type": "long"}]}}},
                      {"name": "attributes", "type": {"type": "map", "values": "string"}},
                      {"name": "raw", "type": "bytes"},
                      {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
                      {"name": "digest", "type": {"type": "fixed", "name": "Digest", "size": 2}}]}""");

    @Test
    void shouldTurnAnAvroRecordIntoPlainJson() {
        GenericRecord order = new GenericData.Record(SCHEMA);
        order.put("id", new Utf8("o-1"));
        order.put("note", null);
        order.put("count", 3);
        order.put("state", new GenericData.EnumSymbol(SCHEMA.getField("state").schema(), "PAID"));
        Schema lineSchema = SCHEMA.getField("lines").schema().getElementType();
        GenericRecord line = new GenericData.Record(lineSchema);
        line.put("sku", "A-1");
        line.put("qty", 2L);
        order.put("lines", new GenericData.Array<>(SCHEMA.getField("lines").schema(), List.of(line)));
        order.put("attributes", Map.of(new Utf8("gift"), new Utf8("yes")));
        order.put("raw", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        Schema priceSchema = SCHEMA.getField("price").schema();
        order.put(
                "price",
                new Conversions.DecimalConversion()
                        .toBytes(new BigDecimal("12.34"), priceSchema, LogicalTypes.decimal(9, 2)));
        order.put("digest", new GenericData.Fixed(SCHEMA.getField("digest").schema(), new byte[] {(byte) 0xff, 0}));

        JsonNode json = AvroJson.toJson(order);

        assertThat(json.toString())
                .isEqualTo("{\"id\":\"o-1\",\"note\":null,\"count\":3,\"state\":\"PAID\","
                        + "\"lines\":[{\"sku\":\"A-1\",\"qty\":2}],\"attributes\":{\"gift\":\"yes\"},"
                        + "\"raw\":\"AQID\",\"price\":12.34,\"digest\":\"/wA=\"}");
    }

    @Test
    void shouldTurnTopLevelPrimitivesIntoJsonValues() {
        assertThat(AvroJson.toJson("text").asText()).isEqualTo("text");
        assertThat(AvroJson.toJson(42L).asLong()).isEqualTo(42L);
        assertThat(AvroJson.toJson(new byte[] {1}).asText()).isEqualTo("AQ==");
        assertThat(AvroJson.toJson(null).isNull()).isTrue();
    }
}
