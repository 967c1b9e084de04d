package io.meshwork.kafka.embedded;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the in-process broker on its own, for development: data under a folder (default {@code .meshwork/kafka}) so
 * that a restart resumes, fixed ports, a clean shutdown on Ctrl-C (SIGINT) or SIGTERM.
 *
 * <pre>
 * java -cp ... io.meshwork.kafka.embedded.KafkaDevServer [--data-dir DIR] [--host HOST] [--port N] [--controller-port N]
 * </pre>
 *
 * <p>Exit codes: 0 after a clean stop, 1 when the broker cannot start (the reason is printed), 2 for a wrong argument.
 */
public final class KafkaDevServer {
    static final String USAGE = String.join(
            System.lineSeparator(),
            "Usage: kafka-dev [--data-dir DIR] [--host HOST] [--port N] [--controller-port N]",
            "  --data-dir DIR         folder for the broker's data; a restart resumes from it (default .meshwork/kafka)",
            "  --host HOST            address to bind and advertise (default 127.0.0.1)",
            "  --port N               client port, 0 for a free one (default 9092)",
            "  --controller-port N    KRaft controller port, 0 for a free one (default 9093)");

    private KafkaDevServer() {}

    /** Starts the broker and blocks until the JVM is asked to stop. */
    public static void main(String[] args) {
        // The library ships no logback.xml (it would clash with its users'); the dev server brings its own quiet one.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "meshwork-kafka-dev-logback.xml");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        int code = run(args, System.out, System.err, (broker, stop) -> {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                stop.run();
                                stopped.countDown();
                            },
                            "kafka-dev-shutdown"));
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * What to do with a started broker: wait for a signal in {@link #main}, something shorter in tests. {@code stop}
     * stops the broker and reports it, once however often it runs.
     */
    @FunctionalInterface
    interface WhileRunning {
        void accept(EmbeddedKafkaBroker broker, Runnable stop);
    }

    static int run(String[] args, PrintStream out, PrintStream err, WhileRunning whileRunning) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("kafka-dev: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help) {
            out.println(USAGE);
            return 0;
        }
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.builder()
                    .dataFolder(options.dataFolder)
                    .host(options.host)
                    .port(options.port)
                    .controllerPort(options.controllerPort)
                    .build()
                    .start();
        } catch (EmbeddedKafkaException e) {
            err.println("kafka-dev: " + e.getMessage());
            return 1;
        }
        out.println("Kafka is running: bootstrap.servers=" + broker.bootstrapServers() + " (data in "
                + broker.dataFolder() + "). Press Ctrl-C to stop.");
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                broker.stop();
                out.println("Kafka stopped; data kept in " + broker.dataFolder() + ".");
            }
        };
        try {
            whileRunning.accept(broker, stop);
        } finally {
            stop.run();
        }
        return 0;
    }

    /** The parsed command line. */
    static final class Options {
        Path dataFolder = Path.of(".meshwork", "kafka");
        String host = "127.0.0.1";
        int port = 9092;
        int controllerPort = 9093;
        boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> options.help = true;
                    case "--data-dir" -> options.dataFolder = Path.of(value(args, ++i, arg));
                    case "--host" -> options.host = value(args, ++i, arg);
                    case "--port" -> options.port = port(value(args, ++i, arg), arg);
                    case "--controller-port" -> options.controllerPort = port(value(args, ++i, arg), arg);
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'.");
                }
            }
            if (options.port != 0 && options.port == options.controllerPort) {
                throw new IllegalArgumentException(
                        "--port and --controller-port are both " + options.port + "; give them different values.");
            }
            return options;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length || args[index].startsWith("--") || args[index].isBlank()) {
                throw new IllegalArgumentException(option + " needs a value.");
            }
            return args[index];
        }

        private static int port(String text, String option) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 0 && port <= 65_535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // Reported below with the same message as an out-of-range number.
            }
            throw new IllegalArgumentException(option + " expects a port number from 0 to 65535, not '" + text + "'.");
        }
    }
}
