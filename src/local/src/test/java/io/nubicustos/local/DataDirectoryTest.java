package io.nubicustos.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path tmp;

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void whatAnEarlierRunLeftReadableByOthersBecomesPrivateAndLinksAreNotFollowed() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path logs = Files.createDirectory(data.resolve("logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path log = Files.writeString(logs.resolve("api.log"), "a line");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        Path kubeconfig = Files.writeString(data.resolve("kubeconfig"), "token: t");
        Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path outside = Files.writeString(tmp.resolve("outside"), "not ours to change");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(data.resolve("link"), outside);

        DataDirectory.restrict(data);

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(logs)).isEqualTo("rwx------");
        assertThat(mode(log)).isEqualTo("rw-------");
        assertThat(mode(kubeconfig)).isEqualTo("rw-------");
        assertThat(mode(outside)).as("a link's target outside the directory").isEqualTo("rw-r--r--");
        assertThat(Files.readString(log)).isEqualTo("a line");
    }

    @Test
    void filesAndDirectoriesAreCreatedPrivateAndAnExistingFileIsNarrowedBeforeItIsWritten() throws Exception {
        Path dir = DataDirectory.createDirectories(tmp.resolve("a/b"));
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("a"))).isEqualTo("rwx------");

        Path created = dir.resolve("kubeconfig");
        DataDirectory.write(created, "token: one");
        assertThat(mode(created)).isEqualTo("rw-------");

        Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rw-r--r--"));
        DataDirectory.write(created, "token: two");
        assertThat(mode(created)).isEqualTo("rw-------");
        assertThat(Files.readString(created)).isEqualTo("token: two");

        Path log = dir.resolve("operator.log");
        DataDirectory.privateFile(log);
        assertThat(mode(log)).isEqualTo("rw-------");
    }
}
