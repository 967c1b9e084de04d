package io.meshwork.descriptor;

import java.util.Locale;

/**
 * Which characters a descriptor may contain. The raw text must be what YAML calls printable; values must in addition
 * be free of control characters (except tab and line feed in free text), line and paragraph separators, and, outside
 * free text, invisible formatting characters (zero-width spaces, byte order marks, direction overrides), which would
 * make a value look different from what it is. Direction overrides are refused in free text too.
 */
final class CharacterRules {
    /** Joins characters into one glyph (emoji sequences); harmless and needed in names in some scripts. */
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    /** Keeps characters apart that would otherwise join (Persian, Indic scripts). */
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;

    private CharacterRules() {}

    /** @return true when YAML allows {@code cp} in a document's raw text */
    static boolean isYamlPrintable(int cp) {
        return cp == 0x9
                || cp == 0xA
                || cp == 0xD
                || (cp >= 0x20 && cp <= 0x7E)
                || cp == 0x85
                || (cp >= 0xA0 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /**
     * @param multiLine whether the value is free text (a description): tab and line feed are allowed, and so are
     *     invisible formatting characters other than direction overrides and byte order marks
     * @return the first code point of {@code value} not allowed in a descriptor value, or -1
     */
    static int firstForbidden(String value, boolean multiLine) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (isSafeToShow(cp) || cp == ZERO_WIDTH_JOINER || cp == ZERO_WIDTH_NON_JOINER) {
                continue;
            }
            boolean freeText = cp == '\n'
                    || cp == '\t'
                    || Character.getType(cp) == Character.FORMAT && cp != 0xFEFF && !isDirectionControl(cp);
            if (!(multiLine && freeText)) {
                return cp;
            }
        }
        return -1;
    }

    /**
     * @return true for a code point that shows as itself: no control, format (invisible), separator, surrogate or
     *     noncharacter
     */
    static boolean isSafeToShow(int cp) {
        int type = Character.getType(cp);
        return !(type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.UNASSIGNED && (cp & 0xFFFE) == 0xFFFE
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR);
    }

    /** Embeddings, overrides and isolates, which can make text display in another order than it is read. */
    private static boolean isDirectionControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F;
    }

    /** @return {@code U+XXXX} with the character's name when it has a common one */
    static String describe(int cp) {
        String code = String.format(Locale.ROOT, "U+%04X", cp);
        return switch (cp) {
            case 0 -> code + " (NUL)";
            case '\t' -> code + " (tab)";
            case '\n' -> code + " (line feed)";
            case '\r' -> code + " (carriage return)";
            case 0x1B -> code + " (escape)";
            case 0xFEFF -> code + " (byte order mark)";
            case 0xFFFD -> code + " (replacement character)";
            default -> code;
        };
    }
}
