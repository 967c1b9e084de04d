package io.meshwork.platform.server.conformance;

/** Avro schemas the conformance tests register, written as the JSON a client would send. */
final class AvroSchemas {
    private AvroSchemas() {}

    /** @return a record schema {@code name} in namespace {@code com.example} with the given field definitions */
    static String record(String name, String... fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"com.example\",\"fields\":["
                + String.join(",", fields) + "]}";
    }

    /** @return a field definition without a default */
    static String field(String name, String type) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
    }

    /** @return a field definition with a default, given as JSON ({@code 0}, {@code ""}) */
    static String field(String name, String type, String defaultJson) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"default\":" + defaultJson + "}";
    }

    /** @return a one-field record {@code name} with an int field {@code fieldName} */
    static String intRecord(String name, String fieldName) {
        return record(name, field(fieldName, "int"));
    }
}
