package io.meshwork.sdk.serde.internal;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

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

        assertThat(WireFormat.readHeaderId("t", false, headers)).isEqualTo(42);
        assertThat(WireFormat.readHeaderId("t", true, headers)).isEqualTo(256);
    }

    @Test
    void shouldReportNoHeaderIdWhenTheHeaderIsAbsent() {
        assertThat(WireFormat.readHeaderId("t", false, new RecordHeaders())).isEqualTo(-1);
        assertThat(WireFormat.readHeaderId("t", false, null)).isEqualTo(-1);
    }

    @Test
    void shouldRefuseAGuidHeaderWithAnExplanation() {
        RecordHeaders headers = new RecordHeaders();
        byte[] guid = new byte[17];
        guid[0] = 1;
        headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, guid);

        assertThatThrownBy(() -> WireFormat.readHeaderId("t", false, headers))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("GUID")
                .hasMessageContaining("int id");
    }

    @Test
    void shouldRefuseAMalformedHeader() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, new byte[] {0, 1});

        assertThatThrownBy(() -> WireFormat.readHeaderId("t", false, headers))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("expected 0x00 + a 4-byte schema id");
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
