package io.meshwork.platform.server.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.meshwork.platform.server.conformance.AvroSchemas.field;
import static io.meshwork.platform.server.conformance.AvroSchemas.intRecord;
import static io.meshwork.platform.server.conformance.AvroSchemas.record;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertErrorOneOf;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertOk;
import static io.meshwork.platform.server.conformance.RegistryClient.schemaRequest;
import static io.meshwork.platform.server.conformance.RegistryClient.versionsOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compatibility levels decide registration and {@code POST /compatibility/subjects/{s}/versions[/{v}]}.
 *
 * <p>Every matrix case starts a subject at the level under test with the history v1 {@code {a: int}}, v2
 * {@code {a: int = 0, b: string = ""}} (compatible with v1 both ways), then offers one candidate.
 */
class CompatibilityIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    private static final String V1 = record("Matrix", field("a", "int"));
    private static final String V2 = record("Matrix", field("a", "int", "0"), field("b", "string", "\"\""));

    /** The candidates offered after v1 and v2, and the levels under which each must be accepted. */
    enum Candidate {
        /** Adds a field with a default: compatible every way with every version. */
        ADDS_OPTIONAL_FIELD(
                record("Matrix", field("a", "int", "0"), field("b", "string", "\"\""), field("c", "long", "0")),
                Set.of(
                        "BACKWARD",
                        "BACKWARD_TRANSITIVE",
                        "FORWARD",
                        "FORWARD_TRANSITIVE",
                        "FULL",
                        "FULL_TRANSITIVE",
                        "NONE")),
        /** Drops b's default: reads v2's data but not v1's (which has no b), so only non-transitive backward. */
        MAKES_B_REQUIRED(
                record("Matrix", field("a", "int", "0"), field("b", "string")),
                Set.of("BACKWARD", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "NONE")),
        /** Drops a: v2 reads its data (a has a default there) but v1 does not, so only non-transitive forward. */
        DROPS_A(
                record("Matrix", field("b", "string", "\"\"")),
                Set.of("BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FULL", "NONE")),
        /** Adds a field without a default: cannot read old data, old readers ignore it. */
        ADDS_REQUIRED_FIELD(
                record("Matrix", field("a", "int", "0"), field("b", "string", "\"\""), field("c", "int")),
                Set.of("FORWARD", "FORWARD_TRANSITIVE", "NONE")),
        /** Widens a from int to long: reads old data, old readers cannot read a long as an int. */
        WIDENS_A_TO_LONG(
                record("Matrix", field("a", "long", "0"), field("b", "string", "\"\"")),
                Set.of("BACKWARD", "BACKWARD_TRANSITIVE", "NONE")),
        /** Changes a from int to string: incompatible every way. */
        CHANGES_A_TO_STRING(
                record("Matrix", field("a", "string", "\"\""), field("b", "string", "\"\"")), Set.of("NONE")),
        /** Not a record at all. */
        REPLACES_RECORD_WITH_STRING("\"string\"", Set.of("NONE"));

        final String schema;
        final Set<String> acceptedUnder;

        Candidate(String schema, Set<String> acceptedUnder) {
            this.schema = schema;
            this.acceptedUnder = acceptedUnder;
        }
    }

    private static final List<String> LEVELS = List.of(
            "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE");

    private final RegistryClient client = registry.client();

    static Stream<Arguments> levelsAndCandidates() {
        List<Arguments> cases = new ArrayList<>();
        for (String level : LEVELS) {
            for (Candidate candidate : Candidate.values()) {
                cases.add(Arguments.of(level, candidate, candidate.acceptedUnder.contains(level)));
            }
        }
        return cases.stream();
    }

    /** Creates a subject at the level with v1 and v2. */
    private String subjectWithHistory(String level, String name) {
        String subject = ("matrix-" + level + "-" + name + "-value").toLowerCase(Locale.ROOT);
        client.setCompatibility(subject, level);
        client.register(subject, V1);
        client.register(subject, V2);
        return subject;
    }

    @ParameterizedTest(name = "{0}: {1} accepted = {2}")
    @MethodSource("levelsAndCandidates")
    void shouldAcceptOrRefuseACandidateAsTheLevelRequires(String level, Candidate candidate, boolean accepted) {
        String subject = subjectWithHistory(level, candidate.name());

        Reply check = assertOk(client.post("compatibility/" + versionsOf(subject), schemaRequest(candidate.schema)));
        assertThat(check.json().path("is_compatible").asBoolean(!accepted))
                .as("is_compatible of %s", check)
                .isEqualTo(accepted);

        Reply registration = client.post(versionsOf(subject), schemaRequest(candidate.schema));
        if (accepted) {
            assertOk(registration);
            assertThat(assertOk(client.get(versionsOf(subject))).ints()).containsExactly(1, 2, 3);
        } else {
            assertErrorOneOf(registration, 409, 409, 40901);
            assertThat(assertOk(client.get(versionsOf(subject))).ints()).containsExactly(1, 2);
        }
    }

    @Test
    void shouldRefuseAnIncompatibleRegistrationWith409(TestReporter reporter) {
        String subject = subjectWithHistory("BACKWARD", "refused-code");

        Reply refused = client.post(versionsOf(subject), schemaRequest(Candidate.CHANGES_A_TO_STRING.schema));

        assertErrorOneOf(refused, 409, 409, 40901);
        reporter.publishEntry("incompatible registration error_code", String.valueOf(refused.errorCode()));
    }

    @Test
    void shouldApplyTheGlobalBackwardDefaultToASubjectWithoutItsOwnLevel() {
        String subject = "global-default-value";
        client.register(subject, V1);
        client.register(subject, V2);

        Reply refused = client.post(versionsOf(subject), schemaRequest(Candidate.ADDS_REQUIRED_FIELD.schema));

        assertErrorOneOf(refused, 409, 409, 40901);
    }

    @Test
    void shouldCheckLatestOnlyAgainstTheLatestVersionEvenUnderATransitiveLevel() {
        String subject = subjectWithHistory("BACKWARD_TRANSITIVE", "latest-only");

        Reply latest = assertOk(client.post(
                "compatibility/" + versionsOf(subject) + "/latest", schemaRequest(Candidate.MAKES_B_REQUIRED.schema)));

        assertThat(latest.json().path("is_compatible").asBoolean(false))
                .as("%s", latest)
                .isTrue();
    }

    @Test
    void shouldCheckAGivenVersionOnlyAgainstThatVersion() {
        String subject = subjectWithHistory("BACKWARD", "given-version");
        String candidate = Candidate.MAKES_B_REQUIRED.schema;

        Reply againstV1 =
                assertOk(client.post("compatibility/" + versionsOf(subject) + "/1", schemaRequest(candidate)));
        Reply againstV2 =
                assertOk(client.post("compatibility/" + versionsOf(subject) + "/2", schemaRequest(candidate)));

        assertThat(againstV1.json().path("is_compatible").asBoolean(true))
                .as("%s", againstV1)
                .isFalse();
        assertThat(againstV2.json().path("is_compatible").asBoolean(false))
                .as("%s", againstV2)
                .isTrue();
    }

    @Test
    void shouldCheckEveryVersionPerTheLevelWhenNoVersionIsGivenWithATrailingSlash() {
        String subject = subjectWithHistory("BACKWARD_TRANSITIVE", "trailing-slash");

        Reply transitive = assertOk(client.post(
                "compatibility/" + versionsOf(subject) + "/", schemaRequest(Candidate.MAKES_B_REQUIRED.schema)));
        Reply compatible = assertOk(client.post(
                "compatibility/" + versionsOf(subject) + "/", schemaRequest(Candidate.ADDS_OPTIONAL_FIELD.schema)));

        assertThat(transitive.json().path("is_compatible").asBoolean(true))
                .as("%s", transitive)
                .isFalse();
        assertThat(compatible.json().path("is_compatible").asBoolean(false))
                .as("%s", compatible)
                .isTrue();
    }

    @Test
    void shouldNameTheOffendingFieldInVerboseMessages() {
        String subject = subjectWithHistory("BACKWARD", "verbose");
        String candidate =
                record("Matrix", field("a", "int", "0"), field("b", "string", "\"\""), field("loyaltyTier", "string"));

        Reply reply = assertOk(
                client.post("compatibility/" + versionsOf(subject) + "/latest?verbose=true", schemaRequest(candidate)));

        JsonNode json = reply.json();
        assertThat(json.path("is_compatible").asBoolean(true)).as("%s", reply).isFalse();
        assertThat(json.path("messages").isArray()).as("messages in %s", reply).isTrue();
        assertThat(json.path("messages")).as("messages in %s", reply).isNotEmpty();
        assertThat(json.path("messages").toString()).as("messages in %s", reply).contains("loyaltyTier");
    }

    @Test
    void shouldAnswerNoMessagesForACompatibleVerboseCheck() {
        String subject = subjectWithHistory("BACKWARD", "verbose-ok");

        Reply reply = assertOk(client.post(
                "compatibility/" + versionsOf(subject) + "/latest?verbose=true",
                schemaRequest(Candidate.ADDS_OPTIONAL_FIELD.schema)));

        assertThat(reply.json().path("is_compatible").asBoolean(false))
                .as("%s", reply)
                .isTrue();
        assertThat(reply.json().path("messages")).as("messages in %s", reply).isEmpty();
    }

    @Test
    void shouldNotCheckAgainstASoftDeletedLatestVersion() {
        String subject = "soft-deleted-latest-value";
        client.register(subject, V1);
        client.register(subject, record("Matrix", field("a", "int"), field("b", "int", "0")));
        String candidate = record("Matrix", field("a", "int"), field("b", "string", "\"\""));
        Reply before =
                assertOk(client.post("compatibility/" + versionsOf(subject) + "/latest", schemaRequest(candidate)));
        assertThat(before.json().path("is_compatible").asBoolean(true))
                .as("%s", before)
                .isFalse();

        assertOk(client.delete("subjects/" + subject + "/versions/2"));

        assertOk(client.post(versionsOf(subject), schemaRequest(candidate)));
        assertThat(assertOk(client.get(versionsOf(subject))).ints()).containsExactly(1, 3);
    }

    @Test
    void shouldNotCheckAgainstASoftDeletedVersionUnderATransitiveLevel() {
        String subject = subjectWithHistory("BACKWARD_TRANSITIVE", "soft-deleted-first");
        String candidate = Candidate.MAKES_B_REQUIRED.schema;
        assertErrorOneOf(client.post(versionsOf(subject), schemaRequest(candidate)), 409, 409, 40901);

        assertOk(client.delete("subjects/" + subject + "/versions/1"));

        assertOk(client.post(versionsOf(subject), schemaRequest(candidate)));
        assertThat(assertOk(client.get(versionsOf(subject))).ints()).containsExactly(2, 3);
    }

    @Test
    void shouldAnswerCompatibleForASubjectWithoutVersions() {
        Reply latest = assertOk(client.post(
                "compatibility/subjects/compat-nobody-value/versions/latest", schemaRequest(intRecord("Nobody", "a"))));
        Reply all = assertOk(client.post(
                "compatibility/subjects/compat-nobody-value/versions", schemaRequest(intRecord("Nobody", "a"))));

        assertThat(latest.json().path("is_compatible").asBoolean(false))
                .as("%s", latest)
                .isTrue();
        assertThat(all.json().path("is_compatible").asBoolean(false))
                .as("%s", all)
                .isTrue();
    }

    @Test
    void shouldAnswer40402WhenCheckingAgainstAnUnknownVersion() {
        String subject = subjectWithHistory("BACKWARD", "unknown-version");

        assertError(
                client.post("compatibility/" + versionsOf(subject) + "/9", schemaRequest(intRecord("Matrix", "a"))),
                404,
                40402);
    }

    @Test
    void shouldAnswer42202WhenCheckingAgainstAnInvalidVersion() {
        String subject = subjectWithHistory("BACKWARD", "invalid-version");

        assertError(
                client.post("compatibility/" + versionsOf(subject) + "/0", schemaRequest(intRecord("Matrix", "a"))),
                422,
                42202);
    }

    @Test
    void shouldAnswer42201WhenCheckingAnInvalidSchema() {
        String subject = subjectWithHistory("BACKWARD", "invalid-schema");

        assertError(
                client.post("compatibility/" + versionsOf(subject) + "/latest", schemaRequest("{\"type\":\"record\"}")),
                422,
                42201);
    }
}
