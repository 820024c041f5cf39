package io.nubicustos.api.v1alpha1.scanjob;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * A ScanJob's schedule: standard five-field cron (and the {@code @daily} style macros) in an IANA
 * time zone. Times are computed in that zone, so "0 2 * * *" in Europe/Berlin is 02:00 local on
 * both sides of a DST change; a local time that does not exist that day is skipped, one that
 * occurs twice runs once (cron-utils' semantics).
 */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ExecutionTime execution;
    private final ZoneId zone;

    private CronSchedule(ExecutionTime execution, ZoneId zone) {
        this.execution = execution;
        this.zone = zone;
    }

    /**
     * @throws IllegalArgumentException with a message naming the field, for a bad expression or zone
     */
    public static CronSchedule parse(String expression, String timeZone) {
        ZoneId zone;
        try {
            zone = timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("spec.timeZone is not a known IANA time zone");
        }
        try {
            return new CronSchedule(ExecutionTime.forCron(PARSER.parse(expand(expression.trim()))), zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("spec.schedule is not a valid cron expression: " + e.getMessage());
        }
    }

    /** The macros of the CRD's pattern, as the five fields they stand for (cron-utils' UNIX parser has none). */
    static String expand(String expression) {
        return switch (expression) {
            case "@yearly", "@annually" -> "0 0 1 1 *";
            case "@monthly" -> "0 0 1 * *";
            case "@weekly" -> "0 0 * * 0";
            case "@daily", "@midnight" -> "0 0 * * *";
            case "@hourly" -> "0 * * * *";
            default -> expression;
        };
    }

    /**
     * How often it runs at most: the shortest gap between consecutive runs among the next
     * {@code runs} after {@code from} (for "0 9,10 * * *", one hour).
     */
    public java.time.Duration shortestInterval(Instant from, int runs) {
        java.time.Duration shortest = null;
        Optional<Instant> previous = next(from);
        for (int i = 0; i < runs && previous.isPresent(); i++) {
            Optional<Instant> following = next(previous.get());
            if (following.isEmpty()) {
                break;
            }
            java.time.Duration gap = java.time.Duration.between(previous.get(), following.get());
            shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
            previous = following;
        }
        return shortest == null ? java.time.Duration.ofDays(366) : shortest;
    }

    /** The first scheduled time strictly after {@code after}. */
    public Optional<Instant> next(Instant after) {
        return execution.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }

    /** The latest scheduled time at or before {@code at}. */
    public Optional<Instant> latest(Instant at) {
        ZonedDateTime now = ZonedDateTime.ofInstant(at, zone);
        if (execution.isMatch(now.withNano(0)) && now.getSecond() == 0 && now.getNano() == 0) {
            return Optional.of(at);
        }
        return execution.lastExecution(now).map(ZonedDateTime::toInstant);
    }
}
