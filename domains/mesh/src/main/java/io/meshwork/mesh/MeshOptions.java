package io.meshwork.mesh;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the embedded mesh runs: where its data is, which ports, and whether the simulators send traffic.
 *
 * @param dataDir the folder of the broker's data and the services' state
 * @param host the address Kafka binds and advertises
 * @param kafkaPort Kafka's client port (0: a free one)
 * @param controllerPort the KRaft controller's port (0: a free one)
 * @param platformPort the platform's HTTP port (0: a free one)
 * @param firstServicePort the health and metrics port of the first service, the next ones follow (0: free ones)
 * @param simulate whether the simulators send traffic
 * @param rateFactor multiplies every simulator's rate
 * @param heartbeatInterval how often services report to the platform
 * @param seed the simulators' random seed
 * @param help whether only the usage was asked for
 */
public record MeshOptions(
        Path dataDir,
        String host,
        int kafkaPort,
        int controllerPort,
        int platformPort,
        int firstServicePort,
        boolean simulate,
        double rateFactor,
        Duration heartbeatInterval,
        long seed,
        boolean help) {

    /** The options, for {@code --help} and wrong arguments. */
    public static final String USAGE =
            """
            Usage: meshctl dev [options]
              Starts the whole mesh on this machine: Kafka (in-process), the platform and the example domains with
              simulated traffic. Ctrl-C stops it; running it again resumes with the data kept.
            Options:
              --data-dir DIR          data of Kafka and of the services (default .meshwork)
              --kafka-port N          Kafka's port, bootstrap.servers (default 9092)
              --controller-port N     the KRaft controller's port (default 9093)
              --platform-port N       the platform's HTTP port: API, registry, OpenAPI (default 8080)
              --service-port N        health/metrics port of the first service, the others follow (default 8091)
              --no-traffic            start the simulators' topics but send nothing
              --rate-factor X         multiply every simulator's rate by X (default 1)
              --help                  this text
            Exit codes: 0 stopped cleanly, 1 could not start (the reason is printed), 2 wrong argument.""";

    /** @return the defaults: {@code .meshwork}, ports 9092, 9093, 8080 and 8091–, traffic on */
    public static MeshOptions defaults() {
        return new MeshOptions(
                Path.of(".meshwork"),
                "127.0.0.1",
                9092,
                9093,
                8080,
                8091,
                true,
                1.0,
                Duration.ofSeconds(5),
                System.nanoTime(),
                false);
    }

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException naming the wrong argument and what is expected
     */
    public static MeshOptions parse(String[] args) {
        MeshOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> o = o.with(b -> b.help = true);
                case "--no-traffic" -> o = o.with(b -> b.simulate = false);
                case "--data-dir" -> {
                    String v = value(args, i++, a);
                    try {
                        Path p = Path.of(v);
                        o = o.with(b -> b.dataDir = p);
                    } catch (InvalidPathException e) {
                        throw new IllegalArgumentException("--data-dir '" + v + "' is not a path");
                    }
                }
                case "--kafka-port" -> {
                    int p = port(value(args, i++, a), a);
                    o = o.with(b -> b.kafkaPort = p);
                }
                case "--controller-port" -> {
                    int p = port(value(args, i++, a), a);
                    o = o.with(b -> b.controllerPort = p);
                }
                case "--platform-port" -> {
                    int p = port(value(args, i++, a), a);
                    o = o.with(b -> b.platformPort = p);
                }
                case "--service-port" -> {
                    int p = port(value(args, i++, a), a);
                    o = o.with(b -> b.firstServicePort = p);
                }
                case "--rate-factor" -> {
                    String v = value(args, i++, a);
                    double f;
                    try {
                        f = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--rate-factor '" + v + "' is not a number");
                    }
                    if (!(f > 0) || f > 1000) {
                        throw new IllegalArgumentException("--rate-factor must be above 0 and at most 1000, got " + v);
                    }
                    o = o.with(b -> b.rateFactor = f);
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return o;
    }

    private static String value(String[] args, int i, String option) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i + 1];
    }

    private static int port(String text, String option) {
        try {
            int p = Integer.parseInt(text);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a port (0-65535)");
        }
    }

    /** A mutable copy, for {@link #with}. */
    static final class Builder {
        Path dataDir;
        String host;
        int kafkaPort;
        int controllerPort;
        int platformPort;
        int firstServicePort;
        boolean simulate;
        double rateFactor;
        Duration heartbeatInterval;
        long seed;
        boolean help;
    }

    /** @return a copy changed by {@code change} */
    MeshOptions with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder();
        b.dataDir = dataDir;
        b.host = host;
        b.kafkaPort = kafkaPort;
        b.controllerPort = controllerPort;
        b.platformPort = platformPort;
        b.firstServicePort = firstServicePort;
        b.simulate = simulate;
        b.rateFactor = rateFactor;
        b.heartbeatInterval = heartbeatInterval;
        b.seed = seed;
        b.help = help;
        change.accept(b);
        return new MeshOptions(
                b.dataDir,
                b.host,
                b.kafkaPort,
                b.controllerPort,
                b.platformPort,
                b.firstServicePort,
                b.simulate,
                b.rateFactor,
                b.heartbeatInterval,
                b.seed,
                b.help);
    }
}
