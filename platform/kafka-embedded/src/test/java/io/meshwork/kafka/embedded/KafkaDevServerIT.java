package io.meshwork.kafka.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the dev server as a separate JVM, the way a person does, and stops it with SIGINT (Ctrl-C). */
class KafkaDevServerIT {
    private static final Pattern RUNNING = Pattern.compile("Kafka is running: bootstrap.servers=(\\S+) ");

    @TempDir
    Path folder;

    @Test
    void shouldStopCleanlyOnSigintAndResumeWithTheDataKept() throws Exception {
        Path data = folder.resolve("kafka");
        int[] ports = NodePreflight.freePorts("127.0.0.1", 2);

        DevProcess first = DevProcess.start(data, ports);
        try (Admin admin = admin(first.bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic("dev.kept.v1", 3, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        int firstExit = first.interruptAndWait();
        assertThat(first.output()).contains("Kafka stopped; data kept in");
        assertThat(firstExit).isIn(0, 130);

        DevProcess second = DevProcess.start(data, ports);
        try (Admin admin = admin(second.bootstrapServers)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("dev.kept.v1");
        } finally {
            second.interruptAndWait();
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static final class DevProcess {
        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private final CompletableFuture<String> bootstrap = new CompletableFuture<>();
        private Thread reader;
        String bootstrapServers;

        private DevProcess(Process process) {
            this.process = process;
        }

        static DevProcess start(Path data, int[] ports) throws Exception {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(
                            java.toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            KafkaDevServer.class.getName(),
                            "--data-dir",
                            data.toString(),
                            "--port",
                            Integer.toString(ports[0]),
                            "--controller-port",
                            Integer.toString(ports[1]))
                    .redirectErrorStream(true)
                    .start();
            DevProcess dev = new DevProcess(process);
            dev.reader = new Thread(dev::readOutput, "dev-server-output");
            dev.reader.setDaemon(true);
            dev.reader.start();
            dev.bootstrapServers = dev.bootstrap.get(60, TimeUnit.SECONDS);
            return dev;
        }

        private void readOutput() {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher matcher = RUNNING.matcher(line);
                    if (matcher.find()) {
                        bootstrap.complete(matcher.group(1));
                    }
                }
            } catch (IOException e) {
                bootstrap.completeExceptionally(e);
            }
            bootstrap.completeExceptionally(new IllegalStateException("dev server ended: " + output()));
        }

        int interruptAndWait() throws Exception {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .start()
                    .waitFor();
            if (!process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("dev server did not stop within 60 s of SIGINT: " + output());
            }
            reader.join(10_000);
            return process.exitValue();
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
