package io.meshwork.cli.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.meshwork.catalog.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {
    @Test
    void shouldUseTheHeaderNamesTheCatalogAndTheSdkWrite() {
        assertThat(DeadLetters.CAUSE).isEqualTo(DeadLetterHeaders.CAUSE);
        assertThat(DeadLetters.TOPIC).isEqualTo(DeadLetterHeaders.TOPIC);
        assertThat(DeadLetters.PARTITION).isEqualTo(DeadLetterHeaders.PARTITION);
        assertThat(DeadLetters.OFFSET).isEqualTo(DeadLetterHeaders.OFFSET);
        assertThat(DeadLetters.REPLAYED).isEqualTo(io.meshwork.sdk.service.DeadLetters.REPLAYED);
        assertThat(DeadLetters.REPLAYABLE).isEqualTo(io.meshwork.sdk.service.DeadLetters.REPLAYABLE);
        assertThat(DeadLetters.TOPIC_SUFFIX).isEqualTo(io.meshwork.sdk.service.DeadLetters.SUFFIX);
        assertThat(DeadLetters.REPLAYED).startsWith(DeadLetters.PREFIX);
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(String replayed) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.TOPIC, bytes("sales.orders.v1"));
        headers.add(DeadLetters.CAUSE, bytes("bad amount"));
        headers.add("trace-id", bytes("t-1"));
        if (replayed != null) {
            headers.add(DeadLetters.REPLAYED, bytes(replayed));
        }
        return new ConsumerRecord<>(
                "sales.orders.v1.dlq",
                0,
                5,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                bytes("k"),
                bytes("v"),
                headers,
                Optional.empty());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldKeepTheRecordsOwnHeadersDropTheDeadLetterOnesAndCountTheReplay() {
        RecordHeaders headers = DeadLetterReplay.replayHeaders(deadLetter(null));

        assertThat(DeadLetters.text(headers, "trace-id")).isEqualTo("t-1");
        assertThat(headers.lastHeader(DeadLetters.TOPIC)).isNull();
        assertThat(headers.lastHeader(DeadLetters.CAUSE)).isNull();
        assertThat(DeadLetters.text(headers, DeadLetters.REPLAYED)).isEqualTo("1");
    }

    @Test
    void shouldRaiseTheCountOfARecordReplayedBefore() {
        assertThat(DeadLetters.text(DeadLetterReplay.replayHeaders(deadLetter("2")), DeadLetters.REPLAYED))
                .isEqualTo("3");
        assertThat(DeadLetters.replayCount(deadLetter("not a number").headers()))
                .isZero();
    }

    @Test
    void shouldNameTheReplayGroupAfterTheDeadLetterTopic() {
        assertThat(DeadLetterReplay.groupId("sales.orders.v1.dlq")).isEqualTo("meshctl.dlq-replay.sales.orders.v1.dlq");
    }
}
