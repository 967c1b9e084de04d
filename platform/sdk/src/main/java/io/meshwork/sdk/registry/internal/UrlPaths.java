package io.meshwork.sdk.registry.internal;

import java.nio.charset.StandardCharsets;

/** Encodes subject names and other values into one URL path segment. */
public final class UrlPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlPaths() {}

    /**
     * Percent-encodes every byte of the UTF-8 form except RFC 3986 unreserved characters, so that {@code /}, {@code :},
     * {@code +}, {@code ?} and spaces in a subject stay inside one segment.
     *
     * @param value the raw segment
     * @return the encoded segment
     */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * Normalizes a base URL so that relative paths can be appended: exactly one trailing slash.
     *
     * @param baseUrl e.g. {@code http://host:8081} or {@code http://host/registry/}
     * @return the base URL ending in {@code /}
     * @throws IllegalArgumentException when the URL is not http(s)
     */
    public static String base(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "The schema registry URL is missing; set schema.registry.url, e.g. http://localhost:8081");
        }
        String trimmed = baseUrl.trim();
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            throw new IllegalArgumentException("The schema registry URL '" + trimmed
                    + "' must start with http:// or https://, e.g. http://localhost:8081");
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed + "/";
    }
}
