package io.meshwork.sdk.registry.internal;

import io.meshwork.sdk.registry.SchemaRegistryException;

/** Builds the messages of {@link SchemaRegistryException}: the call, the registry's answer, and what to fix. */
public final class RegistryErrors {
    private RegistryErrors() {}

    /**
     * The exception for a refusal (an HTTP error answer).
     *
     * @param method HTTP method
     * @param url the full URL called
     * @param status HTTP status
     * @param errorCode the {@code error_code}, 0 when absent
     * @param serverMessage the {@code message} (or the raw body when it was not registry JSON)
     * @param attempts attempts made (more than 1 only for retriable statuses)
     * @return the exception to throw
     */
    public static SchemaRegistryException refused(
            String method, String url, int status, int errorCode, String serverMessage, int attempts) {
        StringBuilder text = new StringBuilder()
                .append("Schema registry refused ")
                .append(method)
                .append(' ')
                .append(url)
                .append(": HTTP ")
                .append(status);
        if (errorCode != 0) {
            text.append(", error_code ").append(errorCode);
        }
        text.append(": ").append(serverMessage == null || serverMessage.isBlank() ? "(no message)" : serverMessage);
        if (attempts > 1) {
            text.append(" (after ").append(attempts).append(" attempts)");
        }
        text.append(". ").append(hint(status, errorCode));
        return new SchemaRegistryException(text.toString(), status, errorCode, serverMessage, null);
    }

    /**
     * The exception for a registry that never answered.
     *
     * @param method HTTP method
     * @param url the full URL called
     * @param attempts attempts made
     * @param elapsedMillis time spent on all attempts
     * @param cause the last failure
     * @return the exception to throw
     */
    public static SchemaRegistryException unreachable(
            String method, String url, int attempts, long elapsedMillis, Throwable cause) {
        String reason = cause.getMessage() == null
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        String text = "Schema registry did not answer " + method + " " + url + " after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + " in " + elapsedMillis + " ms (last failure: " + reason
                + "). Check that the registry is running and that the configured URL (schema.registry.url) points at"
                + " it; raise the client's timeouts or retry policy if it is only slow.";
        return new SchemaRegistryException(text, SchemaRegistryException.NO_RESPONSE, 0, null, cause);
    }

    /**
     * What the caller should do about an error answer.
     *
     * @param status HTTP status
     * @param errorCode the registry's {@code error_code}, 0 when absent
     * @return one sentence naming the fix
     */
    public static String hint(int status, int errorCode) {
        switch (errorCode) {
            case 40401:
                return "Fix: register the schema under this subject first (or enable auto.register.schemas), and check"
                        + " the subject name strategy and topic name.";
            case 40402:
                return "Fix: ask for a version that exists under the subject (GET /subjects/{subject}/versions lists"
                        + " them).";
            case 40403:
                return "Fix: the schema is not registered (under this subject, for a lookup; at all, for an id or a"
                        + " GUID). Register it, or check that producer and consumer use the same registry.";
            case 40404:
            case 40406:
                return "Fix: it is already soft-deleted; delete with permanent=true to remove it for good.";
            case 40405:
            case 40407:
                return "Fix: soft-delete it first, then delete it with permanent=true.";
            case 40408:
                return "Fix: the subject has no config of its own; read the global config (GET /config) instead.";
            case 40901:
                return "Fix: make the change compatible with the subject's compatibility level (GET /config/{subject}),"
                        + " e.g. give new fields defaults and do not remove fields without defaults, or publish a new"
                        + " major version on a new topic.";
            case 42201:
                return "Fix: the schema is not valid; make it parse as the declared schema type (for Avro, with"
                        + " org.apache.avro.Schema.Parser) and resolve all references.";
            case 42202:
                return "Fix: use a version number from 1 to 2147483647, or 'latest'.";
            case 42203:
                return "Fix: use one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL,"
                        + " FULL_TRANSITIVE.";
            case 42204:
                return "Fix: use one of READWRITE, READONLY, IMPORT.";
            case 42205:
                return "Fix: the subject's or registry's mode forbids this operation; ask an operator to set mode"
                        + " READWRITE.";
            case 42206:
                return "Fix: other schemas still reference this one; delete them first.";
            case 42208:
                return "Fix: use a valid subject name.";
            default:
                break;
        }
        if (errorCode >= 42290 && errorCode <= 42299) {
            return "Fix: a Meshwork governance policy refused the schema; change it as the message says.";
        }
        if (status == 401 || status == 403) {
            return "Fix: check the registry credentials (basic auth user info) and the principal's permissions.";
        }
        if (status == 409) {
            return "Fix: make the change compatible with the subject's compatibility level (GET /config/{subject}).";
        }
        if (status == 404) {
            return "Fix: check the registry URL (including any base path) and the subject, version or id.";
        }
        if (status == 415 || status == 406) {
            return "Fix: the registry does not speak the Confluent registry protocol at this URL; check"
                    + " schema.registry.url.";
        }
        if (status >= 500) {
            return "Fix: the registry failed on its side; check its logs and its Kafka cluster, then retry.";
        }
        return "Fix: correct the request as the registry's message says.";
    }
}
