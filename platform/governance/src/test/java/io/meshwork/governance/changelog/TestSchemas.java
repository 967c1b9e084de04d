package io.meshwork.governance.changelog;

import org.apache.avro.Schema;

/** Schemas for the changelog tests, written as JSON with single quotes so they read without escapes. */
final class TestSchemas {
    private TestSchemas() {}

    /** @return the schema parsed from JSON in which every {@code '} stands for {@code "} */
    static Schema parse(String json) {
        return new Schema.Parser().parse(json.replace('\'', '"'));
    }

    /** @return a root record {@code io.meshwork.test.Order} with the given field declarations */
    static Schema order(String... fields) {
        return parse("{'type': 'record', 'name': 'Order', 'namespace': 'io.meshwork.test', 'fields': ["
                + String.join(", ", fields) + "]}");
    }

    /** @return a field declaration without a default */
    static String field(String name, String type) {
        return "{'name': '" + name + "', 'type': " + type + "}";
    }

    /** @return a field declaration with a default, given as JSON */
    static String field(String name, String type, String defaultValue) {
        return "{'name': '" + name + "', 'type': " + type + ", 'default': " + defaultValue + "}";
    }

    /** @return a JSON string literal, for a type name */
    static String quoted(String text) {
        return "'" + text + "'";
    }
}
