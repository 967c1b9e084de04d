package io.meshwork.descriptor;

import java.io.StringReader;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns descriptor text into one SnakeYAML node tree, or into problems. The text is checked before it is composed:
 * size, characters, one document, nesting depth and number of aliases, so that hostile input costs little and every
 * problem has a line and column.
 */
final class DescriptorYaml {
    /** The largest descriptor read, in UTF-8 bytes. */
    static final int MAX_BYTES = 1 << 20;

    /** Deepest nesting of mappings and lists; a valid descriptor needs five. */
    static final int MAX_DEPTH = 10;

    /** Most aliases ({@code *name}) in a document; a valid descriptor needs few or none. */
    static final int MAX_ALIASES = 50;

    private DescriptorYaml() {}

    /**
     * @return the root node, or null when the text has problems (then added to {@code problems}), including when it is
     *     empty
     */
    static Node compose(String text, ProblemList problems) {
        if (text == null) {
            empty(problems);
            return null;
        }
        long bytes = utf8Length(text);
        if (bytes > MAX_BYTES) {
            tooLarge(bytes, problems);
            return null;
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (!printable(body, problems)) {
            return null;
        }
        body = relaxJsonWhitespace(body);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by the reader, with both lines
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH + 10); // our own check, with a line number, comes first
        options.setCodePointLimit(MAX_BYTES);
        options.setProcessComments(false);
        Yaml yaml = new Yaml(options);
        try {
            if (!checkEvents(yaml, body, problems)) {
                return null;
            }
            Node root = yaml.compose(new StringReader(body));
            if (root == null || root instanceof ScalarNode scalar && isEmptyScalar(scalar)) {
                empty(problems);
                return null;
            }
            return root;
        } catch (MarkedYAMLException e) {
            syntaxProblem(e, problems);
        } catch (YAMLException e) {
            problems.add(
                    null,
                    "",
                    "the YAML could not be read: " + sanitize(e.getMessage()),
                    "check the file is a single YAML mapping of descriptor fields; see docs/descriptor.md");
        } catch (RuntimeException e) {
            // SnakeYAML may have bugs of its own; bad input must still end as a problem, not a stack trace.
            problems.add(
                    null,
                    "",
                    "the YAML could not be read (" + e.getClass().getSimpleName() + ")",
                    "check the file is a single YAML mapping of descriptor fields; if it is, report this as a"
                            + " Meshwork bug with the file attached");
        }
        return null;
    }

    /** @return the length of {@code text} in UTF-8, without encoding it */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    static void tooLarge(long bytes, ProblemList problems) {
        problems.add(
                0,
                0,
                "",
                "the descriptor is " + bytes + " bytes; the limit is " + MAX_BYTES + " bytes (1 MiB)",
                "a descriptor holds metadata only: keep schemas in .avsc files and long documentation in linked"
                        + " pages");
    }

    private static void empty(ProblemList problems) {
        problems.add(
                1,
                1,
                "",
                "the descriptor is empty",
                "write the required fields id, version, domain and outputPorts; see docs/descriptor.md");
    }

    private static boolean isEmptyScalar(ScalarNode scalar) {
        return Tag.NULL.equals(scalar.getTag());
    }

    /** Reports the first character YAML does not allow, with its line and column. */
    private static boolean printable(String text, ProblemList problems) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0xFFFD) {
                problems.add(
                        line,
                        column,
                        "",
                        "the file is not valid UTF-8 text (found " + CharacterRules.describe(cp)
                                + ", which decoding puts in place of bytes that are not UTF-8)",
                        "save the file as UTF-8; a descriptor is text, not binary data");
                return false;
            }
            if (!CharacterRules.isYamlPrintable(cp)) {
                problems.add(
                        line,
                        column,
                        "",
                        "the file contains the non-printable character " + CharacterRules.describe(cp),
                        "remove it and save the file as UTF-8 text; a descriptor is text, not binary data");
                return false;
            }
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return true;
    }

    /**
     * JSON may be indented with tabs, which SnakeYAML refuses; outside quoted strings a tab is only whitespace, so it
     * is replaced by a space (keeping every line and column).
     */
    static String relaxJsonWhitespace(String text) {
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("{") || text.indexOf('\t') < 0) {
            return text;
        }
        StringBuilder s = new StringBuilder(text.length());
        boolean inDouble = false;
        boolean inSingle = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inDouble) {
                if (c == '\\' && i + 1 < text.length()) {
                    s.append(c).append(text.charAt(++i));
                    continue;
                }
                inDouble = c != '"';
            } else if (inSingle) {
                inSingle = c != '\'';
            } else if (c == '"') {
                inDouble = true;
            } else if (c == '\'') {
                inSingle = true;
            } else if (c == '\t') {
                c = ' ';
            }
            s.append(c);
        }
        return s.toString();
    }

    /** Streams the parser's events (no alias is expanded) to check structure before composing. */
    private static boolean checkEvents(Yaml yaml, String text, ProblemList problems) {
        int documents = 0;
        int depth = 0;
        int aliases = 0;
        for (Event event : yaml.parse(new StringReader(text))) {
            if (event instanceof DocumentStartEvent) {
                if (++documents > 1) {
                    problems.add(
                            event.getStartMark(),
                            "",
                            "the file holds more than one YAML document: a second one starts here",
                            "keep one descriptor per file: remove this '---' line and what follows it, or move that"
                                    + " to its own file");
                    return false;
                }
            } else if (event instanceof CollectionStartEvent) {
                if (++depth > MAX_DEPTH) {
                    problems.add(
                            event.getStartMark(),
                            "",
                            "the document is nested more than " + MAX_DEPTH + " levels deep",
                            "a descriptor needs at most 5 levels (outputPorts > port > fieldTags > field > tags);"
                                    + " remove the extra nesting");
                    return false;
                }
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            } else if (event instanceof AliasEvent) {
                if (++aliases > MAX_ALIASES) {
                    problems.add(
                            event.getStartMark(),
                            "",
                            "the document uses more than " + MAX_ALIASES + " YAML aliases (*name)",
                            "write the values out in full instead of repeating anchors; a descriptor needs few or"
                                    + " no aliases");
                    return false;
                }
            }
        }
        if (documents == 0) {
            empty(problems);
            return false;
        }
        return true;
    }

    private static void syntaxProblem(MarkedYAMLException e, ProblemList problems) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext();
        StringBuilder message = new StringBuilder("YAML syntax error: ");
        if (context != null && !context.isEmpty()) {
            message.append(context).append(": ");
        }
        message.append(problem);
        problems.add(mark, "", sanitize(message.toString()), syntaxFix(context == null ? "" : context, problem));
    }

    private static String syntaxFix(String context, String problem) {
        if (problem.contains("TAB")) {
            return "indent with spaces, not tabs";
        }
        if (problem.contains("mapping values are not allowed")) {
            return "quote a value that contains ': ', e.g. title: \"Orders: all of them\"; otherwise check this"
                    + " line's indentation";
        }
        if (problem.contains("tag is not allowed") || problem.contains("could not determine a constructor")) {
            return "remove the YAML tag (the '!...' before the value); a descriptor holds plain values only";
        }
        if (problem.contains("undefined alias")) {
            return "define the anchor (&name) before using *name, or quote a value that starts with '*'";
        }
        if (problem.contains("unknown escape character")) {
            return "in double quotes a backslash starts an escape: write \\\\ for a backslash, or use single quotes";
        }
        if (problem.contains("cannot start any token")) {
            return "quote a value that starts with a special character such as @ or `";
        }
        if (context.contains("quoted scalar")) {
            return "close the quoted value with the same quote it starts with";
        }
        if (context.contains("flow sequence") || context.contains("flow mapping")) {
            return "close every [ with ] and { with }, with commas between items";
        }
        if (problem.contains("could not find expected ':'")) {
            return "write each field as 'name: value'; check this line and the one before for a missing ':' or an"
                    + " unclosed quote";
        }
        if (context.contains("block mapping") || context.contains("block collection")) {
            return "check the indentation: the fields of one mapping start in the same column, and list items"
                    + " ('- ') line up";
        }
        return "check the indentation and quoting here; quote values that contain ': ' or ' #' or start with one of"
                + " { [ * & ! | > % @ `";
    }

    /** Makes a parser message safe to show: one line, no control or invisible characters. */
    private static String sanitize(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        message.codePoints().forEach(cp -> {
            if (cp == '\n') {
                s.append(' ');
            } else if (CharacterRules.isSafeToShow(cp)) {
                s.appendCodePoint(cp);
            } else {
                s.append(CharacterRules.describe(cp));
            }
        });
        return s.toString().strip();
    }
}
