package io.meshwork.governance;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry subject read as a product's: {@code <domain>.<name>.v<major>-value} or {@code -key} (TopicNameStrategy on
 * the product topic).
 *
 * @param subject the subject as given
 * @param domain the first segment, as written
 * @param name the second segment, as written
 * @param major the topic version
 * @param key true for a {@code -key} subject, false for {@code -value}
 */
public record ProductSubject(String subject, String domain, String name, int major, boolean key) {
    private static final Pattern SHAPE =
            Pattern.compile("([^.\\s]+)\\.([^.\\s]+)\\.[vV](\\d{1,9})-(value|key)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEGMENT = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * @param subject a registry subject
     * @return the subject's parts when it has the shape of a product subject (three dot-separated parts, the last {@code
     *     v<digits>}, then {@code -value} or {@code -key}), even when a part is malformed; empty for platform subjects
     *     ({@code mesh.*}, {@code _mesh.*}) and for every other subject
     */
    public static Optional<ProductSubject> parse(String subject) {
        if (subject == null || isPlatform(subject)) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(subject);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ProductSubject(
                subject,
                m.group(1),
                m.group(2),
                Integer.parseInt(m.group(3)),
                m.group(4).equalsIgnoreCase("key")));
    }

    /**
     * @param subject a registry subject
     * @return true for the platform's own subjects, {@code mesh.*} and {@code _mesh.*}
     */
    public static boolean isPlatform(String subject) {
        return subject.startsWith("mesh.") || subject.startsWith("_mesh.");
    }

    /** @return the product id, {@code <domain>.<name>} */
    public String productId() {
        return domain + "." + name;
    }

    /** @return the product topic, {@code <domain>.<name>.v<major>} */
    public String topic() {
        return productId() + ".v" + major;
    }

    /** @return the subject this one should be: lowercase segments, {@code v<major>} without leading zeros */
    public String canonical() {
        return topic() + (key ? "-key" : "-value");
    }

    /** @return true when domain and name match {@code [a-z][a-z0-9-]*} and the subject is written canonically */
    public boolean wellFormed() {
        return SEGMENT.matcher(domain).matches() && SEGMENT.matcher(name).matches() && subject.equals(canonical());
    }
}
