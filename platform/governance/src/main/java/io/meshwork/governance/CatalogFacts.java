package io.meshwork.governance;

import java.util.Map;
import java.util.Optional;

import io.meshwork.descriptor.ParsedDescriptor;

/** {@link ProductFacts} held in maps, as built by {@link ProductFacts#of}. */
record CatalogFacts(
        Map<Integer, String> statusByMajor,
        Map<Integer, String> activeVersionByMajor,
        String knownClassification,
        Map<Integer, ParsedDescriptor> descriptorByMajor)
        implements ProductFacts {

    CatalogFacts {
        statusByMajor = statusByMajor == null ? Map.of() : Map.copyOf(statusByMajor);
        activeVersionByMajor = activeVersionByMajor == null ? Map.of() : Map.copyOf(activeVersionByMajor);
        descriptorByMajor = descriptorByMajor == null ? Map.of() : Map.copyOf(descriptorByMajor);
    }

    @Override
    public Optional<String> statusOfMajor(int major) {
        return Optional.ofNullable(statusByMajor.get(major));
    }

    @Override
    public Optional<String> activeVersion(int major) {
        return Optional.ofNullable(activeVersionByMajor.get(major));
    }

    @Override
    public Optional<String> classification() {
        return Optional.ofNullable(knownClassification);
    }

    @Override
    public Optional<ParsedDescriptor> descriptor(int major) {
        return Optional.ofNullable(descriptorByMajor.get(major));
    }
}
