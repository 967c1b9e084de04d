package io.meshwork.descriptor;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the Avro schema text each output port of a descriptor names: an {@code .avsc} file read relative to a base
 * directory (normally the descriptor's own), or a generated Avro class whose static {@code getClassSchema()} is
 * called. Avro itself is not needed here: the class is reached by reflection and its schema taken as text.
 */
public final class DescriptorSchemas {
    private DescriptorSchemas() {}

    /**
     * The schema texts of one output port.
     *
     * @param topic the port's topic
     * @param valueSchema the value schema's Avro JSON text
     * @param keySchema the key schema's Avro JSON text, or null when the port names none
     */
    public record PortSchemas(String topic, String valueSchema, String keySchema) {}

    /**
     * @param parsed the descriptor; its source lines locate problems
     * @param baseDir the directory {@code .avsc} paths are relative to; the caller decides what it may read, paths
     *     are not confined to it (schemas may be shared across services)
     * @param classLoader where generated classes are looked up
     * @return one entry per output port, in the descriptor's order
     * @throws DescriptorException naming every schema that is missing, unreadable or not a generated class, at the
     *     port's {@code schema} or {@code keySchema} line
     */
    public static List<PortSchemas> load(ParsedDescriptor parsed, Path baseDir, ClassLoader classLoader)
            throws DescriptorException {
        ProblemList problems = new ProblemList(parsed.file());
        List<PortSchemas> result = new ArrayList<>();
        List<OutputPort> ports = parsed.descriptor().outputPorts();
        for (int i = 0; i < ports.size(); i++) {
            OutputPort port = ports.get(i);
            String prefix = "outputPorts[" + i + "].";
            String value = schemaText(port.schema(), prefix + "schema", parsed, baseDir, classLoader, problems);
            String key = port.keySchema() == null
                    ? null
                    : schemaText(port.keySchema(), prefix + "keySchema", parsed, baseDir, classLoader, problems);
            result.add(new PortSchemas(port.topic(), value, key));
        }
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        return List.copyOf(result);
    }

    private static String schemaText(
            SchemaSource source,
            String field,
            ParsedDescriptor parsed,
            Path baseDir,
            ClassLoader classLoader,
            ProblemList problems) {
        Located at = new Located(parsed, field, problems);
        return source.path() != null
                ? fromFile(source.path(), baseDir, at)
                : fromClass(source.className(), classLoader, at);
    }

    private static String fromFile(String path, Path baseDir, Located at) {
        Path file;
        try {
            file = baseDir.resolve(path).normalize();
        } catch (InvalidPathException e) {
            at.problem(
                    "schema path " + ProblemList.quote(path) + " is not a valid file path",
                    "write a path relative to the descriptor, e.g. schemas/order.avsc");
            return null;
        }
        try {
            if (Files.isDirectory(file)) {
                at.problem(
                        "schema path " + ProblemList.quote(path) + " is a directory (" + file + ")",
                        "point to the .avsc file itself, e.g. schemas/order.avsc");
                return null;
            }
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                at.problem(
                        "schema file " + file + " is empty",
                        "write the Avro schema (JSON) in it, or point to the right file");
                return null;
            }
            return text;
        } catch (NoSuchFileException e) {
            at.problem(
                    "schema file not found: " + file,
                    "check the path; it is relative to "
                            + baseDir.toAbsolutePath().normalize());
        } catch (AccessDeniedException e) {
            at.problem("schema file " + file + " cannot be read: permission denied", "make the file readable");
        } catch (CharacterCodingException e) {
            at.problem("schema file " + file + " is not UTF-8 text", "save the schema as UTF-8");
        } catch (IOException | SecurityException e) {
            at.problem(
                    "schema file " + file + " cannot be read: " + e.getClass().getSimpleName(),
                    "check the path and the file's permissions");
        }
        return null;
    }

    private static String fromClass(String className, ClassLoader classLoader, Located at) {
        Class<?> type;
        try {
            type = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            at.problem(
                    "schema class " + className + " is not on the classpath",
                    "check the class name, and that the Avro classes are generated and compiled before this runs");
            return null;
        }
        Method method;
        try {
            method = type.getMethod("getClassSchema");
        } catch (NoSuchMethodException | SecurityException e) {
            method = null;
        }
        if (method == null || !Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0) {
            at.problem(
                    "class " + className + " has no static getClassSchema(): it is not a generated Avro class",
                    "name the class Avro generated from the schema, or point to the .avsc file instead");
            return null;
        }
        Object schema;
        try {
            schema = method.invoke(null);
        } catch (InvocationTargetException | IllegalAccessException | ExceptionInInitializerError e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            at.problem(
                    "calling " + className + ".getClassSchema() failed: " + cause,
                    "regenerate the class from its schema and rebuild");
            return null;
        }
        if (schema == null) {
            at.problem(
                    className + ".getClassSchema() returned null", "regenerate the class from its schema and rebuild");
            return null;
        }
        return schema.toString();
    }

    /** Where a port's schema field was written, for problems. */
    private record Located(ParsedDescriptor parsed, String field, ProblemList problems) {
        void problem(String message, String fix) {
            Integer line = parsed.lines().get(field);
            problems.add(line == null ? 0 : line, 0, field, message, fix);
        }
    }
}
