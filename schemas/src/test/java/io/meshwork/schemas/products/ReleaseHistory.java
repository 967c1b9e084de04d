package io.meshwork.schemas.products;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.meshwork.descriptor.DescriptorException;
import io.meshwork.descriptor.DescriptorParser;
import io.meshwork.descriptor.DescriptorProblem;
import io.meshwork.descriptor.DescriptorSchemas;
import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.SemanticVersion;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * The release history of one data product, {@code schemas/products/<id>/<version>/} (a {@code dataproduct.yaml} and
 * the schemas it names, as released), and the rules it must follow: each folder holds the version it is named after
 * of the product it sits in; within a major version every value and key schema passes the port's compatibility level
 * against the earlier releases of that major (all of them for a transitive level, the previous one otherwise), as
 * Avro's {@link SchemaCompatibility} decides, which is what the registry will decide at publication.
 */
final class ReleaseHistory {
    private final Path dir;

    ReleaseHistory(Path dir) {
        this.dir = dir;
    }

    /** One parsed release. */
    record Release(String folder, ParsedDescriptor parsed, Map<String, Schema> schemas) {
        SemanticVersion version() {
            return SemanticVersion.parse(parsed.descriptor().version());
        }
    }

    /** @return every problem of the history, one sentence each naming the release and the fix */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        String productId = dir.getFileName().toString();
        List<Release> releases = new ArrayList<>();
        for (Path folder : folders()) {
            read(folder, productId, problems, releases);
        }
        releases.sort(Comparator.comparing(Release::version));
        Map<Integer, List<Release>> byMajor = new TreeMap<>();
        for (Release r : releases) {
            byMajor.computeIfAbsent(r.version().major(), m -> new ArrayList<>()).add(r);
        }
        byMajor.forEach((major, line) -> {
            for (int i = 1; i < line.size(); i++) {
                checkAgainstEarlier(line.get(i), line.subList(0, i), problems);
            }
        });
        if (releases.isEmpty() && problems.isEmpty()) {
            problems.add(productId + " has no release: add " + dir + "/1.0.0/dataproduct.yaml");
        }
        return problems;
    }

    private List<Path> folders() {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void read(Path folder, String productId, List<String> problems, List<Release> releases) {
        String name = folder.getFileName().toString();
        Path file = folder.resolve("dataproduct.yaml");
        if (!SemanticVersion.isValid(name)) {
            problems.add(folder + " is not named for a version: name each release folder MAJOR.MINOR.PATCH");
            return;
        }
        if (!Files.isRegularFile(file)) {
            problems.add(folder + " has no dataproduct.yaml: each release keeps the descriptor it was released with");
            return;
        }
        try {
            ParsedDescriptor parsed = DescriptorParser.parse(file.toString(), Files.readAllBytes(file));
            if (!parsed.descriptor().id().equals(productId)) {
                problems.add(file + " declares " + parsed.descriptor().id() + " but sits in the history of " + productId
                        + ": move it, or fix its id");
            }
            if (!parsed.descriptor().version().equals(name)) {
                problems.add(file + " declares version " + parsed.descriptor().version() + " but sits in folder " + name
                        + ": the folder is the version");
            }
            Map<String, Schema> schemas = new TreeMap<>();
            for (DescriptorSchemas.PortSchemas p :
                    DescriptorSchemas.load(parsed, folder, ReleaseHistory.class.getClassLoader())) {
                schemas.put(p.topic() + "-value", parse(p.valueSchema(), file, p.topic() + "-value", problems));
                if (p.keySchema() != null) {
                    schemas.put(p.topic() + "-key", parse(p.keySchema(), file, p.topic() + "-key", problems));
                }
            }
            releases.add(new Release(name, parsed, schemas));
        } catch (DescriptorException e) {
            for (DescriptorProblem p : e.problems()) {
                problems.add(p.toString());
            }
        } catch (IOException e) {
            problems.add(file + " cannot be read: " + e.getMessage());
        }
    }

    private static Schema parse(String text, Path file, String subject, List<String> problems) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            problems.add(file + ": the schema of " + subject + " is not valid Avro: " + e.getMessage());
            return null;
        }
    }

    private static void checkAgainstEarlier(Release release, List<Release> earlier, List<String> problems) {
        for (OutputPort port : release.parsed().descriptor().outputPorts()) {
            String level = port.effectiveCompatibility();
            boolean transitive = level.endsWith("_TRANSITIVE");
            boolean backward = level.startsWith("BACKWARD") || level.startsWith("FULL");
            boolean forward = level.startsWith("FORWARD") || level.startsWith("FULL");
            List<Release> against = transitive ? earlier : List.of(earlier.get(earlier.size() - 1));
            for (String role : List.of("-value", "-key")) {
                Schema candidate = release.schemas().get(port.topic() + role);
                if (candidate == null) {
                    continue;
                }
                for (Release prior : against) {
                    Schema old = prior.schemas().get(port.topic() + role);
                    if (old == null) {
                        continue;
                    }
                    if (backward) {
                        compatible(candidate, old, "read data written by", release, prior, port, role, level, problems);
                    }
                    if (forward) {
                        compatible(old, candidate, "be read by", release, prior, port, role, level, problems);
                    }
                }
            }
        }
    }

    private static void compatible(
            Schema reader,
            Schema writer,
            String relation,
            Release release,
            Release prior,
            OutputPort port,
            String role,
            String level,
            List<String> problems) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            problems.add(release.parsed().descriptor().id() + " " + release.folder() + " breaks " + level + " on "
                    + port.topic() + role + ": it cannot " + relation + " " + prior.folder() + " ("
                    + String.join(
                            "; ",
                            result.getResult().getIncompatibilities().stream()
                                    .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                                    .toList())
                    + "). Fix: make the change compatible, or release it as "
                    + (release.version().major() + 1) + ".0.0 on "
                    + release.parsed().descriptor().id() + ".v"
                    + (release.version().major() + 1));
        }
    }
}
