package io.meshwork.kafka.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary folders for brokers that keep no data. */
final class DataFolders {
    private DataFolders() {}

    static Path createTemporary(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot create a temporary folder for the embedded Kafka data ("
                    + e.getMessage() + "). Check the space and permissions of java.io.tmpdir, or pass a folder.");
        }
    }

    static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // A leftover temporary file is harmless; the folder is under java.io.tmpdir.
                }
            });
        } catch (IOException e) {
            // Same as above: nothing the caller could do about it.
        }
    }
}
