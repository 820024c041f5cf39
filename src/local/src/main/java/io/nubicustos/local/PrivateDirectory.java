package io.nubicustos.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A pod's private working directory, where its Secret volumes are written: directories 0700 and
 * files 0400, so that no other user of the machine reads them, and the whole tree deleted after
 * the run, so that none stays behind.
 */
final class PrivateDirectory {

    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("r--------");
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIRECTORY = PosixFilePermissions.asFileAttribute(DIRECTORY_MODE);
    /** Writable only until the content is in. */
    private static final FileAttribute<Set<PosixFilePermission>> NEW_FILE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    private final Path path;

    private PrivateDirectory(Path path) {
        this.path = path;
    }

    /** A new directory under {@code workRoot} (created if missing), or under java.io.tmpdir when it is null. */
    static PrivateDirectory create(Path workRoot) throws IOException {
        return new PrivateDirectory(workRoot != null ? Files.createTempDirectory(Files.createDirectories(workRoot), "pod-", PRIVATE_DIRECTORY)
                : Files.createTempDirectory("nubicustos-pod-", PRIVATE_DIRECTORY));
    }

    Path path() {
        return path;
    }

    /** Creates {@code dir} (its parent must exist), 0700. */
    Path createDirectory(Path dir) throws IOException {
        return Files.createDirectory(dir, PRIVATE_DIRECTORY);
    }

    /** Writes a new file, 0400, creating missing parent directories 0700. */
    void writeFile(Path file, byte[] content) throws IOException {
        if (!Files.isDirectory(file.getParent())) {
            Files.createDirectories(file.getParent(), PRIVATE_DIRECTORY);
        }
        Files.createFile(file, NEW_FILE);
        Files.write(file, content);
        Files.setPosixFilePermissions(file, FILE_MODE);
    }

    void delete() {
        deleteTree(path);
    }

    /** Deletes a tree, files 0400 and all; never follows links out of it. */
    static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(d, DIRECTORY_MODE);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new UncheckedIOException("cannot delete " + dir, e);
            }
        }
    }
}
