package io.meshwork.schemas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.meshwork.schemas.common.ActorKind;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.governance.Verdict;
import io.meshwork.schemas.lifecycle.Heartbeat;
import io.meshwork.schemas.lifecycle.InstanceState;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader built from today's schemas keeps reading when a newer writer adds an enum symbol: the enum's
 * {@code default} symbol stands in for the symbol it does not know.
 */
class EnumEvolutionTest {

    @Test
    void shouldReadActorKindAddedByNewerWriterAsUnknown() {
        LifecycleEvent today = LifecycleEventExamples.firstOfKind(Heartbeat.class);
        Schema newer = withExtraSymbol(LifecycleEvent.SCHEMA$, "io.meshwork.schemas.common.ActorKind", "SERVICE");
        GenericRecord written = asWrittenBy(newer, LifecycleEvent.class, today);
        GenericRecord actor = (GenericRecord) written.get("actor");
        actor.put(
                "kind",
                new GenericData.EnumSymbol(actor.getSchema().getField("kind").schema(), "SERVICE"));

        LifecycleEvent read =
                AvroBinary.read(newer, LifecycleEvent.SCHEMA$, LifecycleEvent.class, AvroBinary.write(newer, written));

        assertThat(read.getActor().getKind()).isEqualTo(ActorKind.UNKNOWN);
        assertThat(read.getActor().getPrincipal()).isEqualTo(today.getActor().getPrincipal());
        assertThat(read.getPayload()).isEqualTo(today.getPayload());
    }

    @Test
    void shouldReadHeartbeatStateAddedByNewerWriterAsUnknown() {
        LifecycleEvent today = LifecycleEventExamples.firstOfKind(Heartbeat.class);
        Schema newer =
                withExtraSymbol(LifecycleEvent.SCHEMA$, "io.meshwork.schemas.lifecycle.InstanceState", "STARTING");
        GenericRecord written = asWrittenBy(newer, LifecycleEvent.class, today);
        GenericRecord heartbeat = (GenericRecord) written.get("payload");
        heartbeat.put(
                "state",
                new GenericData.EnumSymbol(
                        heartbeat.getSchema().getField("state").schema(), "STARTING"));

        LifecycleEvent read =
                AvroBinary.read(newer, LifecycleEvent.SCHEMA$, LifecycleEvent.class, AvroBinary.write(newer, written));

        Heartbeat expected = Heartbeat.newBuilder((Heartbeat) today.getPayload())
                .setState(InstanceState.UNKNOWN)
                .build();
        assertThat(read.getPayload()).isEqualTo(expected);
        assertThat(read.getActor()).isEqualTo(today.getActor());
    }

    @Test
    void shouldReadVerdictAddedByNewerWriterAsUnknown() {
        GovernanceDecision today = GovernanceDecisionExamples.all().get(0).getPayload();
        Schema newer = withExtraSymbol(
                GovernanceDecision.SCHEMA$, "io.meshwork.schemas.governance.Verdict", "ALLOWED_PENDING_APPROVAL");
        GenericRecord written = asWrittenBy(newer, GovernanceDecision.class, today);
        written.put(
                "verdict", new GenericData.EnumSymbol(newer.getField("verdict").schema(), "ALLOWED_PENDING_APPROVAL"));

        GovernanceDecision read = AvroBinary.read(
                newer, GovernanceDecision.SCHEMA$, GovernanceDecision.class, AvroBinary.write(newer, written));

        assertThat(read)
                .isEqualTo(GovernanceDecision.newBuilder(today)
                        .setVerdict(Verdict.UNKNOWN)
                        .build());
    }

    /** The record as a newer writer holds it: today's record read into the newer schema, generically. */
    private static <T extends SpecificRecord> GenericRecord asWrittenBy(Schema newer, Class<T> type, T today) {
        return AvroBinary.readGeneric(today.getSchema(), newer, AvroBinary.write(type, today));
    }

    /** A copy of {@code schema} in which the enum {@code enumFullName} has one more symbol at the end. */
    private static Schema withExtraSymbol(Schema schema, String enumFullName, String symbol) {
        Schema copy = copy(schema, enumFullName, symbol, new HashMap<>());
        assertThat(copy.toString()).as("the writer schema gained the symbol").contains("\"" + symbol + "\"");
        return copy;
    }

    private static Schema copy(Schema schema, String enumFullName, String symbol, Map<String, Schema> copied) {
        return switch (schema.getType()) {
            case RECORD -> {
                Schema done = copied.get(schema.getFullName());
                if (done != null) {
                    yield done;
                }
                Schema record =
                        Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), schema.isError());
                copied.put(schema.getFullName(), record);
                List<Schema.Field> fields = new ArrayList<>();
                for (Schema.Field field : schema.getFields()) {
                    fields.add(new Schema.Field(field, copy(field.schema(), enumFullName, symbol, copied)));
                }
                record.setFields(fields);
                yield record;
            }
            case ENUM ->
                copied.computeIfAbsent(schema.getFullName(), name -> {
                    List<String> symbols = new ArrayList<>(schema.getEnumSymbols());
                    if (name.equals(enumFullName)) {
                        symbols.add(symbol);
                    }
                    return Schema.createEnum(
                            schema.getName(), schema.getDoc(), schema.getNamespace(), symbols, schema.getEnumDefault());
                });
            case ARRAY -> Schema.createArray(copy(schema.getElementType(), enumFullName, symbol, copied));
            case MAP -> Schema.createMap(copy(schema.getValueType(), enumFullName, symbol, copied));
            case UNION ->
                Schema.createUnion(schema.getTypes().stream()
                        .map(branch -> copy(branch, enumFullName, symbol, copied))
                        .toList());
            default -> schema;
        };
    }
}
