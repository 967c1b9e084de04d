package io.meshwork.benchmarks.serde;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SerdeBenchmark} with its annotated settings (1 fork, 3 × 2 s warm-up, 5 × 2 s measurement, average
 * time in ns/op) and prints serde/raw ratios after JMH's table. It takes no arguments; for other JMH options run
 * {@code org.openjdk.jmh.Main} on the module's classpath instead.
 *
 * <p>Meant for {@code ./mvnw -q exec:java -pl platform/benchmarks
 * -Dexec.mainClass=io.meshwork.benchmarks.serde.SerdeBenchmarkMain}. {@code exec:java} runs in Maven's JVM, whose
 * {@code java.class.path} is Maven's launcher only, while JMH starts the forked JVM with {@code java.class.path}. So
 * before running, the module's classpath is read from the class loader exec:java created and put into
 * {@code java.class.path}; the benchmark then runs in a real fork, not in Maven's JVM. Started with a plain
 * {@code java -cp ...}, nothing changes.
 */
public final class SerdeBenchmarkMain {
    private SerdeBenchmarkMain() {}

    public static void main(String[] args) throws RunnerException {
        exposeClassPathToForks();
        Options options = new OptionsBuilder()
                .include(SerdeBenchmark.class.getName() + "\\.")
                // Two forks and a longer warm-up: with one fork and 3 warm-up iterations the round trip moved by 20 %
                // between runs (JIT and the idle broker and server sharing the 2 cores).
                .forks(Integer.getInteger("serde.forks", 2))
                .warmupIterations(6)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                // After PlatformServer.close() an idle Micronaut io-executor thread keeps the fork alive; JMH would
                // wait 30 s per fork for it after the results are in. 5 s is enough and changes no measurement.
                .jvmArgsAppend("-Djmh.shutdownTimeout=5")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        printRatios(results);
    }

    private static void printRatios(Collection<RunResult> results) {
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            label = label.substring(label.lastIndexOf('.') + 1);
            scores.put(label, result.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("serde / raw (goal: <= 1.15)");
        for (String operation : List.of("RoundTrip", "Serialize", "Deserialize")) {
            Double serde = scores.get("serde" + operation);
            Double raw = scores.get("raw" + operation);
            if (serde != null && raw != null) {
                System.out.printf(
                        "  %-12s serde %10.1f ns/op   raw %10.1f ns/op   ratio %.3f%n",
                        operation, serde, raw, serde / raw);
            }
        }
    }

    private static void exposeClassPathToForks() {
        String current = System.getProperty("java.class.path", "");
        String own = location(SerdeBenchmarkMain.class);
        if (own == null || List.of(current.split(File.pathSeparator)).contains(own)) {
            return;
        }
        Set<String> entries = new LinkedHashSet<>();
        List<ClassLoader> loaders = new ArrayList<>();
        for (ClassLoader loader = SerdeBenchmarkMain.class.getClassLoader();
                loader != null;
                loader = loader.getParent()) {
            loaders.add(0, loader);
        }
        for (ClassLoader loader : loaders) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    String path = path(url);
                    if (path != null) {
                        entries.add(path);
                    }
                }
            }
        }
        if (!entries.contains(own)) {
            entries.add(own);
        }
        System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
    }

    private static String location(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : path(source.getLocation());
    }

    private static String path(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
