package io.meshwork.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command pointed at a platform and a Kafka where nobody listens: exit code 3 and one line saying what is
 * unreachable, then one line with the fix, never a stack trace.
 */
class UnreachableServicesIT {
    private static final int PLATFORM_PORT = MeshUnderTest.deadPort();
    private static final int KAFKA_PORT = MeshUnderTest.deadPort();

    @TempDir
    static Path dir;

    private static Path schema;
    private static Path descriptor;

    @BeforeAll
    static void writeFiles() throws IOException {
        schema = Files.writeString(dir.resolve("order.avsc"), MeshUnderTest.ORDER_V1);
        descriptor = Files.writeString(
                dir.resolve("dataproduct.yaml"), MeshUnderTest.descriptor("sales", "1.0.0", "internal", ""));
    }

    private static Map<String, String> env() {
        return Map.of(
                "MESHWORK_PLATFORM", "http://127.0.0.1:" + PLATFORM_PORT,
                "MESHWORK_BOOTSTRAP_SERVERS", "127.0.0.1:" + KAFKA_PORT);
    }

    static Stream<String> commands() {
        return Stream.of(
                "products list",
                "products show sales.orders",
                "products search customer email",
                "schemas history sales.orders",
                "schemas diff sales.orders",
                "schemas check sales.orders SCHEMA",
                "check DESCRIPTOR",
                "compat get sales.orders",
                "compat set sales.orders.v1-value FULL",
                "deprecate sales.orders --major 1 --sunset 2099-01-31 --reason sunset",
                "retire sales.orders --major 1 --reason gone",
                "subscriptions list",
                "subscriptions request sales.orders --major 1 --consumer User:x --purpose reporting-of-orders",
                "subscriptions approve 1234",
                "subscriptions deny 1234 --reason no",
                "subscriptions revoke 1234 --reason no",
                "lineage",
                "lineage sales.orders --format dot",
                "tail sales.orders",
                "dlq list sales.orders",
                "dlq replay sales.orders",
                "policies list",
                "audit sales.orders");
    }

    @ParameterizedTest(name = "meshctl {0}")
    @MethodSource("commands")
    void shouldExitWithCode3AndSayThePlatformIsUnreachable(String command) {
        String[] args = command.replace("SCHEMA", schema.toString())
                .replace("DESCRIPTOR", descriptor.toString())
                .split(" ");

        Run run = Run.of(env(), args);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo(
                        "error: platform not reachable at http://127.0.0.1:" + PLATFORM_PORT + ": connection refused\n"
                                + "  fix: start the mesh with ./meshctl dev, or pass --platform URL (or set MESHWORK_PLATFORM)\n");
    }

    @Test
    void shouldSayWhenThePlatformsHostIsUnknown() {
        Run run = Run.of(env(), "products", "list", "--platform", "http://no-such-host.invalid:8080");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err()).startsWith("error: platform not reachable at http://no-such-host.invalid:8080: ");
    }

    @Test
    void shouldExitWithCode2ForAPlatformThatIsNotAUrl() {
        Run run = Run.of(env(), "products", "list", "--platform", "localhost:8080");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("error: --platform 'localhost:8080' is not an http(s) URL with a host");
    }

    @Test
    void shouldReportBothServicesDownInTheDoctorAndExitWithCode3() {
        Run run = Run.of(env(), "doctor", "--timeout", "2s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.out())
                .contains("FAIL  platform   platform not reachable at http://127.0.0.1:" + PLATFORM_PORT
                        + ": connection refused")
                .contains("fix: start the mesh with ./meshctl dev, or pass --platform URL")
                .contains("FAIL  kafka      Kafka not reachable at 127.0.0.1:" + KAFKA_PORT)
                .contains("fix: start the mesh with ./meshctl dev, or pass --bootstrap-servers HOST:PORT")
                .endsWith("2 problems found\n");
        assertThat(run.err()).isEmpty();
    }
}
