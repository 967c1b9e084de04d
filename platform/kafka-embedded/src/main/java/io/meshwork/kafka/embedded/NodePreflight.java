package io.meshwork.kafka.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks made before a node starts, so that the usual mistakes (a port in use, a folder that cannot be written, a
 * folder already used by a running broker) end in a sentence instead of a broker stack trace.
 */
final class NodePreflight {
    private NodePreflight() {}

    /** Picks {@code count} distinct free TCP ports on the given host (all held open at once, so none repeats). */
    static int[] freePorts(String host, int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new EmbeddedKafkaException(
                    "Cannot find a free TCP port on " + host + ": " + e.getMessage()
                            + ". Check that the host name resolves to a local address.",
                    e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closing a probe socket cannot fail in a way that matters here.
                }
            }
        }
    }

    /** Fails with a clear message when {@code port} on {@code host} cannot be bound. */
    static void requirePortFree(String host, int port, String role) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new EmbeddedKafkaException("The embedded Kafka " + role + " port " + port + " on " + host
                    + " is already in use (" + e.getMessage() + "). Stop the process that holds it"
                    + " (for example `lsof -i :" + port + "` or `ss -ltnp` shows it), or choose another port"
                    + " (0 picks a free one).");
        }
    }

    /** Creates the folder if needed and proves it can be written; fails with a clear message otherwise. */
    static void requireWritableFolder(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new EmbeddedKafkaException("The embedded Kafka data folder " + absolute
                    + " is a file, not a folder. Remove it or choose another data folder.");
        }
        try {
            Files.createDirectories(absolute);
        } catch (IOException | SecurityException e) {
            throw new EmbeddedKafkaException("The embedded Kafka data folder " + absolute + " cannot be created ("
                    + describe(e) + "). Choose a folder you can write to, or fix the permissions of its parent.");
        }
        Path probe = absolute.resolve(".meshwork-write-probe");
        try {
            Files.writeString(probe, "ok");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new EmbeddedKafkaException("The embedded Kafka data folder " + absolute + " is not writable ("
                    + describe(e) + "). Fix its permissions (for example `chmod u+w " + absolute
                    + "`) or choose another data folder.");
        }
    }

    /** Fails with a clear message when another broker holds the folder's lock file. */
    static void requireFolderUnlocked(Path folder) {
        Path lockFile = folder.resolve(".lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(folder);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw inUse(folder);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("The embedded Kafka data folder " + folder + " has a lock file that"
                    + " cannot be opened (" + describe(e) + "). Fix its permissions or choose another folder.");
        }
    }

    private static EmbeddedKafkaException inUse(Path folder) {
        return new EmbeddedKafkaException("The embedded Kafka data folder " + folder.toAbsolutePath()
                + " is in use by another running broker. Stop that broker first, or choose another data folder.");
    }

    private static String describe(Exception e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
