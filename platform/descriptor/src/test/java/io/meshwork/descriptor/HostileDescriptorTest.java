package io.meshwork.descriptor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.meshwork.descriptor.Descriptors.FILE;
import static io.meshwork.descriptor.Descriptors.FULL;
import static io.meshwork.descriptor.Descriptors.MINIMAL;
import static io.meshwork.descriptor.Descriptors.assertProblem;
import static io.meshwork.descriptor.Descriptors.assertWellFormed;
import static io.meshwork.descriptor.Descriptors.onlyProblem;
import static io.meshwork.descriptor.Descriptors.problems;
import static io.meshwork.descriptor.Descriptors.withFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Input written to hurt: large, deeply nested, self-referencing, binary, or with invisible characters. */
class HostileDescriptorTest {
    private static final Duration QUICKLY = Duration.ofSeconds(5);

    @Test
    void shouldRejectADocumentOverOneMebibyte() {
        String text = withFields("description: " + "x".repeat(DescriptorParser.MAX_BYTES));

        DescriptorProblem p = assertTimeoutPreemptively(QUICKLY, () -> onlyProblem(text));

        assertProblem(p, 0, "", "the limit is 1048576 bytes (1 MiB)", "a descriptor holds metadata only");
    }

    @Test
    void shouldCountTheSizeInUtf8Bytes() {
        // 400 Ki characters of three bytes each: under the limit in characters, over it in bytes
        String text = withFields("description: " + "注".repeat(400 * 1024));

        assertProblem(onlyProblem(text), 0, "", "the limit is 1048576 bytes", "metadata only");
    }

    @Test
    void shouldRejectOversizedBytesBeforeDecodingThem() {
        byte[] bytes = new byte[DescriptorParser.MAX_BYTES + 1];

        DescriptorException e =
                catchThrowableOfType(DescriptorException.class, () -> DescriptorParser.parse(FILE, bytes));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("1048577 bytes"));
    }

    @Test
    void shouldStopAnAliasBomb() {
        String bomb =
                """
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                """;

        DescriptorProblem p = assertTimeoutPreemptively(QUICKLY, () -> onlyProblem(bomb));

        assertProblem(p, 7, "", "more than 50 YAML aliases (*name)", "write the values out in full");
    }

    @Test
    void shouldNotExpandASmallAliasBombUsedWhereTheSchemaLooks() {
        // Few aliases, but 2^40 leaves if anything walked the whole graph.
        StringBuilder text = new StringBuilder("x0: &x0 [a, a]\n");
        for (int i = 1; i <= 20; i++) {
            text.append("x")
                    .append(i)
                    .append(": &x")
                    .append(i)
                    .append(" [*x")
                    .append(i - 1)
                    .append(", *x")
                    .append(i - 1)
                    .append("]\n");
        }
        text.append("tags: *x20\n");

        List<DescriptorProblem> problems = assertTimeoutPreemptively(QUICKLY, () -> problems(text.toString()));

        // an aliased value is reported where it is written: at its anchor
        assertThat(problems)
                .filteredOn(p -> p.field().startsWith("tags"))
                .extracting(DescriptorProblem::field, DescriptorProblem::line)
                .containsExactly(tuple("tags[0]", 20), tuple("tags[1]", 20));
    }

    @Test
    void shouldRejectASelfReferencingList() {
        List<DescriptorProblem> problems =
                assertTimeoutPreemptively(QUICKLY, () -> problems(MINIMAL + "quality: &q [*q]\n"));

        assertThat(problems)
                .anySatisfy(p -> assertProblem(p, 7, "quality[0]", "expected a quality rule, got a list", "quality:"));
    }

    @Test
    void shouldRejectDeeplyNestedFlowInput() {
        String text = "id: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";

        DescriptorProblem p = assertTimeoutPreemptively(QUICKLY, () -> onlyProblem(text));

        assertProblem(p, 1, "", "nested more than 10 levels deep", "remove the extra nesting");
        assertThat(p.column()).isEqualTo(14);
    }

    @Test
    void shouldRejectDeeplyNestedBlockInput() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            text.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        text.append("  ".repeat(12)).append("end\n");

        assertProblem(onlyProblem(text.toString()), 11, "", "nested more than 10 levels deep", "at most 5 levels");
    }

    @Test
    void shouldRejectBytesThatAreNotUtf8() throws Exception {
        byte[] bytes = (MINIMAL + "title: caf").getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, latin1, 0, bytes.length);
        latin1[bytes.length] = (byte) 0xE9; // 'é' in ISO-8859-1
        latin1[bytes.length + 1] = '\n';

        DescriptorException e =
                catchThrowableOfType(DescriptorException.class, () -> DescriptorParser.parse(FILE, latin1));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertProblem(
                    p,
                    7,
                    "",
                    "not valid UTF-8 text (byte 0xE9 at offset " + bytes.length + ")",
                    "save the file as UTF-8");
            assertThat(p.column()).isEqualTo(11);
        });
    }

    @Test
    void shouldRejectTextDecodedFromBytesThatWereNotUtf8() {
        String text = withFields("title: caf\uFFFD\n");

        DescriptorProblem p = onlyProblem(text);

        assertProblem(p, 7, "", "not valid UTF-8 text (found U+FFFD (replacement character)", "save the file as UTF-8");
        assertThat(p.column()).isEqualTo(11);
    }

    @Test
    void shouldRejectBinaryGarbageWithoutAnyOtherException() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[random.nextInt(2_000)];
            random.nextBytes(garbage);

            DescriptorException e =
                    catchThrowableOfType(DescriptorException.class, () -> DescriptorParser.parse(FILE, garbage));

            assertThat(e).as("garbage #%d", i).isNotNull();
            assertThat(e.problems()).allSatisfy(Descriptors::assertWellFormed);
        }
    }

    @ParameterizedTest
    @CsvSource({"0, U+0000 (NUL)", "7, U+0007", "128, U+0080", "65534, U+FFFE"})
    void shouldRejectNonPrintableCharactersInTheRawText(int codePoint, String described) {
        DescriptorProblem p = onlyProblem(withFields("title: a" + Character.toString(codePoint) + "b\n"));

        assertProblem(
                p, 7, "", "the file contains the non-printable character " + described, "save the file as UTF-8 text");
        assertThat(p.column()).isEqualTo(9);
    }

    @Test
    void shouldRejectALoneSurrogate() {
        assertProblem(onlyProblem(withFields("title: a\uD800b")), 7, "", "non-printable character U+D800", "UTF-8");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'id: \"sales\\e[2J.orders\"'      | id          | U+001B (escape)",
                "'id: \"sales\\norders\"'           | id          | U+000A (line feed)",
                "'id: \"sales\\torders\"'           | id          | U+0009 (tab)",
                "'id: \"sales\\rorders\"'           | id          | U+000D (carriage return)",
                "'domain: \"sa\\u202Eles\"'         | domain      | U+202E",
                "'domain: \"sa\\u200Bles\"'         | domain      | U+200B",
                "'domain: \"sa\\u2028les\"'         | domain      | U+2028",
                "'domain: \"sa\\uFEFFles\"'         | domain      | U+FEFF (byte order mark)",
                "'domain: \"sa\\x00les\"'           | domain      | U+0000 (NUL)",
                "'domain: \"sa\\uD800les\"'         | domain      | U+D800",
                "'description: \"Safe \\u202Etxt.exe\"' | description | U+202E",
                "'description: \"bell \\a\"'        | description | U+0007",
            })
    void shouldRejectInvisibleAndControlCharactersInValues(String line, String field, String described) {
        String text = MINIMAL.replaceFirst(field + ": .*\n", "") + line + "\n";
        if (!MINIMAL.contains(field + ":")) {
            text = withFields(line + "\n");
        }

        List<DescriptorProblem> problems = problems(text);

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains("contains the character " + described);
            assertThat(p.fix()).startsWith("remove it");
        });
    }

    @Test
    void shouldKeepHostileValuesOutOfMessages() {
        String longKey = "k".repeat(500);
        List<DescriptorProblem> problems =
                problems(withFields("\"evil\\e[31m\\u202E\": 1\n" + longKey + ": 2\nclassification: \"x\\e[0m\"\n"));

        assertThat(problems).hasSize(3).allSatisfy(Descriptors::assertWellFormed);
        assertThat(problems.get(0).message()).contains("a field name contains the character U+001B (escape)");
        assertThat(problems.get(1).message()).hasSizeLessThan(100).contains("'kkkkk", "…'");
        assertThat(problems.get(2).message()).contains("contains the character U+001B (escape)");
    }

    @Test
    void shouldQuoteValuesInMessagesWithEscapesAndCutThem() {
        assertThat(ProblemList.quote("x\u001b[0m\u202E\uD83D\uDE00")).isEqualTo("'x\\u001B[0m\\u202E\uD83D\uDE00'");
        assertThat(ProblemList.quote("a".repeat(61))).isEqualTo("'" + "a".repeat(60) + "…'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'title: !!python/object/apply:os.system [\"rm -rf /\"]' |       | Global tag is not allowed",
                "'title: !!binary aGVsbG8='                               | title | the YAML tag 'tag:yaml.org,2002:binary' is not supported",
                "'owner: !custom {team: a, email: a@example.com}'        | owner | the YAML tag '!custom' is not supported",
                "'tags: !!set {a, b}'                                     | tags  | expected a list of tags, got a mapping",
                "'tags: !!omap [a: 1]'                                    | tags  | the YAML tag 'tag:yaml.org,2002:omap' is not supported",
            })
    void shouldRejectExplicitYamlTags(String line, String field, String message) {
        assertProblem(onlyProblem(withFields(line)), 7, field == null ? "" : field, message, withFieldsFix(message));
    }

    private static String withFieldsFix(String message) {
        return message.contains("YAML tag") || message.contains("Global tag")
                ? "remove the"
                : "tags: [orders, revenue]";
    }

    @Test
    void shouldRejectMergeKeys() {
        String text = withFields("owner:\n  <<: {team: a, email: a@example.com}\n");

        List<DescriptorProblem> problems = problems(text);

        assertThat(problems)
                .anySatisfy(
                        p -> assertProblem(p, 8, "owner", "merge keys (<<) are not supported", "write the fields out"));
    }

    @Test
    void shouldRejectComplexKeys() {
        assertProblem(
                onlyProblem(withFields("? [a, b]\n: c\n")),
                7,
                "",
                "a field name must be plain text, got a list",
                "name: value");
    }

    @Test
    void shouldThrowOnlyDescriptorExceptionForMutatedDescriptors() {
        Random random = new Random(7);
        String alphabet = ":-[]{}&*!|>'\"%@`#,?\n\t \\~.0123456789aZ\u00e9\u202E\u0000";
        List<String> lines = FULL.lines().toList();
        for (int i = 0; i < 1_500; i++) {
            StringBuilder text = new StringBuilder(FULL);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(4)) {
                    case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < text.length()) {
                            text.deleteCharAt(at);
                        }
                    }
                    case 2 -> text.insert(at, lines.get(random.nextInt(lines.size())) + "\n");
                    default -> {
                        if (at < text.length()) {
                            text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            String mutated = text.toString();
            try {
                DescriptorParser.parse(FILE, mutated);
            } catch (DescriptorException e) {
                assertThat(e.problems()).as("problems for:%n%s", mutated).isNotEmpty();
                e.problems().forEach(Descriptors::assertWellFormed);
                assertThat(e.problems())
                        .as("no internal errors for:%n%s", mutated)
                        .noneSatisfy(p -> assertThat(p.message()).contains("could not be read"));
            } catch (RuntimeException | Error e) {
                throw new AssertionError("unexpected " + e + " for:\n" + mutated, e);
            }
        }
    }

    @Test
    void shouldThrowOnlyDescriptorExceptionForRandomText() {
        Random random = new Random(11);
        List<String> pieces = new ArrayList<>(List.of(
                "id",
                "version",
                "outputPorts",
                "- ",
                ": ",
                "\n",
                "  ",
                "[",
                "]",
                "{",
                "}",
                ",",
                "&a ",
                "*a",
                "'",
                "\"",
                "|",
                ">",
                "---\n",
                "...\n",
                "#",
                "!!str ",
                "? ",
                "1.0.0",
                "~",
                "null",
                "2027-01-31",
                "0x1",
                ".inf",
                "topic",
                "schema",
                "x.avsc",
                "\\",
                "%YAML 1.1\n",
                "<<",
                "\t"));
        for (int i = 0; i < 3_000; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            String input = text.toString();
            try {
                DescriptorParser.parse(FILE, input);
            } catch (DescriptorException e) {
                e.problems().forEach(Descriptors::assertWellFormed);
                assertThat(e.problems())
                        .as("no internal errors for:%n%s", input)
                        .noneSatisfy(p -> assertThat(p.message()).contains("could not be read"));
            } catch (RuntimeException | Error e) {
                throw new AssertionError("unexpected " + e + " for:\n" + input, e);
            }
        }
    }

    @Test
    void shouldReadANullFileNameAndNullText() {
        DescriptorException e =
                catchThrowableOfType(DescriptorException.class, () -> DescriptorParser.parse(null, (String) null));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertWellFormed(p);
            assertThat(p.message()).isEqualTo("the descriptor is empty");
        });
    }
}
