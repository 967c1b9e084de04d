package io.meshwork.descriptor;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code dataproduct.yaml} (or its canonical JSON form) strictly: unknown fields, wrong types, bad formats and
 * missing required fields are all reported at once, each with file, line, field and fix.
 *
 * <p>Hostile input is cheap to reject: a document over 1 MiB, more than one YAML document, nesting deeper than 10
 * levels, more than 50 aliases, binary data or invisible control characters each end in a {@link DescriptorException}
 * naming where. No other exception escapes for bad input. The field reference is {@code docs/descriptor.md}.
 */
public final class DescriptorParser {
    /** The largest descriptor read: 1 MiB of UTF-8. */
    public static final int MAX_BYTES = DescriptorYaml.MAX_BYTES;

    private DescriptorParser() {}

    /**
     * @param file the file name to report in problems, e.g. {@code dataproduct.yaml}
     * @param text the YAML (or JSON) text
     * @return the descriptor with its source positions
     * @throws DescriptorException listing every problem found
     */
    public static ParsedDescriptor parse(String file, String text) throws DescriptorException {
        ProblemList problems = new ProblemList(file);
        Node root = DescriptorYaml.compose(text, problems);
        if (root == null) {
            throw problems.toException();
        }
        DescriptorReader reader = new DescriptorReader(problems);
        ProductDescriptor descriptor;
        try {
            descriptor = reader.read(root);
        } catch (RuntimeException e) {
            // A bug here must still reach the user as a located problem, never as a stack trace from a tool.
            problems.add(
                    root.getStartMark(),
                    "",
                    "the descriptor could not be read (" + e.getClass().getSimpleName() + ")",
                    "report this as a Meshwork bug, with the descriptor attached");
            descriptor = null;
        }
        if (descriptor == null || !problems.isEmpty()) {
            throw problems.toException();
        }
        return new ParsedDescriptor(descriptor, problems.file(), reader.lines());
    }

    /**
     * Reads a descriptor file's bytes, which must be UTF-8 (a leading byte order mark is skipped).
     *
     * @param file the file name to report in problems
     * @param content the file's bytes
     * @return the descriptor with its source positions
     * @throws DescriptorException listing every problem found, including bytes that are not UTF-8
     */
    public static ParsedDescriptor parse(String file, byte[] content) throws DescriptorException {
        ProblemList problems = new ProblemList(file);
        if (content == null) {
            return parse(file, (String) null);
        }
        if (content.length > MAX_BYTES) {
            DescriptorYaml.tooLarge(content.length, problems);
            throw problems.toException();
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            String before = new String(content, 0, offset, StandardCharsets.UTF_8);
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            problems.add(
                    line,
                    column,
                    "",
                    String.format(
                            Locale.ROOT,
                            "the file is not valid UTF-8 text (byte 0x%02X at offset %d)",
                            content[offset] & 0xFF,
                            offset),
                    "save the file as UTF-8; a descriptor is text, not binary data");
            throw problems.toException();
        }
        out.flip();
        return parse(file, out.toString());
    }
}
