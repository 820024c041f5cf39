package io.nubicustos.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * {@code make run}'s data directory ({@code .nubicustos/}: databases, keys, kubeconfig, logs), private
 * to the user who runs it: directories 0700 and files 0600, created so and never wider for a moment;
 * what an earlier run left with wider modes is narrowed at start. Links are never followed.
 */
final class DataDirectory {

    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIRECTORY = PosixFilePermissions.asFileAttribute(DIRECTORY_MODE);
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE = PosixFilePermissions.asFileAttribute(FILE_MODE);

    private DataDirectory() {
    }

    /** Creates {@code dir} and its missing parents 0700 (the parents that exist are left as they are). */
    static Path createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
            return dir;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent);
        }
        return Files.createDirectory(dir, PRIVATE_DIRECTORY);
    }

    /** Narrows every directory under {@code dir} (itself included) to 0700 and every regular file to 0600. */
    static void restrict(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(d, DIRECTORY_MODE);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                // Links and sockets keep their modes: a link's would be its target's.
                if (attrs.isRegularFile() && !Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(FILE_MODE)) {
                    Files.setPosixFilePermissions(file, FILE_MODE);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                // Deleted meanwhile (a database's temporary file).
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** {@code file}, existing and 0600: created so when missing, narrowed when an earlier run left it wider. */
    static Path privateFile(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(file + " is not a regular file");
            }
            Files.setPosixFilePermissions(file, FILE_MODE);
            return file;
        }
        return Files.createFile(file, PRIVATE_FILE);
    }

    /** Replaces the content of {@code file}, which is 0600 before the first byte is written. */
    static void write(Path file, String content) throws IOException {
        privateFile(file);
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }
}
