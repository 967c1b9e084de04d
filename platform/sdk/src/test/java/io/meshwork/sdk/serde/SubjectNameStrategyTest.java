package io.meshwork.sdk.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectNameStrategyTest {
    private static final Schema ORDER = SchemaBuilder.record("Order")
            .namespace("io.shop")
            .fields()
            .requiredString("id")
            .endRecord();

    @Test
    void shouldNameTopicSubjectsWithKeyOrValueSuffix() {
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("orders.v1", false, ORDER))
                .isEqualTo("orders.v1-value");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("orders.v1", true, ORDER))
                .isEqualTo("orders.v1-key");
    }

    @Test
    void shouldNameRecordSubjectsWithTheFullName() {
        assertThat(SubjectNameStrategy.RECORD_NAME.subject("orders.v1", false, ORDER))
                .isEqualTo("io.shop.Order");
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subject("orders.v1", true, ORDER))
                .isEqualTo("orders.v1-io.shop.Order");
    }

    @Test
    void shouldUseTopicNamesForPrimitives() {
        Schema string = Schema.create(Schema.Type.STRING);

        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("t", true, string)).isEqualTo("t-key");
        assertThatThrownBy(() -> SubjectNameStrategy.RECORD_NAME.subject("t", true, string))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("RecordNameStrategy needs a named Avro type")
                .hasMessageContaining("string")
                .hasMessageContaining("use TopicNameStrategy");
    }

    @Test
    void shouldAcceptSimpleConstantAndConfluentClassNames() {
        assertThat(SubjectNameStrategy.forName("TopicNameStrategy")).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(SubjectNameStrategy.forName("record_name")).isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(SubjectNameStrategy.forName("io.confluent.kafka.serializers.subject.TopicNameStrategy"))
                .isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(SubjectNameStrategy.forName("io.confluent.kafka.serializers.subject.RecordNameStrategy"))
                .isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(SubjectNameStrategy.forName(" io.confluent.kafka.serializers.subject.TopicRecordNameStrategy "))
                .isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
    }

    @Test
    void shouldListTheAcceptedNamesForAnUnknownOne() {
        assertThatThrownBy(() -> SubjectNameStrategy.forName("com.acme.MyStrategy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.acme.MyStrategy")
                .hasMessageContaining("TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy");
    }
}
