package io.meshwork.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EmbeddedKafkaPreflightTest {
    @TempDir
    Path folder;

    @Test
    void shouldExplainATakenPortInsteadOfFailingWithAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                    .dataFolder(folder.resolve("kafka"))
                    .port(port)
                    .build();

            assertThatThrownBy(broker::start)
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("port " + port + " on 127.0.0.1 is already in use")
                    .hasMessageContaining("choose another port");
            assertThat(broker.isRunning()).isFalse();
        }
    }

    @Test
    void shouldExplainADataFolderThatIsAFile() throws Exception {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataFolder(file).build();

        assertThatThrownBy(broker::start)
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is a file, not a folder");
    }

    @Test
    void shouldExplainADataFolderThatCannotBeCreated() throws Exception {
        Path file = Files.writeString(folder.resolve("plain-file"), "x");
        Path impossible = file.resolve("kafka");
        EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataFolder(impossible).build();

        assertThatThrownBy(broker::start)
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining(impossible.toString())
                .hasMessageContaining("cannot be created")
                .hasMessageContaining("Choose a folder you can write to");
    }

    @Test
    void shouldExplainADataFolderWithoutWritePermission() throws Exception {
        assumeFalse(
                "root".equals(System.getProperty("user.name")),
                "root writes through permission bits; the folder-under-a-file test covers this user");
        Path readOnly = Files.createDirectory(folder.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            EmbeddedKafkaBroker broker =
                    EmbeddedKafkaBroker.builder().dataFolder(readOnly).build();
            assertThatThrownBy(broker::start)
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("is not writable")
                    .hasMessageContaining("chmod u+w");
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void shouldExplainAProcFilesystemFolderAsNotWritable() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Path proc = Path.of("/proc/self/meshwork-kafka");
        EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().dataFolder(proc).build();

        assertThatThrownBy(broker::start)
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining(proc.toString())
                .hasMessageContaining("cannot be created");
    }

    @Test
    void shouldRejectAPortOutOfRange() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(70_000))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("70000 is out of range")
                .hasMessageContaining("0 for a free port");
    }

    @Test
    void shouldRejectTheSamePortForClientsAndController() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder()
                        .port(19_092)
                        .controllerPort(19_092)
                        .build())
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("Give them different values");
    }

    @Test
    void shouldPrintUsageAndExitWithTwoForAWrongDevServerArgument() {
        Output output = new Output();
        int code = KafkaDevServer.run(new String[] {"--prot", "9092"}, output.out, output.err, (broker, stop) -> {});

        assertThat(code).isEqualTo(2);
        assertThat(output.err()).contains("unknown argument '--prot'").contains("Usage: kafka-dev");
    }

    @Test
    void shouldExplainANonNumericDevServerPort() {
        Output output = new Output();
        int code = KafkaDevServer.run(new String[] {"--port", "ninety"}, output.out, output.err, (broker, stop) -> {});

        assertThat(code).isEqualTo(2);
        assertThat(output.err()).contains("--port expects a port number from 0 to 65535, not 'ninety'");
    }

    @Test
    void shouldExplainAMissingDevServerValue() {
        Output output = new Output();
        int code = KafkaDevServer.run(new String[] {"--data-dir"}, output.out, output.err, (broker, stop) -> {});

        assertThat(code).isEqualTo(2);
        assertThat(output.err()).contains("--data-dir needs a value");
    }

    @Test
    void shouldExitWithOneAndNoStackTraceWhenTheDevServerPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Output output = new Output();
            int code = KafkaDevServer.run(
                    new String[] {
                        "--data-dir", folder.resolve("dev").toString(),
                        "--port", Integer.toString(taken.getLocalPort()),
                        "--controller-port", "0"
                    },
                    output.out,
                    output.err,
                    (broker, stop) -> {});

            assertThat(code).isEqualTo(1);
            assertThat(output.err())
                    .contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
    }

    private static final class Output {
        private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

        String err() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }
    }
}
