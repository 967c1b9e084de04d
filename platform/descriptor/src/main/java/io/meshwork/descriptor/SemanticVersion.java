package io.meshwork.descriptor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code MAJOR.MINOR.PATCH} version, ordered numerically.
 *
 * @param major the topic version
 * @param minor compatible changes
 * @param patch fixes
 */
public record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion> {
    private static final Pattern FORM = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");

    /**
     * @param text e.g. {@code 1.4.0}
     * @return the version
     * @throws IllegalArgumentException when {@code text} is not {@code MAJOR.MINOR.PATCH} with non-negative numbers
     */
    public static SemanticVersion parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a version of the form MAJOR.MINOR.PATCH (e.g. 1.4.0)");
        }
        return new SemanticVersion(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** @return true when {@code text} parses */
    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    @Override
    public int compareTo(SemanticVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
