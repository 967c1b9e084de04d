package io.meshwork.schemas;

import java.util.ArrayList;
import java.util.List;

import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Type;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Guards the rules every platform contract follows, so that future edits keep them. */
class ContractDocumentationTest {

    private static final List<Schema> CONTRACT_TYPES =
            NamedTypes.reachableFrom(LifecycleEvent.SCHEMA$, GovernanceDecision.SCHEMA$);

    @Test
    void shouldWalkEveryTypeOfBothPlatformContracts() {
        assertThat(CONTRACT_TYPES)
                .extracting(Schema::getFullName)
                .contains(
                        "io.meshwork.schemas.lifecycle.LifecycleEvent",
                        "io.meshwork.schemas.lifecycle.Heartbeat",
                        "io.meshwork.schemas.lifecycle.InstanceState",
                        "io.meshwork.schemas.lifecycle.SchemaDocument",
                        "io.meshwork.schemas.common.Actor",
                        "io.meshwork.schemas.common.ActorKind",
                        "io.meshwork.schemas.governance.GovernanceDecision",
                        "io.meshwork.schemas.governance.PolicyResult",
                        "io.meshwork.schemas.governance.SchemaChange",
                        "io.meshwork.schemas.governance.Verdict");
    }

    @Test
    void shouldDocumentEveryNamedTypeAndEveryField() {
        List<String> undocumented = new ArrayList<>();
        for (Schema type : CONTRACT_TYPES) {
            if (isBlank(type.getDoc())) {
                undocumented.add(type.getFullName());
            }
            if (type.getType() == Type.RECORD) {
                for (Schema.Field field : type.getFields()) {
                    if (isBlank(field.doc())) {
                        undocumented.add(type.getFullName() + "." + field.name());
                    }
                }
            }
        }

        assertThat(undocumented)
                .as("types and fields without a \"doc\"; say what each means for a user (units, format, null)")
                .isEmpty();
    }

    @Test
    void shouldGiveEveryEnumADefaultSymbolSoOldReadersSurviveNewSymbols() {
        List<String> withoutDefault = CONTRACT_TYPES.stream()
                .filter(type -> type.getType() == Type.ENUM)
                .filter(type -> type.getEnumDefault() == null)
                .map(Schema::getFullName)
                .toList();

        assertThat(withoutDefault)
                .as("enums without a \"default\" symbol (add UNKNOWN and \"default\": \"UNKNOWN\")")
                .isEmpty();
    }

    @Test
    void shouldMakeEveryOptionalFieldNullFirstWithANullDefault() {
        List<String> badlyOptional = new ArrayList<>();
        for (Schema type : CONTRACT_TYPES) {
            if (type.getType() != Type.RECORD) {
                continue;
            }
            for (Schema.Field field : type.getFields()) {
                Schema schema = field.schema();
                if (schema.getType() == Type.UNION
                        && schema.getTypes().stream().anyMatch(branch -> branch.getType() == Type.NULL)) {
                    boolean nullFirst = schema.getTypes().get(0).getType() == Type.NULL;
                    boolean nullDefault = field.defaultVal() == JsonProperties.NULL_VALUE;
                    if (!nullFirst || !nullDefault || schema.getTypes().size() != 2) {
                        badlyOptional.add(type.getFullName() + "." + field.name());
                    }
                }
            }
        }

        assertThat(badlyOptional)
                .as("optional fields must be [\"null\", T] with \"default\": null")
                .isEmpty();
    }

    private static boolean isBlank(String doc) {
        return doc == null || doc.isBlank();
    }
}
