package io.nubicustos.local;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/** The scanner's output, line by line to the log, secret values redacted; keeps a tail for FallbackToLogsOnError. */
final class ScannerOutput extends Writer {

    private static final int TAIL_LINES = 80;

    private final Consumer<String> log;
    private final SecretValues secrets;
    private final StringBuilder line = new StringBuilder();
    private final Deque<String> tail = new ArrayDeque<>();

    ScannerOutput(Consumer<String> log, SecretValues secrets) {
        this.log = log;
        this.secrets = secrets;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (buf[i] == '\n') {
                emit();
            } else if (buf[i] != '\r') {
                line.append(buf[i]);
            }
        }
    }

    private void emit() {
        String text = secrets.redact(line.toString());
        line.setLength(0);
        tail.addLast(text);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
        log.accept(text);
    }

    /** The last lines, cut to the termination message's size from the end. */
    synchronized String tail() {
        String all = String.join("\n", tail);
        byte[] bytes = all.getBytes(StandardCharsets.UTF_8);
        int max = Termination.MAX_MESSAGE;
        return bytes.length <= max ? all : new String(bytes, bytes.length - max, max, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void flush() {
        if (line.length() > 0) {
            emit();
        }
    }

    @Override
    public void close() {
        flush();
    }
}
