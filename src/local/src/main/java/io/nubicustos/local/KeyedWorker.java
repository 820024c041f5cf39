package io.nubicustos.local;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * What the local controllers share: one daemon thread that works through their objects in order,
 * an object already waiting is not queued twice, a failure is logged and the next one goes on.
 */
final class KeyedWorker implements AutoCloseable {

    /** The alphabet Kubernetes controllers use for generated name suffixes. */
    static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final String name;
    private final Consumer<String> log;
    private final ExecutorService executor;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    KeyedWorker(String name, Consumer<String> log) {
        this.name = name;
        this.log = log;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} for {@code key} unless a task for it is already waiting. */
    void enqueue(String key, Runnable task) {
        if (queued.add(key)) {
            submit(key, () -> {
                queued.remove(key);
                task.run();
            });
        }
    }

    /** Runs {@code task}; after close, nothing. */
    void submit(String what, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.accept(name + ": " + what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException closed) {
            queued.remove(what);
        }
    }

    /** Interrupts the running task and waits for it to end. */
    void close(long seconds) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(10);
    }

    /** Five characters, as controllers suffix the names of pods and ReplicaSets they create. */
    static String randomSuffix() {
        StringBuilder s = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            s.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
