package io.nubicustos.api.v1alpha1.scanjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

    @ParameterizedTest(name = "{0} in {1} after {2} -> {3}")
    @CsvSource({
            // Nightly at 02:00 Berlin: 01:00 UTC in winter, 00:00 UTC in summer.
            "0 2 * * *,   Europe/Berlin,    2026-01-10T12:00:00Z, 2026-01-11T01:00:00Z",
            "0 2 * * *,   Europe/Berlin,    2026-07-10T12:00:00Z, 2026-07-11T00:00:00Z",
            // Spring forward in Berlin (2026-03-29): 02:30 local does not exist that night; next is the 30th.
            "30 2 * * *,  Europe/Berlin,    2026-03-28T02:00:00Z, 2026-03-30T00:30:00Z",
            // Across the change the gap between runs is 23 h: 02:00 CET on the 28th, 02:00 CEST on the 29th... 03:00 exists.
            "0 3 * * *,   Europe/Berlin,    2026-03-28T03:00:00Z, 2026-03-29T01:00:00Z",
            // Fall back (2026-10-25): 02:30 local happens twice; it runs once, at the first.
            "30 2 * * *,  Europe/Berlin,    2026-10-24T12:00:00Z, 2026-10-25T00:30:00Z",
            // New York and UTC, macros.
            "0 9 * * 1-5, America/New_York, 2026-11-20T15:00:00Z, 2026-11-23T14:00:00Z",
            "@daily,      UTC,              2026-11-23T10:00:00Z, 2026-11-24T00:00:00Z",
            "@hourly,     UTC,              2026-11-23T10:00:00Z, 2026-11-23T11:00:00Z",
            "*/15 * * * *, Asia/Kolkata,    2026-11-23T10:07:00Z, 2026-11-23T10:15:00Z" })
    void nextRunIsComputedInTheScheduleTimeZone(String cron, String zone, String after, String expected) {
        assertThat(CronSchedule.parse(cron, zone).next(Instant.parse(after))).contains(Instant.parse(expected));
    }

    @Test
    void latestIsTheSlotAtOrBeforeNow() {
        CronSchedule hourly = CronSchedule.parse("0 * * * *", null);
        assertThat(hourly.latest(Instant.parse("2026-11-23T10:59:59Z"))).contains(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(hourly.latest(Instant.parse("2026-11-23T11:00:00Z"))).contains(Instant.parse("2026-11-23T11:00:00Z"));
    }

    @Test
    void badExpressionsAndZonesNameTheField() {
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", null)).hasMessageStartingWith("spec.schedule");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * * *", "Mars/Olympus")).hasMessageStartingWith("spec.timeZone");
    }
}
