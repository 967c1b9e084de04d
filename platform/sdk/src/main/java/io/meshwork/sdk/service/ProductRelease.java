package io.meshwork.sdk.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.meshwork.descriptor.DescriptorException;
import io.meshwork.descriptor.DescriptorParser;
import io.meshwork.descriptor.DescriptorProblem;
import io.meshwork.descriptor.DescriptorSchemas;
import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.sdk.serde.internal.JavaProperties;
import org.apache.avro.Schema;

/**
 * One released version of a data product: its {@code dataproduct.yaml} and the Avro schemas its output ports name,
 * read and checked once. A service lists its releases oldest first; the newest of each major version is the one it
 * writes, the older ones are history the platform is told about in order (so the registry checks every step).
 *
 * @param file where the descriptor was read from, for messages
 * @param descriptorText the descriptor exactly as written (sent to the platform, which parses it again)
 * @param parsed the parsed descriptor with its source lines
 * @param schemas subject ({@code <topic>-value}, {@code <topic>-key}) to Avro schema text, in port order
 */
public record ProductRelease(String file, String descriptorText, ParsedDescriptor parsed, Map<String, String> schemas) {

    /** Copies the schemas, keeping their order. */
    public ProductRelease {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(descriptorText, "descriptorText");
        Objects.requireNonNull(parsed, "parsed");
        schemas = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(schemas));
    }

    /** @return the product descriptor */
    public ProductDescriptor descriptor() {
        return parsed.descriptor();
    }

    /** @return the product id, e.g. {@code sales.orders} */
    public String productId() {
        return descriptor().id();
    }

    /** @return the version, e.g. {@code 1.1.0} */
    public String version() {
        return descriptor().version();
    }

    /** @return the major version, the topic's {@code v<N>} */
    public int major() {
        return descriptor().major();
    }

    /** @return the output port writing {@code topic}, if this release has it */
    public Optional<OutputPort> port(String topic) {
        return descriptor().outputPorts().stream()
                .filter(p -> p.topic().equals(topic))
                .findFirst();
    }

    /**
     * @param topic an output port's topic
     * @return the port's parsed value schema
     */
    public Schema valueSchema(String topic) {
        return parse(schemas.get(topic + "-value"), topic + "-value");
    }

    /**
     * @param topic an output port's topic
     * @return the port's parsed key schema, if it names one
     */
    public Optional<Schema> keySchema(String topic) {
        String text = schemas.get(topic + "-key");
        return text == null ? Optional.empty() : Optional.of(parse(text, topic + "-key"));
    }

    /**
     * Reads a release from the classpath, with its schemas: {@code .avsc} paths are resolved next to the descriptor
     * resource (also inside a jar), class names with the given class loader.
     *
     * @param resource the descriptor's resource name, e.g. {@code products/sales.orders/1.1.0/dataproduct.yaml}
     * @param loader where to look
     * @return the release
     * @throws MeshServiceException naming the resource, or every descriptor and schema problem with its line
     */
    public static ProductRelease fromClasspath(String resource, ClassLoader loader) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        URL url = loader.getResource(name);
        if (url == null) {
            throw new MeshServiceException(
                    "The descriptor resource " + name + " is not on the classpath. Fix: check the"
                            + " name, and that the resource folder holding it is part of the build");
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new MeshServiceException("The descriptor resource " + name + " has an unusable URL " + url, e);
        }
        if (uri.getScheme().equals("jar")) {
            try {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                return read(name, jar.provider().getPath(uri), loader);
            } catch (IOException e) {
                throw new MeshServiceException("Cannot open the jar holding " + name + ": " + e.getMessage(), e);
            }
        }
        return read(name, Path.of(uri), loader);
    }

    /**
     * Reads a release from a file, with the schema files its ports name relative to it.
     *
     * @param file the {@code dataproduct.yaml}
     * @return the release
     * @throws MeshServiceException naming every descriptor and schema problem with its line
     */
    public static ProductRelease fromFile(Path file) {
        return read(file.toString(), file, Thread.currentThread().getContextClassLoader());
    }

    private static ProductRelease read(String name, Path file, ClassLoader loader) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(DescriptorParser.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new MeshServiceException(
                    "Cannot read the descriptor " + name + ": " + e.getMessage()
                            + ". Fix: check the path and its permissions",
                    e);
        }
        ParsedDescriptor parsed;
        List<DescriptorSchemas.PortSchemas> ports;
        try {
            parsed = DescriptorParser.parse(name, bytes);
            Path dir = file.toAbsolutePath().getParent();
            ports = DescriptorSchemas.load(parsed, dir, loader);
        } catch (DescriptorException e) {
            List<String> lines = new ArrayList<>();
            for (DescriptorProblem p : e.problems()) {
                lines.add(p.toString());
            }
            throw new MeshServiceException(
                    "The descriptor " + name + " has " + e.problems().size() + " problem"
                            + (e.problems().size() == 1 ? "" : "s") + "; fix each one:",
                    lines);
        }
        Map<String, String> schemas = new LinkedHashMap<>();
        for (DescriptorSchemas.PortSchemas p : ports) {
            schemas.put(p.topic() + "-value", withoutJavaProperties(p.valueSchema(), name, p.topic() + "-value"));
            if (p.keySchema() != null) {
                schemas.put(p.topic() + "-key", withoutJavaProperties(p.keySchema(), name, p.topic() + "-key"));
            }
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        ProductRelease release = new ProductRelease(name, text, parsed, schemas);
        for (String subject : schemas.keySet()) {
            parse(schemas.get(subject), subject + " of " + name);
        }
        return release;
    }

    /**
     * A schema taken from a generated class carries Java-only {@code avro.java.string} properties: left out, so that
     * what is registered is the schema every language sees (and what the SDK's serdes look up).
     */
    private static String withoutJavaProperties(String text, String file, String subject) {
        return text.contains("avro.java.string")
                ? JavaProperties.removedFrom(parse(text, subject + " of " + file))
                : text;
    }

    private static Schema parse(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException("no schema for " + what);
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (org.apache.avro.AvroRuntimeException | IllegalArgumentException e) {
            throw new MeshServiceException("The schema for " + what + " is not a valid Avro schema: " + e.getMessage()
                    + ". Fix the .avsc file");
        }
    }
}
