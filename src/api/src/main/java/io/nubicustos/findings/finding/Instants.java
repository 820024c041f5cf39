package io.nubicustos.findings.finding;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as cursors carry them: microseconds since the epoch, PostgreSQL's own precision. */
final class Instants {

    private Instants() {
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant ofMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
