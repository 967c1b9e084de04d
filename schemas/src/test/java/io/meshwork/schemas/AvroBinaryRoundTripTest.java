package io.meshwork.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Type;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every platform event survives Avro binary encoding unchanged, and the examples cover every event kind. */
class AvroBinaryRoundTripTest {

    /** The event kinds of mesh.lifecycle.v1, one payload record each (see schemas/README.md). */
    private static final Set<String> LIFECYCLE_EVENT_KINDS = Set.of(
            "ProductDeclared",
            "PublicationRequested",
            "ProductPublished",
            "ProductRejected",
            "Heartbeat",
            "ProductDeprecated",
            "ProductRetired",
            "ProductPaused",
            "ProductResumed",
            "SubscriptionRequested",
            "SubscriptionGranted",
            "SubscriptionDenied",
            "SubscriptionRevoked");

    static Stream<Named<LifecycleEvent>> lifecycleEvents() {
        return LifecycleEventExamples.all().stream();
    }

    static Stream<Named<GovernanceDecision>> governanceDecisions() {
        return GovernanceDecisionExamples.all().stream();
    }

    @ParameterizedTest
    @MethodSource("lifecycleEvents")
    void shouldRoundTripEveryLifecycleEventThroughAvroBinary(LifecycleEvent event) {
        byte[] bytes = AvroBinary.write(LifecycleEvent.class, event);

        LifecycleEvent read = AvroBinary.read(LifecycleEvent.class, bytes);

        assertThat(read).isNotSameAs(event).isEqualTo(event);
        assertThat(read.getPayload()).isExactlyInstanceOf(event.getPayload().getClass());
    }

    @ParameterizedTest
    @MethodSource("governanceDecisions")
    void shouldRoundTripEveryGovernanceDecisionThroughAvroBinary(GovernanceDecision decision) {
        byte[] bytes = AvroBinary.write(GovernanceDecision.class, decision);

        GovernanceDecision read = AvroBinary.read(GovernanceDecision.class, bytes);

        assertThat(read).isNotSameAs(decision).isEqualTo(decision);
    }

    @Test
    void shouldOfferExactlyOnePayloadRecordPerLifecycleEventKind() {
        List<Schema> branches = payloadUnion().getTypes();

        assertThat(branches).allSatisfy(branch -> assertThat(branch.getType()).isEqualTo(Type.RECORD));
        assertThat(branches).extracting(Schema::getNamespace).containsOnly("io.meshwork.schemas.lifecycle");
        assertThat(branches).extracting(Schema::getName).containsExactlyInAnyOrderElementsOf(LIFECYCLE_EVENT_KINDS);
    }

    @Test
    void shouldRoundTripAnExampleOfEveryPayloadKindOfTheUnion() {
        Set<String> unionBranches =
                payloadUnion().getTypes().stream().map(Schema::getFullName).collect(Collectors.toSet());

        Set<String> exampleKinds = LifecycleEventExamples.all().stream()
                .map(named -> payloadSchema(named.getPayload()).getFullName())
                .collect(Collectors.toSet());

        assertThat(exampleKinds)
                .as("payload kinds with an example in LifecycleEventExamples; add one for every new kind")
                .containsExactlyInAnyOrderElementsOf(unionBranches);
    }

    @Test
    void shouldExerciseEveryOptionalLifecycleFieldBothSetAndUnset() {
        List<SpecificRecord> envelopes = new ArrayList<>();
        List<SpecificRecord> payloads = new ArrayList<>();
        for (Named<LifecycleEvent> named : LifecycleEventExamples.all()) {
            envelopes.add(named.getPayload());
            payloads.add((SpecificRecord) named.getPayload().getPayload());
        }

        assertThat(optionalFieldsNotBothSetAndUnset(envelopes)).isEmpty();
        assertThat(optionalFieldsNotBothSetAndUnset(payloads)).isEmpty();
    }

    @Test
    void shouldExerciseEveryOptionalGovernanceFieldBothSetAndUnset() {
        List<SpecificRecord> decisions = new ArrayList<>();
        List<SpecificRecord> results = new ArrayList<>();
        for (Named<GovernanceDecision> named : GovernanceDecisionExamples.all()) {
            decisions.add(named.getPayload());
            results.addAll(named.getPayload().getResults());
        }

        assertThat(optionalFieldsNotBothSetAndUnset(decisions)).isEmpty();
        assertThat(optionalFieldsNotBothSetAndUnset(results)).isEmpty();
    }

    private static Schema payloadUnion() {
        return LifecycleEvent.SCHEMA$.getField("payload").schema();
    }

    private static Schema payloadSchema(LifecycleEvent event) {
        return ((SpecificRecord) event.getPayload()).getSchema();
    }

    /**
     * The optional fields (unions with null) of the given records' types that are not null in at least one record
     * and null in at least one other record of the same type, as "Type.field".
     */
    private static List<String> optionalFieldsNotBothSetAndUnset(List<SpecificRecord> records) {
        List<String> missing = new ArrayList<>();
        records.stream().map(SpecificRecord::getSchema).distinct().forEach(type -> {
            List<SpecificRecord> ofType =
                    records.stream().filter(r -> r.getSchema().equals(type)).toList();
            for (Schema.Field field : type.getFields()) {
                if (!field.schema().isNullable()) {
                    continue;
                }
                boolean set = ofType.stream().anyMatch(r -> r.get(field.pos()) != null);
                boolean unset = ofType.stream().anyMatch(r -> r.get(field.pos()) == null);
                if (!set || !unset) {
                    missing.add(type.getName() + "." + field.name());
                }
            }
        });
        return missing;
    }
}
