package io.nubicustos.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A jar the build packaged, run as its image runs it: a child JVM with its own environment and
 * its output in a log file. For what only a real process shows: signals, exit codes, the
 * command lines the README documents.
 */
public final class PackagedJar implements AutoCloseable {

    private final Process process;
    private final Path log;

    private PackagedJar(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar jar args...} with {@code env} added to this JVM's environment. */
    public static PackagedJar start(Path jar, Map<String, String> env, Path log, String... args) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the packaged-jar tests run after `package`");
        }
        ProcessBuilder builder = new ProcessBuilder(command(jar.toString(), args)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            return new PackagedJar(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code java -jar jar args...} in {@code directory} to its end, as someone runs a
     * command-line tool: {@code jar} as typed (relative to {@code directory}), its standard output
     * and error kept apart.
     */
    public static Run run(Path directory, String jar, Duration timeout, String... args) throws InterruptedException {
        if (!Files.isRegularFile(directory.resolve(jar))) {
            throw new IllegalStateException(directory.resolve(jar) + " is missing: the packaged-jar tests run after `package`");
        }
        try {
            Path out = Files.createTempFile("packaged-jar", ".out");
            Path err = Files.createTempFile("packaged-jar", ".err");
            try {
                Process process = new ProcessBuilder(command(jar, args)).directory(directory.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("java -jar " + jar + " " + String.join(" ", args) + " still ran after " + timeout
                            + ":\n" + Files.readString(err));
                }
                return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a command-line run ended. */
    public record Run(int exitCode, String out, String err) {
    }

    private static List<String> command(String jar, String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-jar", jar));
        command.addAll(List.of(args));
        return command;
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits until {@code condition} holds, failing early with the log if the process ends first. */
    public void awaitUntil(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("the process ended (" + process.exitValue() + ") before " + what + ":\n" + output());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " within " + timeout + ":\n" + output());
            }
            Thread.sleep(200);
        }
    }

    /** Sends SIGTERM, as the kubelet does, and returns the exit code, or empty if it is still alive after {@code grace}. */
    public java.util.OptionalInt terminate(Duration grace) throws InterruptedException {
        process.destroy();
        return process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** A thread dump of the still-running process into its log (SIGQUIT), for a failure message. */
    public String threadDump() throws InterruptedException {
        if (process.isAlive()) {
            try {
                new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                return "(no thread dump: " + e.getMessage() + ")";
            }
            Thread.sleep(1000);
        }
        return output();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
