package io.meshwork.sdk.serde.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void shouldWriteMagicByteAndBigEndianId() {
        byte[] bytes = new byte[6];
        WireFormat.writePrefix(bytes, 0, 0x01020304);

        assertThat(bytes).startsWith(0x00, 0x01, 0x02, 0x03, 0x04);
    }

    @Test
    void shouldReadBackTheIdItWrote() {
        for (int id : new int[] {1, 255, 256, 65_536, Integer.MAX_VALUE}) {
            byte[] bytes = new byte[5];
            WireFormat.writePrefix(bytes, 0, id);

            assertThat(WireFormat.readPrefixedId("t", false, bytes)).isEqualTo(id);
        }
    }

    @Test
    void shouldNameTheTopicAndGuessJsonWhenTheMagicByteIsWrong() {
        byte[] json = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> WireFormat.readPrefixedId("orders.v1", false, json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("value of a record on topic 'orders.v1'")
                .hasMessageContaining("0x7b")
                .hasMessageContaining("looks like JSON")
                .hasMessageContaining("Fix:");
    }

    @Test
    void shouldRefuseAPayloadShorterThanThePrefix() {
        assertThatThrownBy(() -> WireFormat.readPrefixedId("orders.v1", true, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("key of a record")
                .hasMessageContaining("3 bytes");
    }

    @Test
    void shouldReadTheIdFromTheValueHeaderForValuesAndTheKeyHeaderForKeys() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, new byte[] {0, 0, 0, 0, 42});
        headers.add(WireFormat.KEY_SCHEMA_ID_HEADER, new byte[] {0, 0, 0, 1, 0});

        assertThat(WireFormat.readHeader("t", false, headers)).isEqualTo(new WireFormat.SchemaId(42, null, 0));
        assertThat(WireFormat.readHeader("t", true, headers)).isEqualTo(new WireFormat.SchemaId(256, null, 0));
    }

    @Test
    void shouldReadAGuidFromTheHeaderMostSignificantByteFirst() {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = new byte[17];
        value[0] = 1;
        for (int i = 1; i < 17; i++) {
            value[i] = (byte) (i - 1);
        }
        headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, value);

        WireFormat.SchemaId named = WireFormat.readHeader("t", false, headers);

        assertThat(named.guid()).isEqualTo(UUID.fromString("00010203-0405-0607-0809-0a0b0c0d0e0f"));
        assertThat(named.id()).isEqualTo(-1);
        assertThat(named.datumOffset()).isZero();
    }

    @Test
    void shouldWriteTheGuidFormAsConfluentsGuidToBytesDoes() {
        UUID guid = UUID.fromString("8c1b8f2a-ee82-8dd3-84e5-c4077ac1485f");

        byte[] form = WireFormat.guidForm(guid);

        assertThat(HexFormat.of().formatHex(form)).isEqualTo("018c1b8f2aee828dd384e5c4077ac1485f");
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireFormat.KEY_SCHEMA_ID_HEADER, form);
        assertThat(WireFormat.readHeader("t", true, headers).guid()).isEqualTo(guid);
    }

    @Test
    void shouldTakeTheLastSchemaIdHeaderWhenThereAreSeveral() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, new byte[] {0, 0, 0, 0, 1});
        headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, new byte[] {0, 0, 0, 0, 2});

        assertThat(WireFormat.readHeader("t", false, headers).id()).isEqualTo(2);
    }

    @Test
    void shouldReportNoSchemaIdWhenTheHeaderIsAbsentOrHasNoValue() {
        RecordHeaders withoutValue = new RecordHeaders();
        withoutValue.add(WireFormat.VALUE_SCHEMA_ID_HEADER, null);
        RecordHeaders onlyTheKeys = new RecordHeaders();
        onlyTheKeys.add(WireFormat.KEY_SCHEMA_ID_HEADER, new byte[] {0, 0, 0, 0, 1});

        assertThat(WireFormat.readHeader("t", false, new RecordHeaders())).isNull();
        assertThat(WireFormat.readHeader("t", false, null)).isNull();
        assertThat(WireFormat.readHeader("t", false, withoutValue)).isNull();
        assertThat(WireFormat.readHeader("t", false, onlyTheKeys)).isNull();
    }

    static Stream<Arguments> malformedHeaders() {
        return Stream.of(
                Arguments.of(new byte[0], "is empty"),
                Arguments.of(new byte[] {0, 1}, "has 2 bytes after magic byte 0x00 (5 expected)"),
                Arguments.of(new byte[17], "has 17 bytes after magic byte 0x00 (5 expected)"),
                Arguments.of(withMagic(1, 16), "has 16 bytes after magic byte 0x01 (17 expected)"),
                Arguments.of(withMagic(1, 18), "has 18 bytes after magic byte 0x01 (17 expected)"),
                Arguments.of(
                        withMagic(2, 17), "has 17 bytes starting with 0x02, which is neither magic byte 0x00 nor 0x01"),
                Arguments.of("12".getBytes(StandardCharsets.UTF_8), "has 2 bytes starting with 0x31"));
    }

    private static byte[] withMagic(int magic, int length) {
        byte[] bytes = new byte[length];
        bytes[0] = (byte) magic;
        return bytes;
    }

    @ParameterizedTest
    @MethodSource("malformedHeaders")
    void shouldRefuseAMalformedHeaderNamingTopicHeaderWhatIsWrongAndTheFix(byte[] value, String what) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, value);

        assertThatThrownBy(() -> WireFormat.readHeader("orders.v1", false, headers))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Header __value_schema_id of a record on topic 'orders.v1' " + what)
                .hasMessageContaining("expected 0x00 + a 4-byte schema id (5 bytes) or 0x01 + a 16-byte schema GUID")
                .hasMessageContaining("Fix:");
    }

    @Test
    void shouldNameTheKeyHeaderWhenTheKeysHeaderIsMalformed() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireFormat.KEY_SCHEMA_ID_HEADER, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> WireFormat.readHeader("orders.v1", true, headers))
                .hasMessageContaining("Header __key_schema_id of a record on topic 'orders.v1'")
                .hasMessageContaining("the key cannot be read");
    }

    @Test
    void shouldReadAnIdOrAGuidFromThePayloadPrefix() {
        byte[] byId = {0, 0, 0, 0, 7, 2};
        byte[] byGuid = new byte[18];
        System.arraycopy(WireFormat.guidForm(new UUID(1, 2)), 0, byGuid, 0, 17);

        assertThat(WireFormat.readPrefix("t", false, byId)).isEqualTo(new WireFormat.SchemaId(7, null, 5));
        assertThat(WireFormat.readPrefix("t", false, byGuid))
                .isEqualTo(new WireFormat.SchemaId(-1, new UUID(1, 2), 17));
    }

    @Test
    void shouldRefuseAPayloadTooShortForTheGuidItAnnounces() {
        assertThatThrownBy(() -> WireFormat.readPrefix("orders.v1", false, withMagic(1, 10)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("value of a record on topic 'orders.v1' starts with 0x01, the GUID form")
                .hasMessageContaining("10 bytes")
                .hasMessageContaining("Fix:");
    }

    @Test
    void shouldGiveTheBareDatumForTheHeaderForm() {
        GrowableBuffer buffer = new GrowableBuffer();
        buffer.resetForPrefix();
        buffer.write(new byte[] {4, 5, 6}, 0, 3);

        assertThat(buffer.toDatumArray()).containsExactly(4, 5, 6);
    }

    @Test
    void shouldGrowTheBufferAndPrefixTheDatum() {
        GrowableBuffer buffer = new GrowableBuffer();
        buffer.resetForPrefix();
        byte[] datum = new byte[1000];
        datum[999] = 7;
        buffer.write(datum, 0, datum.length);

        byte[] out = buffer.toPrefixedArray(9);

        assertThat(out).hasSize(1005).startsWith(0, 0, 0, 0, 9);
        assertThat(out[1004]).isEqualTo((byte) 7);
    }
}
