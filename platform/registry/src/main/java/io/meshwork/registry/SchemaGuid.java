package io.meshwork.registry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A schema's GUID: the UUID that newer Confluent clients put in the {@code __value_schema_id} /
 * {@code __key_schema_id} header ({@code 0x01} + 16 bytes) and resolve with {@code GET /schemas/guids/{guid}}.
 *
 * <p>The GUID is not stored: it is derived from the schema's identity, the same parts that decide "same schema, same
 * id" (type, stored text, references, metadata, rule set), so every instance, a restarted one and one rebuilding from a
 * log written before GUIDs existed all compute the same GUID, and the same schema identity always has the same GUID.
 * The derivation, fixed forever (a GUID in a record header must resolve for as long as the record exists):
 *
 * <ol>
 *   <li>Input bytes: the UTF-8 bytes of {@value #NAMESPACE}, then each part as a 4-byte big-endian length followed by
 *       its UTF-8 bytes (length -1 and no bytes for an absent part): schema type, schema text; then the number of
 *       references as a 4-byte int and, per reference, its name, subject (as parts) and version (4-byte int); then the
 *       metadata and the rule set as compact JSON in the order they were sent (absent when not sent).
 *   <li>Digest: SHA-256 of the input; the GUID is its first 16 bytes with the version nibble set to 8 and the variant
 *       bits to {@code 10}: an RFC 9562 version 8 (custom, name-based) UUID.
 *   <li>Text: lowercase {@code 8-4-4-4-12} hexadecimal.
 * </ol>
 *
 * <p>Length prefixes make the encoding unambiguous, so two different identities can only share a GUID through a
 * SHA-256 collision. In normal mode one identity has exactly one id, so GUIDs and ids are one-to-one; only IMPORT mode
 * can give one identity two ids, and then the GUID names the lowest of them.
 */
public final class SchemaGuid {
    /** The fixed prefix of every GUID's input; changing it would change every GUID. */
    public static final String NAMESPACE = "meshwork.registry.schema-guid.v1";

    private static final Pattern FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ABSENT = -1;

    private SchemaGuid() {}

    /**
     * Derives the GUID of a schema from its identity (its id is not part of it).
     *
     * @param schema the schema
     * @return the GUID, lowercase {@code 8-4-4-4-12}
     */
    public static String of(StoredSchema schema) {
        ByteArrayOutputStream input =
                new ByteArrayOutputStream(256 + schema.schema().length());
        input.writeBytes(NAMESPACE.getBytes(StandardCharsets.UTF_8));
        part(input, schema.schemaType());
        part(input, schema.schema());
        integer(input, schema.references().size());
        for (SchemaReference reference : schema.references()) {
            part(input, reference.name());
            part(input, reference.subject());
            integer(input, reference.version());
        }
        part(input, json(schema.metadata()));
        part(input, json(schema.ruleSet()));
        byte[] digest = sha256(input.toByteArray());
        digest[6] = (byte) ((digest[6] & 0x0f) | 0x80);
        digest[8] = (byte) ((digest[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(digest, 0, 16);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }

    /**
     * Reads a GUID as a client sends it: 32 hexadecimal digits in the groups {@code 8-4-4-4-12}, either case.
     *
     * @param text the text, e.g. a path segment
     * @return the GUID in lowercase, or empty when the text is not in that form
     */
    public static Optional<String> parse(String text) {
        if (text == null || text.length() != 36 || !FORM.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(text.toLowerCase(Locale.ROOT));
    }

    private static void part(ByteArrayOutputStream out, String text) {
        if (text == null) {
            integer(out, ABSENT);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        integer(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void integer(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static String json(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            // As the identity sees it: a JSON null is no metadata.
            return null;
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a stored JSON node", e);
        }
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
