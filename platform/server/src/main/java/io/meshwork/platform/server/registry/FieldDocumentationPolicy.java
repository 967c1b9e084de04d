package io.meshwork.platform.server.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.meshwork.registry.CompatibilityChecker;
import io.meshwork.registry.RegistrationPolicy;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;

/**
 * Governance policy {@code schema.field-docs}: every field of every record in a registered schema carries a
 * {@code doc}, so that consumers can read the contract. On when {@code meshwork.governance.require-field-docs} is
 * true.
 */
@Singleton
@Requires(property = "meshwork.governance.require-field-docs", value = "true")
public class FieldDocumentationPolicy implements RegistrationPolicy {
    /** The policy's id. */
    public static final String ID = "schema.field-docs";

    @Override
    public Optional<Violation> check(String subject, Schema candidate, List<CompatibilityChecker.Prior> priors) {
        List<String> undocumented = new ArrayList<>();
        collect(candidate, "", undocumented, new HashSet<>());
        if (undocumented.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Violation(
                ID,
                42290,
                "fields " + undocumented + " of subject '" + subject + "' have no \"doc\". Add a \"doc\" to each"
                        + " field saying what it means (units, format, when it is null)."));
    }

    private static void collect(Schema schema, String path, List<String> undocumented, Set<String> visited) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!visited.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
                    if (field.doc() == null || field.doc().isBlank()) {
                        undocumented.add(fieldPath);
                    }
                    collect(field.schema(), fieldPath, undocumented, visited);
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, path, undocumented, visited));
            case ARRAY -> collect(schema.getElementType(), path + "[]", undocumented, visited);
            case MAP -> collect(schema.getValueType(), path + "{}", undocumented, visited);
            default -> {
                // Primitives, enums and fixed have no fields.
            }
        }
    }
}
