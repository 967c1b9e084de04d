package io.meshwork.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./meshctl} script at the repository root, run as a real process (the build has packaged the CLI and
 * written its classpath before integration tests run): versions, a command against the real platform, exit codes,
 * the {@code dev} placeholder.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class MeshctlScriptIT {
    private static final Path SCRIPT =
            Path.of("").toAbsolutePath().resolve("../../meshctl").normalize();

    private static MeshUnderTest mesh;
    private static String product;

    /** A finished process: exit code, stdout, stderr, and how long it took. */
    record Finished(int exitCode, String out, String err, long millis) {}

    @BeforeAll
    static void startMesh(EmbeddedKafkaBroker broker) {
        mesh = new MeshUnderTest(broker);
        product = mesh.publishOrders(MeshUnderTest.uniqueDomain("script"), "internal");
    }

    @AfterAll
    static void stopMesh() {
        mesh.close();
    }

    private static Finished meshctl(String... args) throws IOException, InterruptedException {
        return run(SCRIPT, args);
    }

    private static Finished run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("meshctl", ".out");
        Path err = Files.createTempFile("meshctl", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(script.getParent().toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("MESHWORK_PLATFORM", mesh.platformUrl());
        builder.environment().put("MESHWORK_BOOTSTRAP_SERVERS", mesh.bootstrapServers());
        // a test never builds through the wrapper: that would install into the user's own Maven repository
        builder.environment().put("MESHCTL_NO_BUILD", "1");
        long start = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("meshctl finished").isTrue();
        long millis = (System.nanoTime() - start) / 1_000_000;
        Finished done = new Finished(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8),
                millis);
        Files.delete(out);
        Files.delete(err);
        assertThat(done.err())
                .as("the script must not rebuild the CLI in a test")
                .doesNotContain("building the CLI");
        return done;
    }

    @Test
    void shouldBeAnExecutableScriptAtTheRepositoryRoot() {
        assertThat(SCRIPT).exists().isExecutable();
    }

    @Test
    void shouldPrintItsVersionQuickly() throws Exception {
        Finished run = meshctl("--version");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("meshctl " + Meshctl.version() + "\nJava ")
                .contains("kafka-clients 4.3.1");
        assertThat(run.millis()).as("startup of a simple command").isLessThan(5_000);
    }

    @Test
    void shouldListProductsFromThePlatformNamedInTheEnvironment() throws Exception {
        Finished run = meshctl("products", "list", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode page = Run.JSON.readTree(run.out());
        assertThat(page.path("items").findValuesAsText("id")).contains(product);
    }

    @Test
    void shouldExitWithTheDocumentedCodes() throws Exception {
        Finished unknownProduct = meshctl("products", "show", "nowhere.nothing");
        Finished usage = meshctl("prodcuts", "list");
        Finished unreachable =
                meshctl("policies", "list", "--platform", "http://127.0.0.1:" + MeshUnderTest.deadPort());

        assertThat(unknownProduct.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(usage.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(usage.err())
                .startsWith("error: 'prodcuts' is not a meshctl command\n  did you mean: products")
                .contains("  fix: see 'meshctl --help'");
        assertThat(unreachable.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(unreachable.err())
                .startsWith("error: platform not reachable at ")
                .doesNotContain("Exception");
    }

    @Test
    void shouldNoticeThatTheCliIsNotBuiltInACheckoutWithoutIt(@TempDir Path checkout) throws Exception {
        Path copy = Files.copy(SCRIPT, checkout.resolve("meshctl"));

        Finished run = run(copy, "products", "list");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("meshctl: the CLI is not built and MESHCTL_NO_BUILD is set; build it with ./mvnw -B"
                        + " install -DskipTests -pl platform/cli -am\n");
    }
}
